// A source bureau's sheet at county-and-beyond scale: BENCH_IMPORT_ROWS (100,000) enterprises in the registry and a tax
// sheet of as many rows (元, below title rows), timed as (a) the floor: exceljs's bare read of the file, (b) the import's
// preview (read, every row checked, nothing written), (c) the commit (checked again, then every figure upserted in one
// transaction, batch and audit), with the heap grown during each. SQLite; PostgreSQL too with BENCH_DATABASE_URL.
import ExcelJS from 'exceljs';
import { buildApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import { newId, systemClock } from '../server/platform/clock.js';
import { loadActor } from '../server/platform/access/load-actor.js';
import type { Actor } from '../server/platform/access/actor.js';
import { buildCreditCode } from '../server/modules/enterprises/credit-code.js';
import { importSourceData } from '../server/modules/enterprises/data-service.js';
import { createUser, eachDatabase, exceljsFloor, machine, measure, type Bench, type BenchDatabase } from './lib.js';

const N = Number(process.env.BENCH_IMPORT_ROWS || 100_000);
const REGION = '990178';
const YEAR = 2025;


async function benchOn(bdb: BenchDatabase, file: Buffer, codes: string[]): Promise<void> {
  const { ctx } = await buildApp({ database: bdb.database, config: testConfig({}), clock: systemClock, webDist: null });
  const now = new Date().toISOString();
  await ctx.db.insertInto('regions').values({ code: REGION, name: '压测县', level: 'county', parentCode: null }).execute();
  const unitId = newId();
  await ctx.db.insertInto('units').values({ id: unitId, regionCode: REGION, name: '压测县经济和信息化局', shortName: null, kind: 'bureau', parentId: null, phone: null, createdAt: now, updatedAt: now }).execute();
  const user = await createUser(ctx, { regionCode: REGION, unitId, roles: ['unit_staff'] });
  await ctx.db.insertInto('settings').values({ key: 'mu.officeUnitIds', value: JSON.stringify([unitId]), updatedAt: now }).execute();
  for (let i = 0; i < codes.length; i += 500) {
    await ctx.db.insertInto('enterprises').values(codes.slice(i, i + 500).map((creditCode, k) => ({
      id: newId(), regionCode: REGION, creditCode, name: `压测企业${i + k}`, industryCode: null, townshipCode: null, park: null, aboveScale: 1,
      landAreaMu: 10, producingSince: null, closedOn: null, codeOverrideReason: null, searchText: creditCode.toLowerCase(), createdAt: now, updatedAt: now,
    }))).execute();
  }
  const actor = (await loadActor(ctx, user.id, '127.0.0.1')) as Actor;
  const preview = await measure(() => importSourceData(ctx, actor, { source: 'tax', year: YEAR, fileName: 'bench.xlsx', buffer: file, commit: false }));
  if (preview.value.errors.length) throw new Error(`bench sheet has errors: ${JSON.stringify(preview.value.errors.slice(0, 3))}`);
  const commit = await measure(() => importSourceData(ctx, actor, { source: 'tax', year: YEAR, fileName: 'bench.xlsx', buffer: file, commit: true }));
  const again = await measure(() => importSourceData(ctx, actor, { source: 'tax', year: YEAR, fileName: 'bench.xlsx', buffer: file, commit: true }));
  console.log(`  ${bdb.label}: preview ${preview.seconds} (+${preview.heapMb} MB heap); commit ${commit.seconds} (+${commit.heapMb} MB), ${commit.value.created.toLocaleString('en')} created; re-import ${again.seconds}, ${again.value.updated.toLocaleString('en')} updated`);
}

const bench: Bench = {
  description: `Import of a ${N.toLocaleString('en')}-row tax sheet (元 → 万元) into the 企业库, beside exceljs's bare read of the file`,
  async run() {
    console.log(machine());
    const codes = Array.from({ length: N }, (_, i) => buildCreditCode('91', REGION, `MA${String(i).padStart(6, '0')}`));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow([`${YEAR}年度工业企业实缴税金明细表`]);
    ws.addRow(['单位：元']);
    ws.addRow(['序号', '纳税人识别号', '纳税人名称', '实缴税金']);
    codes.forEach((c, i) => ws.addRow([i + 1, c, `压测企业${i}`, 10_000 + ((i * 7919) % 5_000_000)]));
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    console.log(`  sheet: ${(file.length / 1048576).toFixed(1)} MB`);
    await exceljsFloor(file);
    await eachDatabase((bdb) => benchOn(bdb, file, codes));
    return true;
  },
};
export default bench;
