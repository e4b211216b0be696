import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildTrackingWorld, insertProject, type TrackingWorld } from './project-tracking-fixtures.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';

describeEachDb('挂图作战 milestones, baseline, battle map and the overview', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock; let w: TrackingWorld; let project: string;
  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb()));
    clock.set('2026-11-02T01:00:00Z');
    w = await buildTrackingWorld(app, ctx);
    project = (await insertProject(ctx, w, { name: '产业园标准厂房' })).id;
  });
  const url = (p = '') => `/api/v1/projects/${project}/milestones${p}`;

  it('keeps the baseline when the plan is first approved; later moves show the slip; done and overdue are marked', async () => {
    const a = (await w.staff.post(url(), { title: '基础完工', plannedStart: '2026-03-01', plannedEnd: '2026-06-30' })).json();
    const b = (await w.staff.post(url(), { title: '主体封顶', plannedStart: '2026-07-01', plannedEnd: '2026-10-31' })).json();
    const c = (await w.staff.post(url(), { title: '竣工验收', plannedEnd: '2027-03-31' })).json();
    expect((await w.staff.post(url(), { title: '倒挂', plannedStart: '2026-05-01', plannedEnd: '2026-04-01' })).statusCode).toBe(400);
    // Only the library units or the 督查室 approve the plan.
    expect((await w.staff.post(`/api/v1/projects/${project}/plan-approval`)).statusCode).toBe(403);
    let r = await w.sup.post(`/api/v1/projects/${project}/plan-approval`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().approval).toMatchObject({ approvedOn: '2026-11-02', milestoneCount: 3 });
    expect(r.json().milestones.map((m: any) => m.baselineEnd)).toEqual(['2026-06-30', '2026-10-31', '2027-03-31']);
    expect((await w.sup.post(`/api/v1/projects/${project}/plan-approval`)).statusCode).toBe(409);
    // Done late; the plan of b moves by 30 days; the baseline stays.
    r = await w.staff.patch(url(`/${a.id}`), { version: 2, actualEnd: '2026-07-05' });
    expect(r.json()).toMatchObject({ state: 'done', lateDays: 5, slipDays: 0 });
    r = await w.staff.patch(url(`/${b.id}`), { version: 2, plannedEnd: '2026-11-30' });
    expect(r.json()).toMatchObject({ state: 'planned', baselineEnd: '2026-10-31', slipDays: 30 });
    expect((await w.staff.patch(url(`/${b.id}`), { version: 2, plannedEnd: '2026-12-30' })).statusCode).toBe(409);
    expect((await w.staff.patch(url(`/${b.id}`), { version: 3, actualEnd: '2026-11-20' })).statusCode).toBe(400); // not in the future
    // A milestone added after the approval has no baseline and may be deleted; a baselined one may not.
    const d = (await w.staff.post(url(), { title: '设备进场', plannedEnd: '2026-10-15' })).json();
    expect(d).toMatchObject({ baselineEnd: null, slipDays: null, state: 'overdue' });
    expect((await w.staff.delete(url(`/${c.id}`))).statusCode).toBe(409);
    expect((await w.staff.delete(url(`/${d.id}`))).statusCode).toBe(200);
    const plan = (await w.leader.get(url())).json();
    expect(plan).toMatchObject({ canEdit: false, canApprove: false });
    expect(plan.milestones.map((m: any) => m.state)).toEqual(['done', 'planned', 'planned']);
    expect((await w.otherStaff.get(url())).statusCode).toBe(404);
  });

  it('draws the battle map of a filtered set, overdue only on request', async () => {
    const other = (await insertProject(ctx, w, { name: '城西道路', category: '基础设施' })).id;
    await w.staff.post(`/api/v1/projects/${other}/milestones`, { title: '路基', plannedEnd: '2026-09-30' });
    let m = (await w.sup.get('/api/v1/projects/battle-map')).json();
    expect(m.items.map((p: any) => p.name).sort()).toEqual(['产业园标准厂房', '城西道路']);
    m = (await w.sup.get('/api/v1/projects/battle-map?category=基础设施')).json();
    expect(m.items.map((p: any) => p.name)).toEqual(['城西道路']);
    m = (await w.sup.get('/api/v1/projects/battle-map?overdueOnly=true')).json();
    expect(m.items.map((p: any) => p.name)).toEqual(['城西道路']);
    expect((await w.otherStaff.get('/api/v1/projects/battle-map')).json().items).toEqual([]);
  });

  it('sums the overview from the monthly reports and exports every table to Excel', async () => {
    await w.staff.put(`/api/v1/projects/${project}/reports/2026-09`, { amount: 300, progressText: '主体施工' });
    await w.staff.put(`/api/v1/projects/${project}/reports/2026-10`, { amount: 400, progressText: '主体封顶' });
    await insertProject(ctx, w, { name: '迟迟未开工的项目', stage: 'preparation', plannedStart: '2026-05-01', actualStart: null });
    const o = (await w.sup.get('/api/v1/projects/overview?year=2026')).json();
    expect(o).toMatchObject({ year: 2026, count: 3, yearPlanned: 3600, yearCompleted: 700 });
    expect(o.months[9]).toMatchObject({ month: 10, plannedToDate: 3000, completed: 400, completedToDate: 700 });
    expect(o.months[11]).toMatchObject({ month: 12, completed: null });
    expect(o.byStage.map((g: any) => [g.key, g.count])).toEqual([['preparation', 1], ['construction', 2]]);
    expect(o.notStarted.map((p: any) => p.name)).toEqual(['迟迟未开工的项目']);
    const lag = o.laggards.find((p: any) => p.name === '产业园标准厂房');
    expect(lag).toMatchObject({ light: 'yellow', completionRate: 58.3, behind: 25 });
    expect(lag.reasons[0]).toContain('落后序时进度');
    expect(o.reports).toMatchObject({ period: '2026-10', dueOn: '2026-11-05', owing: 2, filed: 1 });
    const res = await w.sup.get('/api/v1/projects/overview/export?year=2026');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as any);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['按阶段', '按类别', '按乡镇', '按包抓领导', '月度投资', '滞后项目', '未按期开工', '本月到期手续']);
    expect(wb.getWorksheet('滞后项目')!.getRow(2).values).toContain('项目名称');
    const one = await w.sup.get('/api/v1/projects/overview/export?table=notStarted');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(one.rawPayload as any);
    expect(wb2.worksheets.map((s) => s.name)).toEqual(['未按期开工']);
    expect(String(wb2.worksheets[0].getRow(3).getCell(2).value)).toBe('迟迟未开工的项目');
  });

  it('the page receives the first 100 rows of a long list with its full length; the export holds every row', async () => {
    for (let i = 0; i < 120; i++) await insertProject(ctx, w, { name: `未开工项目${String(i).padStart(3, '0')}`, stage: 'reserve', plannedStart: `2026-0${1 + (i % 9)}-01`, actualStart: null });
    const o = (await w.sup.get('/api/v1/projects/overview?year=2026')).json();
    expect(o.listTotals).toEqual({ laggards: o.laggards.length, notStarted: 121, approvalsDue: 0, limit: 100 });
    expect(o.notStarted).toHaveLength(100);
    // Longest late first: the cut keeps the worst.
    expect(o.notStarted[0].plannedStart).toBe('2026-01-01');
    expect(o.notStarted.every((p: any, i: number) => i === 0 || o.notStarted[i - 1].daysLate >= p.daysLate)).toBe(true);
    const res = await w.sup.get('/api/v1/projects/overview/export?table=notStarted');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as any);
    expect(wb.worksheets[0].actualRowCount).toBe(2 + 121); // title, header, every project
  });

  it('the overview’s owed reports follow the dates of the month asked, not today’s stage', async () => {
    const owing = async () => (await w.sup.get('/api/v1/projects/overview?year=2026')).json().reports.owing;
    const before = await owing();
    await insertProject(ctx, w, { name: '在建但无开工日期', actualStart: null });
    const sep = await insertProject(ctx, w, { name: '九月竣工', stage: 'completed' });
    await ctx.db.updateTable('projects').set({ actualCompletion: '2026-09-30' }).where('id', '=', sep.id).execute();
    await insertProject(ctx, w, { name: '十一月开工', actualStart: '2026-11-01' });
    expect(await owing()).toBe(before);
    const oct = await insertProject(ctx, w, { name: '十月竣工', stage: 'completed' });
    await ctx.db.updateTable('projects').set({ actualCompletion: '2026-10-31' }).where('id', '=', oct.id).execute();
    expect(await owing()).toBe(before + 1);
  });
});
