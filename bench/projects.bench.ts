// The 重大项目 overview at county scale: 5,000 projects (BENCH_PROJECTS) with ten years (BENCH_MONTHS 120) of monthly
// reports for those started (≈400,000 reports), milestones and approvals; GET /api/v1/projects/overview for the 督查室 (every project) and for a
// unit (its own), timed one request at a time over HTTP (session, validation, JSON), beside the service call alone;
// the Excel export of every table; and the battle map of 100 projects.
import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import type { Ctx } from '../server/context.js';
import { newId, systemClock } from '../server/platform/clock.js';
import { loadActor } from '../server/platform/access/load-actor.js';
import { projectOverview } from '../server/modules/projects/overview-service.js';
import { addPeriods } from '../server/modules/projects/reports-rules.js';
import { createUser, eachDatabase, machine, ms, signIn, type Bench, type BenchDatabase } from './lib.js';

const PROJECTS = Number(process.env.BENCH_PROJECTS || 5_000);
const MONTHS = Number(process.env.BENCH_MONTHS || 120);
const UNITS = 60;
const REGION = '990103';
const RUNS = 15;

const bench: Bench = {
  description: `project overview over ${PROJECTS.toLocaleString('en')} projects × ${MONTHS} months of reports, one request at a time (${RUNS} runs)`,
  async run() {
    await eachDatabase((bdb) => benchOn(bdb));
    return true;
  },
};
export default bench;

async function seed(ctx: Ctx): Promise<{ unitIds: string[] }> {
  const now = new Date().toISOString();
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await ctx.db.insertInto('regions').values({ code: REGION, name: '压测县', level: 'county', parentCode: null }).execute();
  const unitIds = Array.from({ length: UNITS }, () => newId());
  await ctx.db.insertInto('units').values(unitIds.map((id, i) => ({ id, regionCode: REGION, name: `压测单位${i}`, shortName: null, kind: 'bureau', parentId: null, sortOrder: i, phone: null, createdAt: now, updatedAt: now }))).execute();
  const year = Number(today.slice(0, 4));
  const last = addPeriods(today.slice(0, 7), -1);
  const first = addPeriods(last, -(MONTHS - 1));
  const stages = ['construction', 'construction', 'construction', 'preparation', 'reserve', 'completed'];
  const cats = ['产业', '基础设施', '社会民生', '生态环保', '其他'];
  let s = 12345; const rand = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const t0 = Date.now();
  for (let b = 0; b < PROJECTS; b += 200) {
    await ctx.db.transaction().execute(async (trx) => {
      const projects = []; const plans = []; const reports = []; const milestones = []; const approvals = [];
      for (let i = b; i < Math.min(PROJECTS, b + 200); i++) {
        const id = newId(); const stage = stages[i % stages.length];
        projects.push({ id, regionCode: REGION, serial: `${year}-${String(i + 1).padStart(5, '0')}`, name: `压测项目${i}`, projectCode: null, category: cats[i % cats.length], industryCode: null,
          townshipCode: null, ownerName: null, ownerCreditCode: null, content: null, totalInvestment: 10000 + Math.round(rand() * 90000), plannedStart: `${year - 1}-03-01`,
          actualStart: stage === 'construction' || stage === 'completed' ? `${year - 1}-04-01` : null, plannedCompletion: `${year + 1}-12-31`, actualCompletion: null,
          leaderUserId: null, leadUnitId: unitIds[i % UNITS], taskForce: null, planSummary: null, stage, stageSince: `${year - 1}-04-01`, createdBy: null, createdAt: now, updatedAt: now });
        plans.push({ projectId: id, year, plannedInvestment: 3000 + Math.round(rand() * 5000) }, { projectId: id, year: year - 1, plannedInvestment: 3000 });
        if (stage === 'construction' || stage === 'completed') {
          for (let p = first; p <= last; p = addPeriods(p, 1)) {
            reports.push({ id: newId(), projectId: id, regionCode: REGION, period: p, year: Number(p.slice(0, 4)), amount: Math.round(rand() * 60000) / 100, progressText: '按计划推进',
              problemsText: null, source: 'form', dueOn: `${addPeriods(p, 1)}-05`, filedAt: now, filedBy: null, filedByName: null, late: rand() < 0.2 ? 1 : 0, updatedAt: now });
          }
        }
        for (let k = 0; k < 4; k++) milestones.push({ id: newId(), projectId: id, title: `节点${k + 1}`, plannedStart: null, plannedEnd: `${year}-${String(3 * k + 2).padStart(2, '0')}-15`, actualEnd: null, baselineStart: null, baselineEnd: null, sortOrder: k, note: null, createdAt: now, updatedAt: now });
        approvals.push({ projectId: id, kind: 'construction_permit', variant: null, plannedOn: `${today.slice(0, 7)}-${String(1 + (i % 28)).padStart(2, '0')}`, actualOn: null, docRef: null, note: null, updatedAt: now });
      }
      await trx.insertInto('projects').values(projects).execute();
      await trx.insertInto('projectYearPlans').values(plans).execute();
      for (let r = 0; r < reports.length; r += 400) await trx.insertInto('projectReports').values(reports.slice(r, r + 400)).execute();
      await trx.insertInto('projectMilestones').values(milestones).execute();
      await trx.insertInto('projectApprovals').values(approvals).execute();
    });
  }
  const n = await ctx.db.selectFrom('projectReports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  console.log(`  seeded ${PROJECTS} projects, ${Number(n.n).toLocaleString('en')} monthly reports in ${ms(t0)}`);
  return { unitIds };
}

const stats = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)], min: s[0] }; };
const fmt = (x: { median: number; p95: number; min: number }) => `median ${x.median.toFixed(1)} ms, p95 ${x.p95.toFixed(1)} ms, min ${x.min.toFixed(1)} ms`;

async function time(fn: () => Promise<unknown>, runs = RUNS): Promise<number[]> {
  await fn(); // warm
  const out: number[] = [];
  for (let i = 0; i < runs; i++) { const t = performance.now(); await fn(); out.push(performance.now() - t); }
  return out;
}

async function benchOn(bdb: BenchDatabase): Promise<void> {
  console.log(`-- ${bdb.label}`);
  const { app, ctx } = await buildApp({ database: bdb.database, config: testConfig({}), clock: systemClock, webDist: null });
  const { unitIds } = await seed(ctx);
  const sup = await createUser(ctx, { regionCode: REGION, roles: ['supervisor'] });
  const staff = await createUser(ctx, { regionCode: REGION, unitId: unitIds[0], roles: ['unit_staff'] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const get = (cookie: string, path: string) => async () => {
      const r = await fetch(base + path, { headers: { cookie } });
      if (!r.ok) throw new Error(`${path}: ${r.status}`);
      await r.arrayBuffer();
    };
    const supCookie = await signIn(base, sup);
    const staffCookie = await signIn(base, staff);
    const actor = (await loadActor(ctx, sup.id, null))!;
    const o = await projectOverview(ctx, actor, {});
    console.log(`  overview: ${o.count} projects, year completed ${o.yearCompleted.toLocaleString('en')} 万元, lights ${JSON.stringify(o.lights)}, ${o.laggards.length} laggards, ${o.approvalsDue.length} approvals due`);
    console.log(`  service projectOverview (督查室, all projects): ${fmt(stats(await time(() => projectOverview(ctx, actor, {}))))}`);
    console.log(`  GET /api/v1/projects/overview (督查室):         ${fmt(stats(await time(get(supCookie, '/api/v1/projects/overview'))))}`);
    console.log(`  GET /api/v1/projects/overview (one unit):       ${fmt(stats(await time(get(staffCookie, '/api/v1/projects/overview'))))}`);
    console.log(`  GET /api/v1/projects/overview/export (xlsx):   ${fmt(stats(await time(get(supCookie, '/api/v1/projects/overview/export'), 5)))}`);
    console.log(`  GET /api/v1/projects/battle-map (100 projects): ${fmt(stats(await time(get(supCookie, '/api/v1/projects/battle-map?limit=100'))))}`);
  } finally {
    await app.close();
  }
}
