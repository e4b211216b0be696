// The audit trail: the SM3 hash chain names the first altered, removed or re-chained entry — through the library, the
// API and the real `luoshi audit verify` command — and the auditor filters and exports entries of every kind of event.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildRegion, buildUnit, buildUser, Client, type TestUser } from './factories.js';
import { auditSince, expectProblem, lastSeq, signIn } from './world.js';
import { readXlsx } from './xlsx.js';
import { entryHash, verifyAuditChain } from '../server/platform/audit/audit.js';
import { openDatabase } from '../server/db/database.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';

const run = promisify(execFile);

describeEachDb('audit trail', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock;
  let region: string; let auditorUser: TestUser; let auditor: Client; let sys: Client; let sec: Client;
  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb()));
    region = (await buildRegion(ctx)).code;
    const office = (await buildUnit(ctx, region)).id;
    auditorUser = await buildUser(ctx, { regionCode: region, unitId: office, roles: ['auditor'] });
    auditor = await signIn(app, ctx, auditorUser);
    sys = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, unitId: office, roles: ['sysadmin'] }));
    sec = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, unitId: office, roles: ['secadmin'] }));
    // A little of everything: create, update, delete, role change, failed login, logout.
    const u = (await sys.post('/api/v1/units', { name: '县审计测试局', kind: 'bureau' })).json();
    await sys.patch(`/api/v1/units/${u.id}`, { version: 1, phone: '0999-1111111' });
    await sys.delete(`/api/v1/units/${u.id}`);
    const staff = await buildUser(ctx, { regionCode: region, unitId: office, roles: ['unit_staff'] });
    await sec.put(`/api/v1/users/${staff.id}/roles`, { roles: ['unit_admin'] });
    await new Client(app).post('/api/v1/auth/login', { username: staff.username, password: 'Wrong#Pass1' });
    await new Client(app).post('/api/v1/auth/login', { username: 'ghost-user', password: 'Wrong#Pass1' });
    const s = await signIn(app, ctx, staff);
    await s.post('/api/v1/auth/logout');
  });

  const chain = () => verifyAuditChain(ctx.db);
  const row = (seq: number) => ctx.db.selectFrom('auditLog').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();

  it('verifies the whole chain of SM3 hashes', async () => {
    const n = await lastSeq(ctx);
    expect(n).toBeGreaterThan(8);
    expect(await chain()).toEqual({ ok: true, checked: n });
    const first = await row(1);
    expect(first.prevHash).toBe('0'.repeat(64));
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await row(2)).prevHash).toBe(first.hash);
  });

  it('names an entry altered by SQL, on the API too, and is whole again once it is put back', async () => {
    const n = Math.floor((await lastSeq(ctx)) / 2);
    const original = await row(n);
    await sql`update audit_log set after_json = ${'{"forged":true}'} where seq = ${n}`.execute(ctx.db);
    expect(await chain()).toMatchObject({ ok: false, checked: n - 1, firstBad: { seq: n, problem: 'altered' } });
    const api = (await auditor.get('/api/v1/audit/verify')).json();
    expect(api).toMatchObject({ ok: false, firstBad: { seq: n, problem: 'altered' } });
    await sql`update audit_log set actor_name = ${'someone else'}, after_json = ${original.afterJson} where seq = ${n}`.execute(ctx.db);
    expect((await chain()).firstBad).toMatchObject({ seq: n, problem: 'altered' });
    await sql`update audit_log set actor_name = ${original.actorName} where seq = ${n}`.execute(ctx.db);
    expect((await chain()).ok).toBe(true);
  });

  it('names an entry whose hash was recomputed by hand at the next entry', async () => {
    const n = Math.floor((await lastSeq(ctx)) / 2);
    const original = await row(n);
    const forged = { ...original, afterJson: '{"forged":true}' };
    await sql`update audit_log set after_json = ${forged.afterJson}, hash = ${entryHash(forged)} where seq = ${n}`.execute(ctx.db);
    expect((await chain()).firstBad).toMatchObject({ seq: n + 1, problem: 'inserted' });
    await sql`update audit_log set after_json = ${original.afterJson}, hash = ${original.hash} where seq = ${n}`.execute(ctx.db);
    expect((await chain()).ok).toBe(true);
  });

  it('names a removed middle entry', async () => {
    const n = Math.floor((await lastSeq(ctx)) / 2) + 1;
    const original = await row(n);
    await sql`delete from audit_log where seq = ${n}`.execute(ctx.db);
    expect(await chain()).toMatchObject({ ok: false, checked: n - 1, firstBad: { seq: n, problem: 'removed' } });
    expect((await auditor.get('/api/v1/audit/verify')).json().firstBad).toMatchObject({ seq: n, problem: 'removed' });
    await ctx.db.insertInto('auditLog').values(original).execute();
    expect((await chain()).ok).toBe(true);
  });

  it('holds entries for sign-in, failed sign-in, sign-out, role changes and create/update/delete, with before/after', async () => {
    const entries = (await auditor.get('/api/v1/audit?pageSize=200')).json().items;
    const actions = new Set(entries.map((e: any) => e.action));
    for (const a of ['auth.login', 'auth.login_failed', 'auth.logout', 'auth.mfa', 'user.roles', 'unit.create', 'unit.update', 'unit.delete']) expect(actions).toContain(a);
    const update = entries.find((e: any) => e.action === 'unit.update');
    expect(update.before.phone).toBeNull();
    expect(update.after.phone).toBe('0999-1111111');
    expect(update.actorName).toMatch(/\(u\w+\)$/);
    expect(update.ip).toBe('127.0.0.1');
    const roles = entries.find((e: any) => e.action === 'user.roles');
    expect([roles.before, roles.after]).toEqual([{ roles: ['unit_staff'] }, { roles: ['unit_admin'] }]);
    const ghost = entries.find((e: any) => e.action === 'auth.login_failed' && e.after.username === 'ghost-user');
    expect(ghost).toMatchObject({ actorId: null, after: { reason: 'unknown_user' } });
    expect(JSON.stringify(entries)).not.toMatch(/Wrong#Pass1|Test@Pass1|passwordHash"\s*:\s*"\$argon/);
    expect(entries.every((e: any) => !('prevHash' in e))).toBe(true);
  });

  it('filters by action, actor, entity and day, pages, and keeps to the auditor\'s region', async () => {
    const get = async (q: string) => (await auditor.get(`/api/v1/audit?${q}`)).json();
    const units = await get('action=unit.&pageSize=200');
    expect(units.items.map((e: any) => e.action).sort()).toEqual(['unit.create', 'unit.delete', 'unit.update']);
    const unitId = units.items[0].entityId;
    expect((await get(`entityType=unit&entityId=${unitId}`)).total).toBe(3);
    const mine = await get(`actor=${auditorUser.username}&pageSize=200`);
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((e: any) => e.actorName.includes(auditorUser.username))).toBe(true);
    const page1 = await get('pageSize=2&page=1'); const page2 = await get('pageSize=2&page=2');
    expect(page1.items.map((e: any) => e.seq)).toEqual([...page1.items.map((e: any) => e.seq)].sort((a, b) => b - a));
    expect(page2.items[0].seq).toBeLessThan(page1.items[1].seq);
    // Days are Shanghai days: tomorrow holds nothing yet, today everything; then time moves on two days.
    const today = new Date(clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const later = new Date(clock.now().getTime() + 8 * 3600_000 + 2 * 86_400_000).toISOString().slice(0, 10);
    expect((await get(`from=${later}`)).total).toBe(0);
    const total = (await get('')).total;
    expect((await get(`from=${today}&to=${today}`)).total).toBe(total);
    clock.advanceMinutes(2 * 24 * 60);
    const a2 = await signIn(app, ctx, auditorUser);
    const s2 = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, roles: ['sysadmin'] }));
    await s2.post('/api/v1/units', { name: '县后来局', kind: 'bureau' });
    const recent = (await a2.get(`/api/v1/audit?from=${later}&pageSize=200`)).json();
    expect(recent.items.map((e: any) => e.action)).toEqual(expect.arrayContaining(['unit.create', 'auth.login']));
    expect(recent.items.every((e: any) => Date.parse(e.at) >= Date.parse(`${later}T00:00:00+08:00`))).toBe(true);
    expect((await a2.get(`/api/v1/audit?to=${today}&pageSize=200`)).json().total).toBe(total);
    // Another county's entries stay out of sight; entries of no region (unknown users) are shown to every auditor.
    const other = (await buildRegion(ctx)).code;
    const otherSys = await signIn(app, ctx, await buildUser(ctx, { regionCode: other, roles: ['sysadmin'] }));
    const foreign = (await otherSys.post('/api/v1/units', { name: '外县局', kind: 'bureau' })).json().id;
    expect((await a2.get(`/api/v1/audit?entityId=${foreign}`)).json().total).toBe(0);
    expect((await a2.get('/api/v1/audit?action=auth.login_failed&pageSize=200')).json().items.some((e: any) => e.regionCode === null)).toBe(true);
    auditor = a2;
  });

  it('exports the filtered entries to Excel with their hashes', async () => {
    const res = await auditor.get('/api/v1/audit/export?action=unit.');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename\*=UTF-8''/);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(['序号', '时间', '操作人', 'IP 地址', '操作', '对象类型', '对象编号', '变更前', '变更后', '哈希 (SM3)']);
    const data = rows.slice(1);
    expect(data.length).toBe((await auditor.get('/api/v1/audit?action=unit.')).json().total);
    expect(data.every((r) => r[4].startsWith('unit.') && /^[0-9a-f]{64}$/.test(r[9]))).toBe(true);
    for (const r of data) expect((await row(Number(r[0]))).hash).toBe(r[9]);
    const sys2 = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, roles: ['sysadmin'] }));
    expectProblem(await sys2.get('/api/v1/audit/export'), 403, 'forbidden');
  });

  it('stays one unbroken chain when many writes race', async () => {
    const s4 = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, roles: ['sysadmin'] }));
    const seq = await lastSeq(ctx);
    const results = await Promise.all([
      ...Array.from({ length: 12 }, (_, i) => s4.post('/api/v1/units', { name: `县并发测试局${i}`, kind: 'bureau' })),
      ...Array.from({ length: 6 }, () => new Client(app).post('/api/v1/auth/login', { username: 'ghost-user', password: 'x' })),
    ]);
    expect(results.slice(0, 12).every((r) => r.statusCode === 201)).toBe(true);
    const entries = await auditSince(ctx, seq);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 18 }, (_, i) => seq + 1 + i));
    expect(await chain()).toMatchObject({ ok: true, checked: seq + 18 });
  });

  it('writes the entry in the transaction of the change: a refused change leaves neither', async () => {
    const seq = await lastSeq(ctx);
    const s3 = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, roles: ['sysadmin'] }));
    const after = await lastSeq(ctx);
    const u = (await s3.post('/api/v1/units', { name: '县事务测试局', kind: 'bureau' })).json();
    await s3.patch(`/api/v1/units/${u.id}`, { version: 1, phone: '1' });
    expect((await s3.patch(`/api/v1/units/${u.id}`, { version: 1, phone: '2' })).statusCode).toBe(409);
    expect((await auditSince(ctx, after)).map((e) => e.action)).toEqual(['unit.create', 'unit.update']);
    expect(after).toBeGreaterThan(seq);
    expect((await chain()).ok).toBe(true);
  });
});

describe('luoshi audit verify (the command, on a SQLite file)', () => {
  let dir: string; let env: NodeJS.ProcessEnv;
  const cli = (...args: string[]) => run('node', ['bin/luoshi.js', ...args], { env, cwd: process.cwd() }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: any) => ({ code: e.code as number, out: `${e.stdout}${e.stderr}` }),
  );
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'luoshi-audit-'));
    env = { ...process.env, DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'luoshi.sqlite')}`, LOG_LEVEL: 'silent' };
    expect((await cli('seed', '--demo')).code).toBe(0);
    // A few more entries through the real app over the same file: demo users signing in and out.
    const database = openDatabase(env.DATABASE_URL!);
    const { app } = await testApp(database);
    for (const username of ['u01staff', 'u02staff', 'u03staff']) {
      const c = new Client(app);
      await c.login({ username, password: 'Demo@2026' });
      await c.post('/api/v1/auth/logout');
    }
    await app.close();
    await database.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const tamper = (stmt: string, ...params: unknown[]) => { const db = new SQLite(join(dir, 'luoshi.sqlite')); db.prepare(stmt).run(...params); db.close(); };

  it('passes on an intact file, fails with the seq of an altered entry, then of a removed one', async () => {
    const ok = await cli('audit', 'verify');
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/audit trail intact: 7 entries/);
    tamper("update audit_log set after_json = '{\"stage\":\"full\",\"forged\":1}' where seq = 4");
    const altered = await cli('audit', 'verify');
    expect(altered.code).not.toBe(0);
    expect(altered.out).toMatch(/BROKEN at entry 4\b.*altered/);
    tamper('delete from audit_log where seq = 4');
    const removed = await cli('audit', 'verify');
    expect(removed.code).not.toBe(0);
    expect(removed.out).toMatch(/BROKEN at entry 4\b.*removed/);
  }, 120_000);
});
