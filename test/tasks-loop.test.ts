import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildLeader, buildRegion, buildUnit, buildUser, Client, type TestUser } from './factories.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';

describeEachDb('督查督办 loop', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock;
  let region: string; let unitA: string; let unitB: string; let unitC: string;
  let sup: Client; let staffA: Client; let staffB: Client; let staffC: Client; let leader: Client; let leaderUser: TestUser;
  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb()));
    clock.set('2026-11-02T01:00:00Z'); // Monday 09:00 in Shanghai
    region = (await buildRegion(ctx)).code;
    unitA = (await buildUnit(ctx, region)).id; unitB = (await buildUnit(ctx, region)).id; unitC = (await buildUnit(ctx, region)).id;
    const office = (await buildUnit(ctx, region)).id;
    sup = new Client(app); await sup.login(await buildUser(ctx, { regionCode: region, unitId: office, roles: ['supervisor'] }));
    staffA = new Client(app); await staffA.login(await buildUser(ctx, { regionCode: region, unitId: unitA, roles: ['unit_staff'] }));
    staffB = new Client(app); await staffB.login(await buildUser(ctx, { regionCode: region, unitId: unitB, roles: ['unit_staff'] }));
    staffC = new Client(app); await staffC.login(await buildUser(ctx, { regionCode: region, unitId: unitC, roles: ['unit_staff'] }));
    leaderUser = await buildUser(ctx, { regionCode: region, unitId: office, roles: ['leader'] });
    await buildLeader(ctx, leaderUser, [unitA]);
    leader = new Client(app); await leader.login(leaderUser);
  });

  const create = async (over: Record<string, unknown> = {}) => {
    const r = await sup.post('/api/v1/tasks', { source: 'instruction', sourceRef: '示政办〔2026〕12号', title: `推进老旧小区改造${Math.random()}`, leadUnitId: unitA, coUnitIds: [unitB], deadline: '2026-12-31', cadence: 'weekly', ...over });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().task;
  };
  const act = (c: Client, id: string, action: string, body: Record<string, unknown>) => c.post(`/api/v1/tasks/${id}/actions/${action}`, body);

  it('runs the whole loop: assign → accept → report → extension → completion → verify → close, every step in the timeline', async () => {
    const t = await create();
    expect(t.status).toBe('assigned');
    expect(t.serial).toMatch(/^2026-\d{4}$/);
    let r = await act(staffA, t.id, 'accept', { version: t.version });
    expect(r.statusCode, r.body).toBe(200);
    r = await act(staffA, t.id, 'report', { version: r.json().version, progress: 30, comment: '已完成摸底调查' });
    expect(r.json().progress).toBe(30);
    r = await act(staffA, t.id, 'report', { version: r.json().version, noChange: true });
    expect(r.json().progress).toBe(30);
    r = await act(staffA, t.id, 'request_extension', { version: r.json().version, extendTo: '2027-01-29', comment: '冬季停工' });
    expect(r.json().pendingExtensionTo).toBe('2027-01-29');
    r = await act(sup, t.id, 'approve_extension', { version: r.json().version });
    expect(r.json().deadline).toBe('2027-01-29');
    r = await act(staffA, t.id, 'request_completion', { version: r.json().version, comment: '改造完成，附验收报告' });
    expect(r.json().status).toBe('completion_requested');
    r = await act(sup, t.id, 'send_back', { version: r.json().version, comment: '缺少居民满意度调查' });
    expect(r.json().status).toBe('in_progress');
    r = await act(staffA, t.id, 'request_completion', { version: r.json().version, comment: '已补充' });
    r = await act(sup, t.id, 'complete', { version: r.json().version, quality: 5 });
    expect(r.json().status).toBe('completed');
    r = await act(sup, t.id, 'close', { version: r.json().version });
    expect(r.json().status).toBe('closed');
    const detail = (await sup.get(`/api/v1/tasks/${t.id}`)).json();
    expect(detail.events.map((e: any) => e.action)).toEqual(['assign', 'accept', 'report', 'report', 'request_extension', 'approve_extension', 'request_completion', 'send_back', 'request_completion', 'complete', 'close']);
    expect(detail.allowedActions).toEqual([]);
    const audited = await ctx.db.selectFrom('auditLog').select('action').where('entityId', '=', t.id).execute();
    expect(audited).toHaveLength(11);
  });

  it('answers an illegal transition with 409 and the allowed actions; the wrong side with 403', async () => {
    const t = await create();
    const r = await act(sup, t.id, 'complete', { version: t.version });
    expect(r.statusCode).toBe(409);
    expect(r.json().allowedActions).toEqual(['reassign', 'cancel']);
    expect((await act(staffB, t.id, 'accept', { version: t.version })).statusCode).toBe(403); // a co-unit cannot accept for the lead
    expect((await act(sup, t.id, 'accept', { version: t.version })).statusCode).toBe(403);
  });

  it('refuses a return after the acceptance limit (working days)', async () => {
    const t = await create({ coUnitIds: [] });
    expect(t.acceptDue).toBe('2026-11-05'); // three working days after Monday 11-02
    // As if it had been assigned a week earlier: the limit passed last Friday.
    await ctx.db.updateTable('tasks').set({ acceptDue: '2026-10-30' }).where('id', '=', t.id).execute();
    const r = await act(staffA, t.id, 'return', { version: t.version, reason: 'territory' });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('task.returnTooLate');
    expect(r.json().allowedActions).toEqual(['accept']);
  });

  it('lets exactly one of two simultaneous actions win (optimistic concurrency)', async () => {
    const t = await create();
    const [a, b] = await Promise.all([act(staffA, t.id, 'accept', { version: t.version }), act(staffA, t.id, 'return', { version: t.version, reason: 'territory' })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });

  it('returns with a reason and the supervisor reassigns to another unit', async () => {
    const t = await create({ coUnitIds: [] });
    expect((await act(staffA, t.id, 'return', { version: t.version })).statusCode).toBe(400);
    let r = await act(staffA, t.id, 'return', { version: t.version, reason: 'territory', comment: '属地为东湖镇' });
    expect(r.json().status).toBe('returned');
    r = await act(sup, t.id, 'reassign', { version: r.json().version, leadUnitId: unitC });
    expect(r.json().leadUnit.id).toBe(unitC);
    expect((await act(staffC, t.id, 'accept', { version: r.json().version })).statusCode).toBe(200);
  });

  it('scopes tasks: a unit sees its own and those it co-works on; a leader his portfolio; other units get 404', async () => {
    const t = await create();
    const other = await create({ leadUnitId: unitC, coUnitIds: [] });
    const listA = (await staffA.get('/api/v1/tasks?pageSize=200')).json();
    expect(listA.items.map((x: any) => x.id)).toContain(t.id);
    expect(listA.items.map((x: any) => x.id)).not.toContain(other.id);
    expect((await staffB.get(`/api/v1/tasks/${t.id}`)).statusCode).toBe(200); // co-unit
    expect((await staffB.get(`/api/v1/tasks/${other.id}`)).statusCode).toBe(404);
    const l = (await leader.get('/api/v1/tasks?pageSize=200')).json();
    expect(l.items.map((x: any) => x.id)).toContain(t.id);
    expect(l.items.map((x: any) => x.id)).not.toContain(other.id);
  });

  it('refuses bad input with the field named: deadline before start, unknown unit, too-frequent cadence', async () => {
    const bad = await sup.post('/api/v1/tasks', { source: 'meeting', title: '测试事项', leadUnitId: 'nope', deadline: '2026-10-01', startDate: '2026-11-02' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: any) => e.field).sort()).toEqual(['deadline', 'leadUnitId']);
    const patch = await sup.patch('/api/v1/settings', { 'security.idleMinutes': 30 });
    expect(patch.statusCode).toBe(403); // the supervisor is not a settings administrator
    expect((await staffA.post('/api/v1/tasks', { source: 'meeting', title: '测试事项', leadUnitId: unitA, deadline: '2026-12-01' })).statusCode).toBe(403);
  });

  it('colours by working days: red the working day after the deadline, with the reason', async () => {
    // Today is Monday 2026-11-02; a deadline on Friday 10-30 passed one working day ago.
    const t = await create({ startDate: '2026-10-12', deadline: '2026-10-30', cadence: 'once' });
    await act(staffA, t.id, 'accept', { version: t.version });
    const res = await act(staffA, t.id, 'report', { version: t.version + 1, progress: 50 });
    expect(res.json().rag).toBe('red');
    expect(res.json().ragReasons[0].message).toBe('截止日期已过 1 个工作日');
    const list = (await sup.get('/api/v1/tasks?rag=red&pageSize=200')).json();
    expect(list.items.map((x: any) => x.id)).toContain(t.id);
    expect(list.counts.red).toBeGreaterThanOrEqual(1);
  });

  it('finds tasks by Chinese substrings of two and more characters, and treats % and _ literally', async () => {
    const t = await create({ title: '推进城关镇污水管网改造工程', sourceRef: '示政阅〔2026〕88号' });
    const ids = async (q: string) => (await sup.get(`/api/v1/tasks?pageSize=200&q=${encodeURIComponent(q)}`)).json().items.map((x: any) => x.id);
    expect(await ids('污水')).toContain(t.id);
    expect(await ids('污水管网改造')).toContain(t.id);
    expect(await ids('88号')).toContain(t.id);
    expect(await ids('管网污水')).not.toContain(t.id);
    expect(await ids('%')).not.toContain(t.id);
    expect(await ids('"')).toEqual([]);
  });

  it('fills the unit inbox tabs', async () => {
    const t = await create();
    const inbox = (await staffA.get('/api/v1/tasks/inbox?tab=accept')).json();
    expect(inbox.items.map((x: any) => x.id)).toContain(t.id);
    expect(inbox.counts.accept).toBeGreaterThanOrEqual(1);
  });

  it('needs the leader to sign off a meeting decision before closing', async () => {
    const t = await create({ source: 'meeting', sourceTitle: '县政府第12次常务会议', leaderUserId: leaderUser.id });
    let r = await act(staffA, t.id, 'accept', { version: t.version });
    r = await act(staffA, t.id, 'request_completion', { version: r.json().version, comment: '完成' });
    r = await act(sup, t.id, 'complete', { version: r.json().version });
    expect((await act(sup, t.id, 'close', { version: r.json().version })).statusCode).toBe(409);
    r = await act(leader, t.id, 'sign_off', { version: r.json().version });
    expect(r.statusCode, r.body).toBe(200);
    expect((await act(sup, t.id, 'close', { version: r.json().version })).json().status).toBe('closed');
  });
});
