// The org API through real HTTP: units with optimistic concurrency, users and their credentials, roles, leaders and
// their portfolios. Every write leaves exactly one audit entry with before/after; a refused write leaves none.
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildRegion, buildUnit, buildUser, Client, PASSWORD } from './factories.js';
import { auditSince, expectProblem, inDays, lastSeq, signIn } from './world.js';
import type { Ctx } from '../server/context.js';

describeEachDb('org API', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx;
  let region: string; let otherCounty: string; let sys: Client; let sec: Client; let sup: Client;
  beforeAll(async () => {
    ({ app, ctx } = await testApp(getDb()));
    region = (await buildRegion(ctx)).code;
    otherCounty = (await buildRegion(ctx)).code;
    const office = (await buildUnit(ctx, region, { kind: 'office' })).id;
    sys = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, unitId: office, roles: ['sysadmin'] }));
    sec = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, unitId: office, roles: ['secadmin'] }));
    sup = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, unitId: office, roles: ['supervisor'] }));
  });

  /** Runs a write and returns the response with the audit entries it left. */
  async function audited<T extends { statusCode: number }>(write: () => Promise<T>) {
    const seq = await lastSeq(ctx);
    const res = await write();
    return { res, entries: await auditSince(ctx, seq) };
  }
  const parse = (s: string | null) => (s ? JSON.parse(s) : null);
  let k = 0;
  const name = (p = '县测试局') => `${p}${Date.now().toString(36)}${k++}`;

  it('creates, reads, updates and deletes a unit; each write one audit entry with before and after', async () => {
    const c = await audited(() => sys.post('/api/v1/units', { name: name(), shortName: '测试局', kind: 'bureau', phone: '0999-1234567' }));
    expect(c.res.statusCode, c.res.body).toBe(201);
    const unit = c.res.json();
    expect(unit).toMatchObject({ version: 1, regionCode: region, userCount: 0 });
    expect(c.entries.map((e) => [e.action, e.entityId])).toEqual([['unit.create', unit.id]]);
    expect(parse(c.entries[0].beforeJson)).toBeNull();
    expect(parse(c.entries[0].afterJson)).toEqual(unit);

    expect((await sys.get(`/api/v1/units/${unit.id}`)).json()).toEqual(unit);
    const u = await audited(() => sys.patch(`/api/v1/units/${unit.id}`, { version: 1, shortName: '新简称', sortOrder: 7 }));
    expect(u.res.statusCode, u.res.body).toBe(200);
    expect(u.res.json()).toMatchObject({ version: 2, shortName: '新简称', sortOrder: 7, name: unit.name });
    expect(u.entries.map((e) => e.action)).toEqual(['unit.update']);
    expect(parse(u.entries[0].beforeJson)).toEqual(unit);
    expect(parse(u.entries[0].afterJson)).toEqual(u.res.json());

    const d = await audited(() => sys.delete(`/api/v1/units/${unit.id}`));
    expect(d.res.statusCode).toBe(200);
    expect(d.entries.map((e) => e.action)).toEqual(['unit.delete']);
    expect(parse(d.entries[0].beforeJson).id).toBe(unit.id);
    expectProblem(await sys.get(`/api/v1/units/${unit.id}`), 404, 'notFound');
  });

  it('refuses a stale version with 409 conflict.version and the current version, changing nothing', async () => {
    const unit = (await sys.post('/api/v1/units', { name: name(), kind: 'bureau' })).json();
    expect((await sys.patch(`/api/v1/units/${unit.id}`, { version: 1, phone: '111' })).statusCode).toBe(200);
    const stale = await audited(() => sys.patch(`/api/v1/units/${unit.id}`, { version: 1, phone: '222' }));
    const body = expectProblem(stale.res as any, 409, 'conflict.version');
    expect(body.currentVersion).toBe(2);
    expect(stale.entries).toEqual([]);
    expect((await sys.get(`/api/v1/units/${unit.id}`)).json()).toMatchObject({ phone: '111', version: 2 });
  });

  it('lets exactly one of two simultaneous updates with the same version win', async () => {
    for (let round = 0; round < 3; round++) {
      const unit = (await sys.post('/api/v1/units', { name: name(), kind: 'bureau' })).json();
      const seq = await lastSeq(ctx);
      const [a, b] = await Promise.all([
        sys.patch(`/api/v1/units/${unit.id}`, { version: 1, phone: '333' }),
        sys.patch(`/api/v1/units/${unit.id}`, { version: 1, phone: '444' }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const winner = a.statusCode === 200 ? a : b;
      expect((await sys.get(`/api/v1/units/${unit.id}`)).json()).toMatchObject({ version: 2, phone: winner.json().phone });
      expect((await auditSince(ctx, seq)).map((e) => e.action)).toEqual(['unit.update']);
    }
  });

  it('lets exactly one of two simultaneous creations of the same name or username through; the other is a 409, not a 500', async () => {
    const unitName = name();
    const units = await Promise.all([1, 2].map(() => sys.post('/api/v1/units', { name: unitName, kind: 'bureau' })));
    expect(units.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const username = name('same').replace(/[^\w]/g, '');
    const users = await Promise.all([1, 2].map(() => sys.post('/api/v1/users', { username, displayName: '同名' })));
    expect(users.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(users.find((r) => r.statusCode === 409)!.json().code).toBe('conflict.duplicate');
  });

  it('refuses a duplicate name, a parent in another county, itself or its own descendant as parent', async () => {
    const a = (await sys.post('/api/v1/units', { name: name('县甲局'), kind: 'bureau' })).json();
    const b = (await sys.post('/api/v1/units', { name: name('县乙局'), kind: 'bureau', parentId: a.id })).json();
    expect(b.parentName).toBe(a.name);
    const foreign = (await buildUnit(ctx, otherCounty)).id;
    const seq = await lastSeq(ctx);
    expectProblem(await sys.post('/api/v1/units', { name: a.name, kind: 'office' }), 409, 'conflict.duplicate');
    expectProblem(await sys.post('/api/v1/units', { name: ` ${a.name} `, kind: 'office' }), 409, 'conflict.duplicate');
    expectProblem(await sys.patch(`/api/v1/units/${b.id}`, { version: 1, name: a.name }), 409, 'conflict.duplicate');
    const cross = expectProblem(await sys.post('/api/v1/units', { name: name(), kind: 'bureau', parentId: foreign }), 400, 'invalid');
    expect(cross.errors.map((e: any) => e.field)).toEqual(['parentId']);
    expect(expectProblem(await sys.patch(`/api/v1/units/${a.id}`, { version: 1, parentId: a.id }), 400).errors[0].field).toBe('parentId');
    expect(expectProblem(await sys.patch(`/api/v1/units/${a.id}`, { version: 1, parentId: b.id }), 400).errors[0].field).toBe('parentId');
    expect(await auditSince(ctx, seq)).toEqual([]);
    expect((await sys.get(`/api/v1/units/${a.id}`)).json().parentId).toBeNull();
  });

  it('refuses to delete a unit that still has users, child units or tasks (409), and writes nothing', async () => {
    const withUser = (await sys.post('/api/v1/units', { name: name(), kind: 'bureau' })).json();
    await buildUser(ctx, { regionCode: region, unitId: withUser.id, roles: ['unit_staff'] });
    const parent = (await sys.post('/api/v1/units', { name: name(), kind: 'bureau' })).json();
    await sys.post('/api/v1/units', { name: name(), kind: 'office', parentId: parent.id });
    const withTask = (await sys.post('/api/v1/units', { name: name(), kind: 'bureau' })).json();
    const t = await sup.post('/api/v1/tasks', { source: 'instruction', title: '落实删除测试事项', leadUnitId: withTask.id, deadline: inDays(60), cadence: 'monthly' });
    expect(t.statusCode, t.body).toBe(201);
    for (const u of [withUser, parent, withTask]) {
      const d = await audited(() => sys.delete(`/api/v1/units/${u.id}`));
      expectProblem(d.res as any, 409, 'conflict.inUse');
      expect(d.entries).toEqual([]);
      expect((await sys.get(`/api/v1/units/${u.id}`)).statusCode).toBe(200);
    }
  });

  it('creates a user with a one-time password that works once and forces a change', async () => {
    const unit = (await sys.post('/api/v1/units', { name: name(), kind: 'bureau' })).json();
    const c = await audited(() => sys.post('/api/v1/users', { username: name('zhang').replace(/[^\w]/g, ''), displayName: '张明', title: '科员', unitId: unit.id }));
    expect(c.res.statusCode, c.res.body).toBe(201);
    const { user, temporaryPassword } = c.res.json();
    expect(temporaryPassword).toMatch(/^.{12}$/);
    expect(user).toMatchObject({ mustChangePassword: true, roles: [], unitName: unit.name, disabled: false });
    expect(c.entries.map((e) => e.action)).toEqual(['user.create']);
    expect(c.entries[0].afterJson).not.toContain(temporaryPassword);
    expect(parse(c.entries[0].afterJson)).toEqual(user);
    const me = new Client(app);
    expect((await me.login({ username: user.username, password: temporaryPassword })).json().stage).toBe('password');
    expectProblem(await me.get('/api/v1/regions'), 403, 'forbidden.stage.password');
    expect((await me.post('/api/v1/auth/password', { currentPassword: temporaryPassword, newPassword: 'Mine#Secret42' })).json().stage).toBe('full');
    expect((await new Client(app).post('/api/v1/auth/login', { username: user.username, password: temporaryPassword })).statusCode).toBe(401);
    expectProblem(await sys.post('/api/v1/users', { username: user.username, displayName: '重名' }), 409, 'conflict.duplicate');
  });

  it('resets a password: unlocks the account, ends its sessions, and the new one-time password must be changed', async () => {
    const u = await buildUser(ctx, { regionCode: region, roles: ['unit_staff'] });
    const session = await signIn(app, ctx, u);
    for (let i = 0; i < 5; i++) await new Client(app).post('/api/v1/auth/login', { username: u.username, password: 'Wrong#Pass1' });
    expect((await sys.get(`/api/v1/users/${u.id}`)).json().locked).toBe(true);
    expectProblem(await new Client(app).post('/api/v1/auth/login', { username: u.username, password: PASSWORD }), 401, 'unauthorized.locked');
    const r = await audited(() => sys.post(`/api/v1/users/${u.id}/reset-password`));
    expect(r.res.statusCode).toBe(200);
    expect(r.entries.map((e) => e.action)).toEqual(['user.password_reset']);
    expect((await sys.get(`/api/v1/users/${u.id}`)).json()).toMatchObject({ locked: false, mustChangePassword: true });
    expectProblem(await session.get('/api/v1/auth/me'), 401);
    const again = new Client(app);
    expect((await again.login({ username: u.username, password: r.res.json().temporaryPassword })).json().stage).toBe('password');
  });

  it('disabling an account ends its sessions and stops it signing in; an administrator cannot disable himself', async () => {
    const u = await buildUser(ctx, { regionCode: region, roles: ['viewer'] });
    const session = await signIn(app, ctx, u);
    const d = await audited(() => sys.patch(`/api/v1/users/${u.id}`, { version: 1, disabled: true }));
    expect(d.res.statusCode, d.res.body).toBe(200);
    expect(d.entries.map((e) => e.action)).toEqual(['user.disable']);
    expect(parse(d.entries[0].beforeJson).disabled).toBe(false);
    expect(parse(d.entries[0].afterJson).disabled).toBe(true);
    expectProblem(await session.get('/api/v1/units'), 401);
    expectProblem(await new Client(app).post('/api/v1/auth/login', { username: u.username, password: PASSWORD }), 401, 'unauthorized.disabled');
    const self = (await sys.get('/api/v1/auth/me')).json().me.id;
    const v = (await sys.get(`/api/v1/users/${self}`)).json().version;
    expect(expectProblem(await sys.patch(`/api/v1/users/${self}`, { version: v, disabled: true }), 400).errors[0].field).toBe('disabled');
  });

  it('audits roles granted by the security administrator with the roles before and after', async () => {
    const u = await buildUser(ctx, { regionCode: region, roles: ['unit_staff'] });
    const r = await audited(() => sec.put(`/api/v1/users/${u.id}/roles`, { roles: ['unit_admin', 'unit_staff'] }));
    expect(r.res.statusCode, r.res.body).toBe(200);
    expect(r.entries).toHaveLength(1);
    expect(r.entries[0]).toMatchObject({ action: 'user.roles', entityType: 'user', entityId: u.id });
    expect(parse(r.entries[0].beforeJson)).toEqual({ roles: ['unit_staff'] });
    expect(parse(r.entries[0].afterJson).roles.sort()).toEqual(['unit_admin', 'unit_staff']);
    expect(r.entries[0].actorName).toMatch(/\(u[0-9a-z]+\)$/);
  });

  it('keeps leaders with their portfolio units; the leader\'s scope follows the portfolio at once', async () => {
    const u1 = (await sys.post('/api/v1/units', { name: name('县一局'), kind: 'bureau' })).json();
    const u2 = (await sys.post('/api/v1/units', { name: name('县二局'), kind: 'bureau' })).json();
    const leaderUser = await buildUser(ctx, { regionCode: region, roles: ['leader'] });
    const c = await audited(() => sys.post('/api/v1/leaders', { userId: leaderUser.id, title: '副县长', domains: ['教育', '卫生健康'], unitIds: [u1.id] }));
    expect(c.res.statusCode, c.res.body).toBe(201);
    const leader = c.res.json();
    expect(leader).toMatchObject({ userId: leaderUser.id, hasLeaderRole: true, domains: expect.arrayContaining(['卫生健康', '教育']), units: [{ id: u1.id, name: u1.name }], version: 1 });
    expect(c.entries.map((e) => e.action)).toEqual(['leader.create']);
    expect(parse(c.entries[0].afterJson)).toEqual(leader);
    expectProblem(await sys.post('/api/v1/leaders', { userId: leaderUser.id, title: '县长', domains: [], unitIds: [] }), 409, 'conflict.duplicate');
    const foreign = (await buildUnit(ctx, otherCounty)).id;
    expect(expectProblem(await sys.patch(`/api/v1/leaders/${leader.id}`, { version: 1, unitIds: [u2.id, foreign] }), 400).errors[0].field).toBe('unitIds/1');

    const mk = async (unitId: string) => (await sup.post('/api/v1/tasks', { source: 'instruction', title: `分管范围测试${unitId}`, leadUnitId: unitId, deadline: inDays(60), cadence: 'monthly' })).json().task.id;
    const t1 = await mk(u1.id); const t2 = await mk(u2.id);
    const lc = await signIn(app, ctx, leaderUser);
    const visible = async () => (await lc.get('/api/v1/tasks?pageSize=200')).json().items.map((t: any) => t.id);
    expect(await visible()).toEqual([t1]);
    const p = await audited(() => sys.patch(`/api/v1/leaders/${leader.id}`, { version: 1, unitIds: [u2.id] }));
    expect(p.res.json().units).toEqual([{ id: u2.id, name: u2.name }]);
    expect(parse(p.entries[0].beforeJson).units).toEqual([{ id: u1.id, name: u1.name }]);
    expect(await visible()).toEqual([t2]);
    expect((await lc.get(`/api/v1/tasks/${t1}`)).statusCode).toBe(404);
    const del = await audited(() => sys.delete(`/api/v1/leaders/${leader.id}`));
    expect(del.entries.map((e) => e.action)).toEqual(['leader.delete']);
    expect(await visible()).toEqual([]);
  });
});
