import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildLeader, buildRegion, buildUnit, buildUser, Client } from './factories.js';
import { docxText, unzipEntry } from './unzip.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';

// One county, November 2026, built step by step with the clock (09:00 Shanghai each day):
//   T1 (A) deadline 10-30, accepted, never finished          → red at the end of October and of November (repeated)
//   T2 (A) deadline 11-13, accepted, escalated on 11-16      → red, escalated (repeated)
//   T3 (A) deadline 12-31, accepted, reported 70% on 11-20   → green
//   T4 (A) completed 10-20                                    → finished before the period: not in the bulletin
//   T5 (A) assigned 11-02, deadline 11-20, completed 11-10   → completed in the period, on time
//   T6 (A) assigned 12-01                                     → after the period: not in the bulletin
//   T7 (B) assigned 11-02, deadline 12-31, never accepted    → yellow (not accepted in time)
//   T8 (B) assigned 11-02, deadline 11-20, accepted          → red, first time (not repeated)
describeEachDb('通报 bulletin', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock;
  let region: string; let unitA: string; let unitB: string;
  let sup: Client; let staffA: Client; let staffB: Client; let leader: Client; let viewer: Client;
  const T: Record<string, any> = {};
  const on = (day: string) => clock.set(`${day}T01:00:00Z`);
  const NOV = 'from=2026-11-01&to=2026-11-30';

  const create = async (key: string, o: { unit?: string; deadline: string }) => {
    const r = await sup.post('/api/v1/tasks', { source: 'key_work', title: `重点工作${key}：推进项目${Math.random().toString(36).slice(2, 6)}`, leadUnitId: o.unit ?? unitA, deadline: o.deadline, cadence: 'once' });
    expect(r.statusCode, r.body).toBe(201);
    T[key] = r.json().task;
  };
  const act = async (c: Client, key: string, action: string, body: Record<string, unknown> = {}) => {
    const r = await c.post(`/api/v1/tasks/${T[key].id}/actions/${action}`, { version: T[key].version, ...body });
    expect(r.statusCode, r.body).toBe(200);
    T[key] = r.json();
  };

  beforeAll(async () => {
    // Sessions long enough to outlive the clock's moves.
    ({ app, ctx, clock } = await testApp(getDb(), { sessionIdleMinutes: 60 * 24 * 400, sessionMaxHours: 24 * 400 }));
    on('2026-10-12');
    region = (await buildRegion(ctx, { name: '示例县' })).code;
    unitA = (await buildUnit(ctx, region, { name: '县发改局' })).id;
    unitB = (await buildUnit(ctx, region, { name: '县住建局' })).id;
    const office = (await buildUnit(ctx, region)).id;
    sup = new Client(app); await sup.login(await buildUser(ctx, { regionCode: region, unitId: office, roles: ['supervisor'] }));
    staffA = new Client(app); await staffA.login(await buildUser(ctx, { regionCode: region, unitId: unitA, roles: ['unit_staff'] }));
    staffB = new Client(app); await staffB.login(await buildUser(ctx, { regionCode: region, unitId: unitB, roles: ['unit_staff'] }));
    const leaderUser = await buildUser(ctx, { regionCode: region, unitId: office, roles: ['leader'] });
    await buildLeader(ctx, leaderUser, [unitA]);
    leader = new Client(app); await leader.login(leaderUser);
    viewer = new Client(app); await viewer.login(await buildUser(ctx, { regionCode: region, unitId: office, roles: ['viewer'] }));

    await create('T1', { deadline: '2026-10-30' }); await act(staffA, 'T1', 'accept');
    await create('T2', { deadline: '2026-11-13' }); await act(staffA, 'T2', 'accept');
    await create('T3', { deadline: '2026-12-31' }); await act(staffA, 'T3', 'accept');
    await create('T4', { deadline: '2026-10-30' }); await act(staffA, 'T4', 'accept');
    on('2026-10-19'); await act(staffA, 'T4', 'request_completion', { comment: '已完成' });
    on('2026-10-20'); await act(sup, 'T4', 'complete');
    on('2026-11-02');
    await create('T5', { deadline: '2026-11-20' }); await act(staffA, 'T5', 'accept');
    await create('T7', { unit: unitB, deadline: '2026-12-31' });
    await create('T8', { unit: unitB, deadline: '2026-11-20' }); await act(staffB, 'T8', 'accept');
    on('2026-11-09'); await act(staffA, 'T5', 'request_completion', { comment: '已完成' });
    on('2026-11-10'); await act(sup, 'T5', 'complete');
    on('2026-11-16');
    const e = await sup.post(`/api/v1/tasks/${T.T2.id}/escalations`, { requirement: '请加快推进' });
    expect(e.statusCode, e.body).toBe(201);
    T.T2esc = e.json();
    on('2026-11-20'); await act(staffA, 'T3', 'report', { progress: 70 });
    on('2026-12-01'); await create('T6', { deadline: '2026-12-31' });
    on('2026-12-02');
  });

  it('counts November by status and colour as they stood on 11-30, new and completed in the period', async () => {
    const r = await sup.get(`/api/v1/bulletins/preview?${NOV}`);
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    expect(b).toMatchObject({ from: '2026-11-01', to: '2026-11-30', asOf: '2026-11-30', periodName: '2026年11月', title: '关于2026年11月重点工作督查情况的通报' });
    expect(b.totals).toEqual({ tasks: 6, assignedInPeriod: 3, completedInPeriod: 1, escalatedInPeriod: 1 });
    expect(b.byStatus).toEqual({ assigned: 1, returned: 0, in_progress: 4, completion_requested: 0, completed: 1, closed: 0, cancelled: 0 });
    expect(b.byRag).toEqual({ red: 3, yellow: 1, green: 2 });
  });

  it('lists the red tasks with their reasons; red in two bulletins or escalated is "repeated"', async () => {
    const b = (await sup.get(`/api/v1/bulletins/preview?${NOV}`)).json();
    const byId = Object.fromEntries(b.red.map((r: any) => [r.taskId, r]));
    expect(Object.keys(byId).sort()).toEqual([T.T1.id, T.T2.id, T.T8.id].sort());
    expect(b.red.map((r: any) => r.taskId)).toEqual([T.T1.id, T.T2.id, T.T8.id]); // by deadline
    expect(byId[T.T1.id]).toMatchObject({ redBefore: true, repeated: true, escalations: 0, deadline: '2026-10-30', leadUnit: { name: '县发改局' } });
    expect(byId[T.T1.id].reasons[0].message).toMatch(/^截止日期已过 \d+ 个工作日$/);
    expect(byId[T.T2.id]).toMatchObject({ redBefore: false, repeated: true, escalations: 1, lastEscalation: T.T2esc.number });
    expect(byId[T.T8.id]).toMatchObject({ redBefore: false, repeated: false, escalations: 0 });
    expect(b.repeatedRed.sort()).toEqual([T.T1.id, T.T2.id].sort());
  });

  it('ranks the units (assessment) with the on-time completion figures of the period', async () => {
    const b = (await sup.get(`/api/v1/bulletins/preview?${NOV}`)).json();
    const a = b.ranking.find((r: any) => r.unit.id === unitA);
    const bb = b.ranking.find((r: any) => r.unit.id === unitB);
    expect(a).toMatchObject({ tasks: 4, due: 3, completed: 1, completedOnTime: 1, onTimeRate: 0.3333, red: 2 });
    expect(bb).toMatchObject({ tasks: 2, due: 1, completed: 0, completedOnTime: 0, onTimeRate: 0, red: 1 });
    const ranks = b.ranking.map((r: any) => r.rank).filter((x: any) => x !== null);
    expect(ranks).toEqual([...ranks].sort((x: number, y: number) => x - y));
    expect(typeof a.explanation).toBe('string');
  });

  it('reads the same for a past period when generated later, after the tasks moved on', async () => {
    const first = (await sup.get(`/api/v1/bulletins/preview?${NOV}`)).json();
    on('2026-12-10');
    await act(staffA, 'T1', 'request_completion', { comment: '已完成' });
    await act(sup, 'T1', 'complete');
    on('2026-12-20');
    const later = (await sup.get(`/api/v1/bulletins/preview?${NOV}`)).json();
    expect(later.totals).toEqual(first.totals);
    expect(later.byStatus).toEqual(first.byStatus);
    expect(later.byRag).toEqual(first.byRag);
    expect(later.red.map((r: any) => [r.taskId, r.repeated])).toEqual(first.red.map((r: any) => [r.taskId, r.repeated]));
    // December sees T1 completed late and T6 new.
    const dec = (await sup.get('/api/v1/bulletins/preview?from=2026-12-01&to=2026-12-31')).json();
    expect(dec.asOf).toBe('2026-12-20');
    expect(dec.totals.assignedInPeriod).toBe(1);
    expect(dec.red.map((r: any) => r.taskId)).not.toContain(T.T1.id);
  });

  it('scopes: a leader sees his portfolio\'s tasks, a viewer the county\'s, unit staff nothing', async () => {
    expect((await leader.get(`/api/v1/bulletins/preview?${NOV}`)).json().totals.tasks).toBe(4);
    expect((await viewer.get(`/api/v1/bulletins/preview?${NOV}`)).json().totals.tasks).toBe(6);
    for (const path of ['preview', 'docx', 'xlsx']) expect((await staffA.get(`/api/v1/bulletins/${path}?${NOV}`)).statusCode).toBe(403);
  });

  it('refuses a bad period with the field named', async () => {
    const field = async (q: string) => { const r = await sup.get(`/api/v1/bulletins/preview?${q}`); expect(r.statusCode, r.body).toBe(400); return r.json().errors.map((e: any) => `${e.field}:${e.code}`); };
    expect(await field('from=2026-11-30&to=2026-11-01')).toEqual(['to:bulletin.periodOrder']);
    expect(await field('from=2025-01-01&to=2026-11-30')).toEqual(['to:bulletin.periodTooLong']);
    expect(await field('from=2027-01-01&to=2027-01-31')).toEqual(['from:bulletin.periodFuture']);
    expect(await field('from=2026-11&to=2026-11-30')).toEqual(['from:invalid.pattern']);
    expect(await field('to=2026-11-30')).toEqual(['from:invalid.required']);
  });

  it('writes the 通报 as a GB/T 9704 .docx with the four sections, the red list and the ranking', async () => {
    const r = await viewer.get(`/api/v1/bulletins/docx?${NOV}&number=${encodeURIComponent('示督查〔2026〕11期')}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    const xml = unzipEntry(r.rawPayload, 'word/document.xml')!;
    const text = docxText(xml);
    for (const s of ['示例县人民政府督查室', '示督查〔2026〕11期', '关于2026年11月重点工作督查情况的通报', '一、总体情况', '二、红灯事项', '三、单位排名', '四、下步要求',
      '全县纳入督查督办的事项共6项', '红灯3项、黄灯1项、绿灯2项', T.T1.title, T.T8.title, '1★', T.T2esc.number, '督办情况', '县发改局', '县住建局', '2026年12月20日']) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain(T.T4.title);
    expect(text).not.toContain(T.T6.title);
    expect(xml).toContain('w:linePitch="579"');
  });

  it('writes the 通报 as .xlsx: 总体情况, 红灯事项, 单位排名 with their headers', async () => {
    const r = await sup.get(`/api/v1/bulletins/xlsx?${NOV}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as any);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总体情况', '红灯事项', '单位排名']);
    const header = (name: string) => (wb.getWorksheet(name)!.getRow(2).values as unknown[]).slice(1);
    expect(header('总体情况')).toEqual(['项目', '数量']);
    expect(header('红灯事项')).toEqual(['序号', '事项编号', '事项', '牵头单位', '截止时限', '状态', '进度', '红灯原因', '督办次数', '最近督办', '连续红灯或已督办']);
    expect(header('单位排名')).toEqual(['排名', '单位', '得分', '事项数', '到期事项', '已办结', '按期办结', '按期办结率', '红灯事项', '得分说明']);
    const overview = new Map<string, unknown>();
    wb.getWorksheet('总体情况')!.eachRow((row, i) => { if (i > 2) overview.set(String(row.getCell(1).value), row.getCell(2).value); });
    expect(overview.get('纳入督办事项')).toBe(6);
    expect(overview.get('红灯')).toBe(3);
    expect(overview.get('办理中')).toBe(4);
    const red = wb.getWorksheet('红灯事项')!;
    expect(red.rowCount).toBe(2 + 3);
    expect(red.getRow(3).getCell(3).value).toBe(T.T1.title);
    expect(red.getRow(3).getCell(11).value).toBe('是');
  });
});
