import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildLeader, buildRegion, buildUnit, buildUser, Client, type TestUser } from './factories.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';

// November 2026 in one county. acceptDays = 3 working days: assigned Monday 11-02 → to accept by Thursday 11-05.
//   unit A: T1 accepted on 11-05 (the last day: on time), completion asked on its deadline 11-20 (on time, though the
//           supervisor verified on 11-23), quality 4. T2 accepted 11-09 (late), weekly reports due 11-13/11-20/11-27,
//           reported 11-13 (on the day) and 11-28 (late), never finished: overdue at the end of November.
//           A returned T3 on 11-03; the supervisor gave it to B.
//   unit B: T3 accepted 11-04 (on time), T4 never accepted (late). Both due in December.
//   unit C: nothing.
describeEachDb('督查考核 assessment', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock;
  let region: string; let unitA: string; let unitB: string; let unitC: string;
  let sup: Client; let staffA: Client; let staffB: Client; let leader: Client; let viewer: Client; let admin: Client;
  const users: Record<'sup' | 'staffA' | 'staffB' | 'leader' | 'viewer' | 'admin', TestUser> = {} as any;
  const ids: Record<string, string> = {};
  // Moving the clock by days outlives the sessions (idle timeout): everyone signs in again.
  const signInAll = async () => {
    const c = async (u: TestUser) => { const x = new Client(app); await x.login(u, ctx); return x; };
    [sup, staffA, staffB, leader, viewer, admin] = await Promise.all([users.sup, users.staffA, users.staffB, users.leader, users.viewer, users.admin].map(c));
  };
  const at = async (day: string) => { clock.set(`${day}T01:00:00Z`); await signInAll(); }; // 09:00 in Shanghai
  const act = async (c: () => Client, id: string, action: string, body: Record<string, unknown> = {}) => {
    const version = (await c().get(`/api/v1/tasks/${id}`)).json().task.version;
    const r = await c().post(`/api/v1/tasks/${id}/actions/${action}`, { version, ...body });
    expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
    return r.json();
  };

  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb()));
    clock.set('2026-11-02T01:00:00Z');
    region = (await buildRegion(ctx)).code;
    unitA = (await buildUnit(ctx, region, { name: '甲局' })).id;
    unitB = (await buildUnit(ctx, region, { name: '乙局' })).id;
    unitC = (await buildUnit(ctx, region, { name: '丙局' })).id;
    const office = (await buildUnit(ctx, region, { name: '督查室' })).id;
    users.sup = await buildUser(ctx, { regionCode: region, unitId: office, roles: ['supervisor'] });
    users.staffA = await buildUser(ctx, { regionCode: region, unitId: unitA, roles: ['unit_staff'] });
    users.staffB = await buildUser(ctx, { regionCode: region, unitId: unitB, roles: ['unit_staff'] });
    users.leader = await buildUser(ctx, { regionCode: region, unitId: office, roles: ['leader'] });
    await buildLeader(ctx, users.leader, [unitA]);
    users.viewer = await buildUser(ctx, { regionCode: region, unitId: office, roles: ['viewer'] });
    users.admin = await buildUser(ctx, { regionCode: region, roles: ['sysadmin'] });
    await signInAll();

    const create = async (key: string, over: Record<string, unknown>) => {
      const r = await sup.post('/api/v1/tasks', { source: 'meeting', title: `考核测试事项${key}`, leadUnitId: unitA, cadence: 'once', ...over });
      expect(r.statusCode, r.body).toBe(201);
      ids[key] = r.json().task.id;
    };
    await create('T1', { deadline: '2026-11-20' });
    await create('T2', { deadline: '2026-11-27', cadence: 'weekly' });
    await create('T3', { deadline: '2026-12-31' });
    await create('T4', { deadline: '2026-12-15', leadUnitId: unitB });
    await at('2026-11-03');
    await act(() => staffA, ids.T3, 'return', { reason: 'territory' });
    await act(() => sup, ids.T3, 'reassign', { leadUnitId: unitB });
    await at('2026-11-04'); await act(() => staffB, ids.T3, 'accept');
    await at('2026-11-05'); await act(() => staffA, ids.T1, 'accept');
    await at('2026-11-09'); await act(() => staffA, ids.T2, 'accept');
    await at('2026-11-13'); await act(() => staffA, ids.T2, 'report', { progress: 30, comment: '已启动' });
    await at('2026-11-20'); await act(() => staffA, ids.T1, 'request_completion', { comment: '已完成' });
    await at('2026-11-23'); await act(() => sup, ids.T1, 'complete', { quality: 4 });
    await at('2026-11-28'); await act(() => staffA, ids.T2, 'report', { progress: 60, comment: '推进中' });
    await at('2026-12-02');
  });

  const november = '/api/v1/assessment?from=2026-11-01&to=2026-11-30';

  it('scores and ranks every unit from the record, with the facts behind each score', async () => {
    const res = await sup.get(november);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.period).toEqual({ from: '2026-11-01', to: '2026-11-30', cutoff: '2026-11-30', asOf: '2026-11-30' });
    expect(body.weights).toEqual({ acceptOnTime: 15, reportOnTime: 25, completeOnTime: 40, overdue: 10, returns: 0, quality: 10 });
    const byName = Object.fromEntries(body.rows.map((r: any) => [r.unit.name, r]));
    expect(byName['甲局'].facts).toEqual({
      assigned: 2, acceptDue: 2, acceptedOnTime: 1, reportsDue: 3, reportsOnTime: 1, completionDue: 2, completedOnTime: 1,
      active: 2, overdue: 1, returns: 1, qualityCount: 1, qualitySum: 4, meanQuality: 4,
    });
    // 15×½ + 25×⅓ + 40×½ + 10×½ + 0 + 10×⅘ = 48.83
    expect(byName['甲局'].points).toEqual({ acceptOnTime: 7.5, reportOnTime: 8.33, completeOnTime: 20, overdue: 5, returns: 0, quality: 8 });
    expect(byName['甲局'].total).toBe(48.8);
    expect(byName['乙局'].facts).toMatchObject({ assigned: 2, acceptDue: 2, acceptedOnTime: 1, reportsDue: 0, completionDue: 0, active: 2, overdue: 0, returns: 0 });
    // Acceptance and overdue measurable (25 points): (7.5 + 10) / 25 → 70.
    expect(byName['乙局'].total).toBe(70);
    expect(byName['乙局'].explanation).toContain('按其余 25 分折算为百分制');
    expect(byName['丙局']).toMatchObject({ total: null, rank: null, explanation: '本期无可考核的事项，不参与排名' });
    expect(body.rows.slice(0, 2).map((r: any) => [r.unit.name, r.rank])).toEqual([['乙局', 1], ['甲局', 2]]);
    expect(body.rows.at(-1).rank).toBeNull();
  });

  it('shows the tasks behind each number of a unit', async () => {
    const res = await sup.get(`/api/v1/assessment/units/${unitA}?from=2026-11-01&to=2026-11-30`);
    expect(res.statusCode, res.body).toBe(200);
    const { row, tasks } = res.json();
    expect(row.rank).toBe(2);
    const idsOf = (list: any[]) => list.map((t) => t.id);
    expect(idsOf(tasks.acceptedOnTime)).toEqual([ids.T1]);
    expect(idsOf(tasks.acceptLate)).toEqual([ids.T2]);
    expect(idsOf(tasks.completedOnTime)).toEqual([ids.T1]);
    expect(tasks.completedOnTime[0].doneAt).toBe('2026-11-20T01:00:00.000Z'); // when the unit asked, not when verified
    expect(idsOf(tasks.completeLate)).toEqual([ids.T2]);
    expect(idsOf(tasks.overdue)).toEqual([ids.T2]);
    expect(tasks.quality.map((t: any) => [t.id, t.quality])).toEqual([[ids.T1, 4]]);
    expect(tasks.reports.map((r: any) => [r.due, r.met])).toEqual([['2026-11-13', true], ['2026-11-20', false], ['2026-11-27', false]]);
    expect(tasks.returns.map((r: any) => [r.taskId, r.reason])).toEqual([[ids.T3, 'territory']]);
  });

  it('counts nothing as late before its day is over: a period running today', async () => {
    await at('2026-11-05'); // the last day to accept T1, T2 and T4 is not over yet
    try {
      const body = (await sup.get('/api/v1/assessment?from=2026-11-01&to=2026-11-30')).json();
      const byName = Object.fromEntries(body.rows.map((r: any) => [r.unit.name, r]));
      expect(body.period).toMatchObject({ cutoff: '2026-11-04', asOf: '2026-11-05' });
      expect(byName['甲局'].facts).toMatchObject({ acceptDue: 1, acceptedOnTime: 1, overdue: 0 }); // the record as it is now: T1 accepted today
      expect(byName['乙局'].facts).toMatchObject({ acceptDue: 1, acceptedOnTime: 1 }); // T4's last day is today: not yet late
    } finally { await at('2026-12-02'); }
  });

  it('scopes rows: a leader sees his portfolio, unit staff may not read the assessment', async () => {
    const l = (await leader.get(november)).json();
    // His portfolio (A) and his own office; ranked among what he may see.
    expect(l.rows.map((r: any) => r.unit.name)).toEqual(['甲局', '督查室']);
    expect(l.rows[0].rank).toBe(1);
    expect((await viewer.get(november)).json().rows.length).toBe(4);
    expect((await staffA.get(november)).statusCode).toBe(403);
    expect((await leader.get(`/api/v1/assessment/units/${unitB}?from=2026-11-01&to=2026-11-30`)).statusCode).toBe(404);
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    const r = await sup.get('/api/v1/assessment?from=2026-11-30&to=2026-11-01');
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0]).toMatchObject({ field: 'to', code: 'assessment.periodOrder' });
    expect((await sup.get('/api/v1/assessment?from=2026-11-01')).statusCode).toBe(400);
  });

  it('exports the ranking to Excel with the title, the weights and the explanation', async () => {
    const res = await sup.get(`/api/v1/assessment/xlsx?from=2026-11-01&to=2026-11-30`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as any);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('督查考核排名（2026-11-01 至 2026-11-30）');
    expect(ws.getRow(2).values).toContain('按期办结（40分）');
    expect([ws.getCell('A3').value, ws.getCell('B3').value, ws.getCell('C3').value]).toEqual([1, '乙局', 70]);
    expect(String(ws.getRow(4).getCell(ws.columnCount).value)).toMatch(/^得分 48.8：按期签收 1\/2 件/);
  });

  it('lets the administrator change the weights — results only, summing to 100 — and the scores follow', async () => {
    const bad = await admin.patch('/api/v1/settings', { 'assessment.weights': { acceptOnTime: 20, reportOnTime: 20, completeOnTime: 40, overdue: 10, returns: 0, quality: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'assessment.weights', code: 'assessment.weightsSum' });
    const activity = await admin.patch('/api/v1/settings', { 'assessment.weights': { acceptOnTime: 20, reportOnTime: 20, completeOnTime: 40, overdue: 10, returns: 0, quality: 0, logins: 10 } });
    expect(activity.statusCode).toBe(400);
    expect(activity.json().errors.map((e: any) => e.field)).toContain('assessment.weights/logins');
    expect((await admin.patch('/api/v1/settings', { 'assessment.weights': { acceptOnTime: 0, reportOnTime: 0, completeOnTime: 100, overdue: 0, returns: 0, quality: -5 } })).statusCode).toBe(400);
    expect((await sup.patch('/api/v1/settings', { 'tasks.acceptDays': 5 })).statusCode).toBe(403);
    const ok = await admin.patch('/api/v1/settings', { 'assessment.weights': { acceptOnTime: 0, reportOnTime: 0, completeOnTime: 100, overdue: 0, returns: 0, quality: 0 }, 'tasks.maxReportFrequency': 'monthly' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()['tasks.maxReportFrequency']).toBe('monthly');
    const body = (await sup.get(november)).json();
    const byName = Object.fromEntries(body.rows.map((r: any) => [r.unit.name, r]));
    expect(byName['甲局'].total).toBe(50);
    expect(byName['乙局'].total).toBeNull(); // nothing to complete in November: not ranked on completion alone
    const a = await ctx.db.selectFrom('auditLog').select('action').where('action', '=', 'settings.update').execute();
    expect(a.length).toBe(1);
  });
});
