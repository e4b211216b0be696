// 亩均 evaluation at county scale: BENCH_MU_ENTERPRISES (100,000) synthetic enterprises with a year of figures, and
// (a) the scoring engine alone over the snapshot in memory (rules.ts evaluate), (b) a whole run through the service
// (snapshot read, evaluation, results written in one transaction), with the heap grown during it, (c) the floor: one
// SQL aggregate over the same rows (Σ tax / Σ land by 规上/规下), (d) reading the run back (the run page's group
// figures, stored with the run), (e) one enterprise's explanation (the result drawer) and a page of 50 results.
// Heap grown is sampled every 5 ms; the process's peak resident memory is printed at the end.
// SQLite; PostgreSQL too with BENCH_DATABASE_URL.
import { sql } from 'kysely';
import { buildApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import type { Ctx } from '../server/context.js';
import { newId, systemClock } from '../server/platform/clock.js';
import { loadActor } from '../server/platform/access/load-actor.js';
import type { Actor } from '../server/platform/access/actor.js';
import { evaluate, huangyan2022Scheme } from '../server/modules/mu/rules.js';
import { createScheme } from '../server/modules/mu/service.js';
import { createRun, getResult, getRun, listResults } from '../server/modules/mu/runs.js';
import { enterpriseSnapshot } from '../server/modules/enterprises/snapshot.js';
import { createUser, eachDatabase, machine, measure, type Bench, type BenchDatabase } from './lib.js';

const N = Number(process.env.BENCH_MU_ENTERPRISES || 100_000);
const YEAR = 2025;
const REGION = '990177';

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

async function seed(ctx: Ctx): Promise<Actor> {
  const now = new Date().toISOString();
  await ctx.db.insertInto('regions').values({ code: REGION, name: '压测县', level: 'county', parentCode: null }).execute();
  const unitId = newId();
  await ctx.db.insertInto('units').values({ id: unitId, regionCode: REGION, name: '压测县经济和信息化局', shortName: null, kind: 'bureau', parentId: null, phone: null, createdAt: now, updatedAt: now }).execute();
  const user = await createUser(ctx, { regionCode: REGION, unitId, roles: ['unit_staff'] });
  await ctx.db.insertInto('settings').values({ key: 'mu.officeUnitIds', value: JSON.stringify([unitId]), updatedAt: now }).execute();
  const r = rng(42);
  const ents: Record<string, unknown>[] = [];
  const data: Record<string, unknown>[] = [];
  for (let i = 0; i < N; i++) {
    const id = newId();
    const above = r() < 0.6;
    const land = Math.round((2 + r() * 120) * 10) / 10;
    ents.push({ id, regionCode: REGION, creditCode: `91990177MA${String(i).padStart(8, '0')}`, name: `压测企业${i}`, industryCode: r() < 0.03 ? '4610' : `C${13 + Math.floor(r() * 30)}`,
      townshipCode: null, park: null, aboveScale: above ? 1 : 0, landAreaMu: land, producingSince: r() < 0.05 ? '2024-06-01' : '2012-01-01', closedOn: null, codeOverrideReason: null, createdAt: now, updatedAt: now });
    const scale = above ? 1 : 0.15;
    const fig = { tax: land * (2 + r() * 40) * scale, value_added: land * (20 + r() * 200) * scale, revenue: land * (100 + r() * 900) * scale, rd_expense: land * r() * 20 * scale,
      employees: Math.round(5 + r() * 400 * scale), electricity: land * (5 + r() * 50), energy: land * (1 + r() * 60), emissions: 0.01 + r() * 3 };
    for (const [field, value] of Object.entries(fig)) if (r() > 0.04) data.push({ enterpriseId: id, year: YEAR, field, value, source: 'stats', batchId: null, updatedAt: now });
  }
  for (let i = 0; i < ents.length; i += 500) await ctx.db.insertInto('enterprises').values(ents.slice(i, i + 500) as never).execute();
  for (let i = 0; i < data.length; i += 1000) await ctx.db.insertInto('enterpriseYearData').values(data.slice(i, i + 1000) as never).execute();
  return (await loadActor(ctx, user.id, '127.0.0.1'))!;
}

const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;

async function benchOn(bdb: BenchDatabase): Promise<void> {
  const { ctx, app } = await buildApp({ database: bdb.database, config: testConfig({}), clock: systemClock, webDist: null });
  try {
    const t0 = performance.now();
    const actor = await seed(ctx);
    console.log(`[${bdb.label}] seeded ${N.toLocaleString('en')} enterprises in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const snapshot = await enterpriseSnapshot(ctx, ctx.db, REGION, YEAR);
    const def = huangyan2022Scheme();
    const engine = await measure(() => evaluate(def, { year: YEAR, enterprises: snapshot, adjustments: {}, priorMeans: {} }));
    const engine2 = await measure(() => evaluate(def, { year: YEAR, enterprises: snapshot, adjustments: {}, priorMeans: {} }));
    const scheme = await createScheme(ctx, actor, { year: YEAR, name: '压测评价办法' });
    const run = await measure(() => createRun(ctx, actor, scheme.id));
    const rerun = await measure(() => createRun(ctx, actor, scheme.id));
    const floor = await measure(() => sql<{ above: number; tax: number; land: number }>`
      select e.above_scale as above, sum(d.value) as tax, sum(e.land_area_mu) as land
      from enterprises e join enterprise_year_data d on d.enterprise_id = e.id and d.year = ${YEAR} and d.field = 'tax'
      where e.region_code = ${REGION} group by e.above_scale`.execute(ctx.db));
    const read = await measure(() => getRun(ctx, actor, run.value.id));
    const page = await measure(() => listResults(ctx, actor, run.value.id, { groupKey: 'above', page: 3, pageSize: 50 } as never));
    const one = page.value.items[7]!;
    const drawer = await measure(() => getResult(ctx, actor, run.value.id, one.enterpriseId));
    const rows = [
      ['scoring engine alone (in memory)', engine.ms, engine.heapMb],
      ['  again (warm)', engine2.ms, engine2.heapMb],
      ['run: snapshot + score + write results', run.ms, run.heapMb],
      ['re-run of the draft (replace results)', rerun.ms, rerun.heapMb],
      ['floor: one SQL aggregate over the rows', floor.ms, floor.heapMb],
      ['run page: the run and its group figures', read.ms, read.heapMb],
      ['results page (50 rows of one group)', page.ms, page.heapMb],
      ["one enterprise's explanation (drawer)", drawer.ms, drawer.heapMb],
    ] as const;
    console.log(`[${bdb.label}] ${run.value.enterpriseCount} enterprises, ${run.value.evaluatedCount} evaluated; classes ${JSON.stringify(run.value.classCounts)}`);
    const w = Math.max(...rows.map((r) => r[0].length));
    console.log(`${''.padEnd(w)}  ${'time ms'.padStart(9)}  ${'heap grown'.padStart(10)}`);
    for (const [name, t, h] of rows) console.log(`${name.padEnd(w)}  ${t.toFixed(1).padStart(9)}  ${`${h} MB`.padStart(10)}`);
    console.log(`[${bdb.label}] ${drawer.value.items[0]?.why.zh ?? ''}`);
    console.log(`[${bdb.label}] process peak resident memory so far: ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    await app.close();
  }
}

const bench: Bench = {
  description: `亩均 evaluation run over ${N.toLocaleString('en')} synthetic enterprises: engine, whole run, re-run, beside one SQL aggregate`,
  async run() {
    console.log(machine());
    await eachDatabase((bdb) => benchOn(bdb));
    return true;
  },
};
export default bench;
