// A county's project ledger (项目台账) at BENCH_LEDGER_ROWS (20,000) rows, written as counties write it: two title rows,
// a two-row header with merged cells ("总投资" over "亿元", "1-10月完成投资" over "万元"), 亿元 and 万元 columns, a 合计
// row and blank rows. Timed: (a) the floor, exceljs's bare load and walk of the same file; (b) the import's preview
// (read, match columns, check every row, nothing written); (c) the commit (checked again, 20,000 projects created in
// one transaction, with their year plans, stage moves, audit and — once the ledger's "1-N月完成投资" is written to the
// monthly reports — as many reports); (d) re-importing the same file (every project matched by its code: updated).
// SQLite; PostgreSQL too with BENCH_DATABASE_URL.
import ExcelJS from 'exceljs';
import { buildApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import { newId, systemClock } from '../server/platform/clock.js';
import { loadActor } from '../server/platform/access/load-actor.js';
import type { Actor } from '../server/platform/access/actor.js';
import { importLedger } from '../server/modules/projects/library-import.js';
import { createUser, eachDatabase, exceljsFloor, machine, measure, ms, type Bench, type BenchDatabase } from './lib.js';

const N = Number(process.env.BENCH_LEDGER_ROWS || 20_000);
const REGION = '990179';
const UNITS = 60;
const LEADERS = 12;
const TOWNSHIPS = 15;
const CATEGORIES = ['产业', '基础设施', '社会民生', '生态环保'];


/** The ledger file, as a 发改局 keeps it. */
async function ledger(year: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目台账');
  const top = ['序号', '项目名称', '投资项目统一代码', '项目类别', '所在乡镇', '建设内容', '总投资', `${year}年计划投资`, '1-10月完成投资', '计划开工时间', '实际开工时间', '项目阶段', '包抓领导', '牵头单位', '备注'];
  const sub = ['', '', '', '', '', '', '亿元', '万元', '万元', '', '', '', '', '', ''];
  ws.addRow([`压测县${year}年重大项目推进情况台账`]);
  ws.mergeCells(1, 1, 1, top.length);
  ws.addRow([`填报单位：压测县发展和改革局　　截至 ${year}年10月31日`]);
  ws.mergeCells(2, 1, 2, top.length);
  ws.addRow(top);
  ws.addRow(sub);
  top.forEach((_, c) => { if (!sub[c]) ws.mergeCells(3, c + 1, 4, c + 1); });
  let total = 0;
  for (let i = 0; i < N; i++) {
    const inv = 0.5 + ((i * 7919) % 500) / 10; // 亿元
    total += inv;
    const plan = Math.round(inv * 10000 * 0.3);
    ws.addRow([i + 1, `压测项目${i}号`, `${year}-${REGION}-48-01-${String(i).padStart(6, '0')}`, CATEGORIES[i % CATEGORIES.length], `压测镇${i % TOWNSHIPS}`,
      '新建厂房及配套设施', inv, plan, Math.round(plan * (0.3 + ((i * 31) % 60) / 100)), `${year - 1}-0${1 + (i % 9)}-01`, `${year - 1}-0${1 + (i % 9)}-15`, '在建',
      `压测领导${i % LEADERS}`, `压测单位${i % UNITS}`, i % 50 === 0 ? '省重点' : '']);
    if (i % 5000 === 4999) ws.addRow([]); // the blank lines a ledger collects
  }
  ws.addRow(['合计', '', '', '', '', '', Math.round(total * 100) / 100]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function benchOn(bdb: BenchDatabase, file: Buffer): Promise<void> {
  const { ctx, app } = await buildApp({ database: bdb.database, config: testConfig({}), clock: systemClock, webDist: null });
  try {
    const now = new Date().toISOString();
    await ctx.db.insertInto('regions').values({ code: REGION, name: '压测县', level: 'county', parentCode: null }).execute();
    await ctx.db.insertInto('regions').values(Array.from({ length: TOWNSHIPS }, (_, i) => ({ code: `${REGION}${String(100 + i)}`, name: `压测镇${i}`, level: 'township', parentCode: REGION }))).execute();
    await ctx.db.insertInto('units').values(Array.from({ length: UNITS }, (_, i) => ({ id: newId(), regionCode: REGION, name: `压测单位${i}`, shortName: null, kind: 'bureau', parentId: null, sortOrder: i, phone: null, createdAt: now, updatedAt: now }))).execute();
    for (let k = 0; k < LEADERS; k++) {
      const u = await createUser(ctx, { regionCode: REGION, roles: ['leader'] });
      await ctx.db.updateTable('users').set({ displayName: `压测领导${k}` }).where('id', '=', u.id).execute();
    }
    const sup = await createUser(ctx, { regionCode: REGION, roles: ['supervisor'] });
    const actor = (await loadActor(ctx, sup.id, '127.0.0.1')) as Actor;
    const preview = await measure(() => importLedger(ctx, actor, file, false));
    if (preview.value.errors.length) throw new Error(`bench ledger has errors: ${JSON.stringify(preview.value.errors.slice(0, 3))}`);
    const commit = await measure(() => importLedger(ctx, actor, file, true));
    const reports = await ctx.db.selectFrom('projectReports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const again = await measure(() => importLedger(ctx, actor, file, true));
    console.log(`  ${bdb.label}: preview ${preview.seconds} (+${preview.heapMb} MB heap), ${preview.value.total.toLocaleString('en')} rows, header rows ${preview.value.headerRows}, units ${JSON.stringify(preview.value.units)}`);
    console.log(`  ${bdb.label}: commit ${commit.seconds} (+${commit.heapMb} MB heap): ${commit.value.created.toLocaleString('en')} projects created, ${Number(reports.n).toLocaleString('en')} monthly reports filed from the ledger`);
    console.log(`  ${bdb.label}: re-import of the same file ${again.seconds} (+${again.heapMb} MB heap): ${again.value.updated.toLocaleString('en')} updated, ${again.value.created} created`);
  } finally {
    await app.close();
  }
}

const bench: Bench = {
  description: `Import of a ${N.toLocaleString('en')}-row project ledger (title rows, merged two-row header, 亿元, 合计) beside exceljs's bare read`,
  async run() {
    console.log(machine());
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const t0 = Date.now();
    const file = await ledger(year);
    console.log(`  ledger: ${(file.length / 1048576).toFixed(1)} MB, written in ${ms(t0)}`);
    await exceljsFloor(file);
    await eachDatabase((bdb) => benchOn(bdb, file));
    return true;
  },
};
export default bench;
