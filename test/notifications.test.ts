import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildLeader, buildRegion, buildUnit, buildUser, Client, type TestUser } from './factories.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';

describeEachDb('notifications: the inbox and the loop\'s notices', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock;
  let region: string; let unitA: string; let unitB: string;
  let supUser: TestUser; let staffAUser: TestUser; let adminAUser: TestUser; let staffBUser: TestUser; let leaderUser: TestUser;
  let sup: Client; let staffA: Client; let adminA: Client; let staffB: Client; let leader: Client; let outsider: Client;
  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb()));
    clock.set('2026-11-02T01:00:00Z'); // Monday 09:00 in Shanghai
    region = (await buildRegion(ctx)).code;
    unitA = (await buildUnit(ctx, region)).id; unitB = (await buildUnit(ctx, region)).id;
    const office = (await buildUnit(ctx, region)).id;
    supUser = await buildUser(ctx, { regionCode: region, unitId: office, roles: ['supervisor'] });
    staffAUser = await buildUser(ctx, { regionCode: region, unitId: unitA, roles: ['unit_staff'] });
    adminAUser = await buildUser(ctx, { regionCode: region, unitId: unitA, roles: ['unit_admin'] });
    staffBUser = await buildUser(ctx, { regionCode: region, unitId: unitB, roles: ['unit_staff'] });
    leaderUser = await buildUser(ctx, { regionCode: region, unitId: office, roles: ['leader'] });
    await buildLeader(ctx, leaderUser, [unitA]);
    await buildUser(ctx, { regionCode: region, unitId: unitA, roles: ['viewer'] }); // not a unit worker: hears nothing
    sup = new Client(app); await sup.login(supUser);
    staffA = new Client(app); await staffA.login(staffAUser);
    adminA = new Client(app); await adminA.login(adminAUser);
    staffB = new Client(app); await staffB.login(staffBUser);
    leader = new Client(app); await leader.login(leaderUser);
    const otherRegion = (await buildRegion(ctx)).code;
    outsider = new Client(app); await outsider.login(await buildUser(ctx, { regionCode: otherRegion, unitId: (await buildUnit(ctx, otherRegion)).id, roles: ['unit_staff'] }));
  });

  const create = async (over: Record<string, unknown> = {}) => {
    const r = await sup.post('/api/v1/tasks', { source: 'instruction', title: `整治背街小巷环境${Math.random()}`, leadUnitId: unitA, coUnitIds: [unitB], deadline: '2026-12-31', cadence: 'monthly', ...over });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().task;
  };
  const act = (c: Client, id: string, action: string, body: Record<string, unknown>) => c.post(`/api/v1/tasks/${id}/actions/${action}`, body);
  const inbox = async (c: Client, q = '') => {
    const r = await c.get(`/api/v1/notifications?pageSize=200${q}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const ofTask = async (c: Client, taskId: string) => (await inbox(c)).items.filter((n: any) => n.taskId === taskId);

  it('tells the lead unit\'s people and the co-units of a new task, each in their inbox; not the assigner, not others', async () => {
    const t = await create();
    for (const c of [staffA, adminA]) {
      const [n] = await ofTask(c, t.id);
      expect(n).toMatchObject({ kind: 'task.assign', title: `新交办事项：${t.serial}「${t.title}」`, readAt: null });
      expect(n.body).toContain('截止日期：2026-12-31');
    }
    expect((await ofTask(staffB, t.id)).map((n: any) => n.kind)).toEqual(['task.assign_co']);
    expect(await ofTask(sup, t.id)).toEqual([]);
    expect(await ofTask(leader, t.id)).toEqual([]);
    expect(await ofTask(outsider, t.id)).toEqual([]);
    const viewerRows = await ctx.db.selectFrom('notifications').innerJoin('userRoles', 'userRoles.userId', 'notifications.userId')
      .select('notifications.id').where('notifications.taskId', '=', t.id).where('userRoles.role', '=', 'viewer').execute();
    expect(viewerRows).toEqual([]);
  });

  it('writes in the reader\'s language', async () => {
    await ctx.db.updateTable('users').set({ locale: 'en-US' }).where('id', '=', adminAUser.id).execute();
    const t = await create();
    const [n] = await ofTask(adminA, t.id);
    expect(n.title).toBe(`New task: ${t.serial} "${t.title}"`);
    await ctx.db.updateTable('users').set({ locale: 'zh-CN' }).where('id', '=', adminAUser.id).execute();
  });

  it('tells the assigner of a return, and the lead unit of send-back, extension decisions and completion', async () => {
    const t = await create({ coUnitIds: [] });
    const r = await act(staffA, t.id, 'return', { version: t.version, reason: 'territory', comment: '属地为东湖镇' });
    expect(r.statusCode, r.body).toBe(200);
    const [ret] = await ofTask(sup, t.id);
    expect(ret.kind).toBe('task.return');
    expect(ret.body).toContain('属地为东湖镇');

    const u = await create({ coUnitIds: [], source: 'meeting', leaderUserId: leaderUser.id });
    let v = (await act(staffA, u.id, 'accept', { version: u.version })).json().version;
    v = (await act(staffA, u.id, 'request_extension', { version: v, extendTo: '2027-01-29', comment: '冬季停工' })).json().version;
    v = (await act(sup, u.id, 'deny_extension', { version: v, comment: '请按期完成' })).json().version;
    v = (await act(staffA, u.id, 'request_extension', { version: v, extendTo: '2027-01-15', comment: '材料未到' })).json().version;
    v = (await act(sup, u.id, 'approve_extension', { version: v })).json().version;
    v = (await act(staffA, u.id, 'request_completion', { version: v, comment: '已完成' })).json().version;
    v = (await act(sup, u.id, 'send_back', { version: v, comment: '缺验收报告' })).json().version;
    v = (await act(staffA, u.id, 'request_completion', { version: v, comment: '已补充' })).json().version;
    const done = await act(sup, u.id, 'complete', { version: v });
    expect(done.statusCode, done.body).toBe(200);
    const kinds = (await ofTask(adminA, u.id)).map((n: any) => n.kind).reverse();
    expect(kinds).toEqual(['task.assign', 'task.deny_extension', 'task.approve_extension', 'task.send_back', 'task.complete']);
    const approved = (await ofTask(adminA, u.id)).find((n: any) => n.kind === 'task.approve_extension');
    expect(approved.title).toContain('截止日期改为 2027-01-15');
    // The unit's own steps (accept, report, requests) notify nobody in the unit; the leader hears of the completion he must sign off.
    expect((await ofTask(leader, u.id)).map((n: any) => n.kind)).toEqual(['task.complete']);
    expect((await ofTask(staffA, u.id)).map((n: any) => n.kind).sort()).toEqual(['task.approve_extension', 'task.assign', 'task.complete', 'task.deny_extension', 'task.send_back']);
  });

  it('marks one read, counts the unread, filters, pages, and marks all read', async () => {
    const c = new Client(app); const user = await buildUser(ctx, { regionCode: region, unitId: unitA, roles: ['unit_staff'] }); await c.login(user);
    for (let i = 0; i < 3; i++) await create({ coUnitIds: [] });
    let list = await inbox(c);
    expect(list.total).toBe(3);
    expect(list.unread).toBe(3);
    expect((await c.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 3 });
    const first = list.items[0];
    const read = await c.post(`/api/v1/notifications/${first.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().readAt).toBe(clock.now().toISOString());
    expect((await c.post(`/api/v1/notifications/${first.id}/read`)).json().readAt).toBe(read.json().readAt); // idempotent
    expect((await c.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 2 });
    list = await inbox(c, '&unread=true');
    expect(list.items.map((n: any) => n.id)).not.toContain(first.id);
    expect(list.total).toBe(2);
    const page = (await c.get('/api/v1/notifications?pageSize=2&page=2')).json();
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.items).toHaveLength(1);
    expect((await c.post('/api/v1/notifications/read-all')).json()).toEqual({ count: 2 });
    expect((await c.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 0 });
  });

  it('keeps each inbox to its owner: another user\'s notification is not found and stays unread', async () => {
    const t = await create({ coUnitIds: [] });
    const [mine] = await ofTask(staffA, t.id);
    expect((await staffB.post(`/api/v1/notifications/${mine.id}/read`)).statusCode).toBe(404);
    expect((await sup.post(`/api/v1/notifications/${mine.id}/read`)).statusCode).toBe(404);
    expect((await inbox(staffB)).items.map((n: any) => n.id)).not.toContain(mine.id);
    await staffB.post('/api/v1/notifications/read-all');
    expect((await ofTask(staffA, t.id))[0].readAt).toBeNull();
  });

  it('refuses bad queries with the field named, and anonymous callers', async () => {
    const r = await staffA.get('/api/v1/notifications?pageSize=0');
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].field).toBe('pageSize');
    const u = await staffA.get('/api/v1/notifications?unread=maybe');
    expect(u.statusCode).toBe(400);
    expect(u.json().errors[0].field).toBe('unread');
    expect((await staffA.get('/api/v1/notifications?colour=red')).json().errors[0].field).toBe('colour');
    expect((await new Client(app).get('/api/v1/notifications')).statusCode).toBe(401);
    expect((await staffA.post('/api/v1/notifications/x%20y/read')).statusCode).toBe(400);
  });

  it('does not notify when the step fails: nothing half-written', async () => {
    const t = await create({ coUnitIds: [] });
    const before = (await inbox(sup)).total;
    expect((await act(staffA, t.id, 'return', { version: t.version + 7, reason: 'territory' })).statusCode).toBe(409);
    expect((await inbox(sup)).total).toBe(before);
  });
});
