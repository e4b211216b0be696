import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildLeader, buildRegion, buildUnit, buildUser, Client, type TestUser } from './factories.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';

// 减负: unit A gets two tasks on Monday 2026-11-02.
//   T1 monthly to 12-31 → reports due 11-30 and 12-31. T2 weekly to 11-27, accepted 11-09 → due 11-13, 11-20, 11-27.
//   A reports T2 on 11-13 (progress and a comment: 2 fields typed) and on 11-20 "no change" (nothing typed).
//   The reminder job (rows in `reminders`) nudged A twice in November and once in December.
describeEachDb('减负 burden meter', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock;
  let region: string; let unitA: string; let unitB: string;
  const users: Record<'sup' | 'staffA' | 'leader', TestUser> = {} as any;
  const ids: Record<string, string> = {};
  const signIn = async (u: TestUser) => { const c = new Client(app); await c.login(u, ctx); return c; };
  const at = (day: string) => clock.set(`${day}T01:00:00Z`);
  const act = async (u: TestUser, id: string, action: string, body: Record<string, unknown> = {}) => {
    const c = await signIn(u);
    const version = (await c.get(`/api/v1/tasks/${id}`)).json().task.version;
    const r = await c.post(`/api/v1/tasks/${id}/actions/${action}`, { version, ...body });
    expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  };

  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb()));
    at('2026-11-02');
    region = (await buildRegion(ctx)).code;
    unitA = (await buildUnit(ctx, region, { name: '甲局' })).id;
    unitB = (await buildUnit(ctx, region, { name: '乙局' })).id;
    const office = (await buildUnit(ctx, region, { name: '督查室' })).id;
    users.sup = await buildUser(ctx, { regionCode: region, unitId: office, roles: ['supervisor'] });
    users.staffA = await buildUser(ctx, { regionCode: region, unitId: unitA, roles: ['unit_staff'] });
    users.leader = await buildUser(ctx, { regionCode: region, unitId: office, roles: ['leader'] });
    await buildLeader(ctx, users.leader, [unitB]);
    const sup = await signIn(users.sup);
    for (const [key, over] of [['T1', { deadline: '2026-12-31', cadence: 'monthly' }], ['T2', { deadline: '2026-11-27', cadence: 'weekly' }]] as const) {
      const r = await sup.post('/api/v1/tasks', { source: 'key_work', title: `减负测试事项${key}`, leadUnitId: unitA, ...over });
      expect(r.statusCode, r.body).toBe(201);
      ids[key] = r.json().task.id;
    }
    await act(users.staffA, ids.T1, 'accept');
    at('2026-11-09'); await act(users.staffA, ids.T2, 'accept');
    at('2026-11-13'); await act(users.staffA, ids.T2, 'report', { progress: 30, comment: '已完成方案' });
    at('2026-11-20'); await act(users.staffA, ids.T2, 'report', { noChange: true });
    const reminder = (taskId: string, dueKey: string, createdAt: string) => ({ taskId, kind: 'report_due', dueKey, createdAt, digestedAt: null });
    await ctx.db.insertInto('reminders').values([
      reminder(ids.T2, '2026-11-13', '2026-11-12T01:00:00.000Z'),
      reminder(ids.T2, '2026-11-27', '2026-11-30T15:59:59.000Z'), // 23:59 on 11-30 in Shanghai: still November
      reminder(ids.T1, '2026-12-31', '2026-11-30T16:00:00.000Z'), // 00:00 on 12-01 in Shanghai: December
    ]).execute();
    at('2026-12-02');
  });

  it('shows per unit and month the reports asked for and filed, the fields typed, the reminders and the results', async () => {
    const sup = await signIn(users.sup);
    const res = await sup.get('/api/v1/burden?year=2026&month=11');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.months).toEqual(['2026-11']);
    const a = body.rows.find((r: any) => r.unit.id === unitA);
    expect(a.months).toEqual([{
      month: '2026-11', tasksAssigned: 2, reportsRequested: 4, reportsFiled: 2, fieldsTyped: 2, remindersSent: 2,
      completedOnTime: 0, completeLate: 1, overdue: 1,
    }]);
    expect(body.rows[0].unit.id).toBe(unitA); // the heaviest load first
    const b = body.rows.find((r: any) => r.unit.id === unitB);
    expect(b.total).toMatchObject({ tasksAssigned: 0, reportsRequested: 0, remindersSent: 0 });
  });

  it('spans several months, with a total per unit (overdue: the count at the end of the last month)', async () => {
    const sup = await signIn(users.sup);
    const body = (await sup.get('/api/v1/burden?from=2026-11&to=2026-12')).json();
    expect(body.months).toEqual(['2026-11', '2026-12']);
    const a = body.rows.find((r: any) => r.unit.id === unitA);
    expect(a.months[1]).toMatchObject({ month: '2026-12', tasksAssigned: 0, reportsRequested: 1, reportsFiled: 0, remindersSent: 1 });
    expect(a.total).toMatchObject({ tasksAssigned: 2, reportsRequested: 5, reportsFiled: 2, fieldsTyped: 2, remindersSent: 3, overdue: 1 });
    expect((await sup.get('/api/v1/burden?year=2026')).json().months).toHaveLength(12);
  });

  it('refuses a bad range with the field named', async () => {
    const sup = await signIn(users.sup);
    const cases: [string, string, string][] = [
      ['/api/v1/burden?from=2026-12&to=2026-11', 'to', 'assessment.periodOrder'],
      ['/api/v1/burden?from=2025-01&to=2026-12', 'to', 'burden.range'],
      ['/api/v1/burden?month=11', 'year', 'invalid.required'],
      ['/api/v1/burden?from=2026-13', 'from', 'invalid.pattern'],
    ];
    for (const [url, field, code] of cases) {
      const r = await sup.get(url);
      expect(r.statusCode, url).toBe(400);
      expect(r.json().errors[0], url).toMatchObject({ field, code });
    }
  });

  it('is for the 督查室 and the leaders: a leader sees his portfolio, unit staff may not look', async () => {
    const leader = await signIn(users.leader);
    const l = (await leader.get('/api/v1/burden?year=2026&month=11')).json();
    expect(l.rows.map((r: any) => r.unit.name).sort()).toEqual(['乙局', '督查室']);
    expect((await (await signIn(users.staffA)).get('/api/v1/burden?year=2026&month=11')).statusCode).toBe(403);
  });

  it('exports one line per unit and month to Excel', async () => {
    const sup = await signIn(users.sup);
    const res = await sup.get('/api/v1/burden/xlsx?year=2026&month=11');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as any);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('基层减负监测（2026-11 至 2026-11）');
    expect(ws.getRow(2).values).toEqual([undefined, '单位', '月份', '交办事项', '要求反馈次数', '实际反馈次数', '填报字段数', '催办次数', '按期办结', '逾期办结或未办结', '月末超期未办结']);
    expect(ws.getRow(3).values).toEqual([undefined, '甲局', '2026-11', 2, 4, 2, 2, 2, 0, 1, 1]);
  });
});
