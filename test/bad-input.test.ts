// Bad input: every malformed, mistyped, oversize, forged or hostile request answers a 4xx application/problem+json
// naming the field and the reason — never a 500, never a stack trace — and writes nothing.
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildRegion, buildUnit, buildUser, Client, PASSWORD } from './factories.js';
import { expectProblem, signIn, snapshotCounts } from './world.js';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';

type Res = Awaited<ReturnType<Client['request']>>;
const json = (s: string) => Buffer.from(s);

describeEachDb('bad input', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock;
  let region: string; let unitId: string; let sys: Client; let sec: Client; let staffId: string;
  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb()));
    region = (await buildRegion(ctx)).code;
    unitId = (await buildUnit(ctx, region)).id;
    sys = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, unitId, roles: ['sysadmin'] }));
    sec = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, roles: ['secadmin'] }));
    staffId = (await buildUser(ctx, { regionCode: region, unitId, roles: ['unit_staff'] })).id;
  });

  /** Sends a request, checks it is refused with problem+json and that no table changed. */
  async function refused(send: () => Promise<Res>, status: number, code: string, fields: string[] = []) {
    const before = await snapshotCounts(ctx);
    const res = await send();
    const body = expectProblem(res, status, code);
    for (const f of fields) expect(body.errors?.map((e: any) => e.field), `${code}: ${res.body}`).toContain(f);
    for (const e of body.errors ?? []) expect(e.message, res.body).toMatch(/\S/);
    expect(await snapshotCounts(ctx)).toEqual(before);
    return body;
  }

  const JSON_TYPE = { 'content-type': 'application/json' };
  const cases: [string, () => Promise<Res>, number, string, string[]][] = [
    ['malformed JSON', () => sys.request('POST', '/api/v1/units', json('{"name": "县财政局", "kind": '), JSON_TYPE), 400, 'invalid.json', []],
    ['a JSON array instead of an object', () => sys.request('POST', '/api/v1/units', json('[1,2]'), JSON_TYPE), 400, 'invalid', ['(body)']],
    ['wrong types', () => sys.post('/api/v1/units', { name: { x: 1 }, kind: 'bureau', sortOrder: 'first' }), 400, 'invalid', ['name', 'sortOrder']],
    ['an unknown field', () => sys.post('/api/v1/units', { name: '县档案馆', kind: 'office', isAdmin: true }), 400, 'invalid', ['isAdmin']],
    ['missing required fields', () => sys.post('/api/v1/units', {}), 400, 'invalid', ['name', 'kind']],
    ['a value outside the enum', () => sys.post('/api/v1/units', { name: '县档案馆', kind: 'ministry' }), 400, 'invalid', ['kind']],
    ['a string too long', () => sys.post('/api/v1/units', { name: '局'.repeat(61), kind: 'bureau' }), 400, 'invalid', ['name']],
    ['a name of blanks only', () => sys.post('/api/v1/units', { name: '   ', kind: 'bureau' }), 400, 'invalid', ['name']],
    ['a phone with letters', () => sys.post('/api/v1/units', { name: '县档案馆', kind: 'office', phone: 'call me' }), 400, 'invalid', ['phone']],
    ['a number out of range', () => sys.post('/api/v1/units', { name: '县档案馆', kind: 'office', sortOrder: 1e12 }), 400, 'invalid', ['sortOrder']],
    ['a NUL character in a string', () => sys.post('/api/v1/units', { name: '县档案\u0000馆', kind: 'office' }), 400, 'invalid', ['name']],
    ['a user whose name is blanks', () => sys.post('/api/v1/users', { username: 'blankname', displayName: '    ' }), 400, 'invalid', ['displayName']],
    ['a username with spaces and quotes', () => sys.post('/api/v1/users', { username: "x' or '1'='1", displayName: '张三' }), 400, 'invalid', ['username']],
    ['roles that do not exist', () => sys.post('/api/v1/users', { username: 'rolesbad', displayName: '张三', roles: ['root'] }), 400, 'invalid', ['roles/0']],
    ['a version of the wrong type', () => sys.patch(`/api/v1/units/${unitId}`, { version: 'latest', phone: '123' }), 400, 'invalid', ['version']],
    ['a patch without the version', () => sys.patch(`/api/v1/units/${unitId}`, { phone: '123' }), 400, 'invalid', ['version']],
    ['a rename to blanks', () => sys.patch(`/api/v1/units/${unitId}`, { version: 1, name: '     ' }), 400, 'invalid', ['name']],
    ['a user renamed to blanks', () => sys.patch(`/api/v1/users/${staffId}`, { version: 1, displayName: '   ' }), 400, 'invalid', ['displayName']],
    ['an id with forbidden characters', () => sys.get('/api/v1/units/abc!def'), 400, 'invalid', ['id']],
    ['an id far too long', () => sys.get(`/api/v1/units/${'a'.repeat(65)}`), 400, 'invalid', ['id']],
    ['a date that is not a date', () => sys.put('/api/v1/calendar/days/2026-13-45x', { workday: true }), 400, 'invalid', ['date']],
    ['a page size above the limit', () => sys.get('/api/v1/units?pageSize=100000'), 400, 'invalid', ['pageSize']],
    ['a page of zero', () => sys.get('/api/v1/units?page=0'), 400, 'invalid', ['page']],
    ['an unknown query parameter', () => sys.get('/api/v1/units?orderBy=name;drop'), 400, 'invalid', ['orderBy']],
    ['plain text instead of JSON', () => sys.request('POST', '/api/v1/units', json('name=x&kind=bureau'), { 'content-type': 'text/plain' }), 400, 'invalid', ['(body)']],
    ['an unsupported content type', () => sys.request('POST', '/api/v1/units', json('<unit name="x"/>'), { 'content-type': 'application/xml' }), 415, 'invalid', ['content-type']],
    ['a NUL character in a query', () => sys.get('/api/v1/units?q=%E5%B1%80%00'), 400, 'invalid', ['q']],
    ['an import that is not an Excel file', () => sys.upload('/api/v1/units/import?commit=true', 'units.xlsx', Buffer.from('name,kind\n县档案馆,office\n')), 400, 'import.notXlsx', ['file']],
    ['an import of another file type', () => sys.upload('/api/v1/units/import', 'units.csv', Buffer.from('name,kind\n')), 400, 'invalid', ['file']],
    ['an import without a file', () => sys.post('/api/v1/units/import', {}), 400, 'invalid', ['file']],
    ['a session id made of LIKE wildcards', () => sec.delete(`/api/v1/sessions/${'_'.repeat(24)}`), 404, 'notFound', []],
    ['a session id with a percent sign', () => sec.delete('/api/v1/sessions/%25'), 400, 'invalid', ['id']],
    ['an unknown route', () => sys.get('/api/v1/no-such-thing'), 404, 'notFound', []],
    ['an unknown method on a known route', () => sys.request('PUT', '/api/v1/units', {}), 404, 'notFound', []],
  ];
  for (const [name, send, status, code, fields] of cases) {
    it(`answers ${name} with ${status} ${code}${fields.length ? ` naming ${fields.join(', ')}` : ''}, writing nothing`, async () => {
      await refused(send, status, code, fields);
    });
  }

  it('stores strings full of SQL and HTML verbatim, returns them as JSON, and they stay harmless', async () => {
    const sqlName = "'; drop table units; --";
    const html = '<script>alert(1)</script>';
    const u = await sys.post('/api/v1/units', { name: sqlName, shortName: html.slice(0, 20), kind: 'other' });
    expect(u.statusCode, u.body).toBe(201);
    expect(u.headers['content-type']).toMatch(/^application\/json/);
    expect(u.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(u.headers['x-content-type-options']).toBe('nosniff');
    const got = (await sys.get(`/api/v1/units/${u.json().id}`)).json();
    expect(got.name).toBe(sqlName);
    expect(got.shortName).toBe(html.slice(0, 20));
    const user = await sys.post('/api/v1/users', { username: 'html.user', displayName: html.slice(0, 30), title: "Robert'); DROP TABLE users;--" });
    expect(user.statusCode, user.body).toBe(201);
    expect(user.json().user.displayName).toBe(html);
    expect(user.json().user.title).toBe("Robert'); DROP TABLE users;--");
    // Searching with SQL finds exactly the row that contains the text, and the tables are all still there.
    const found = (await sys.get(`/api/v1/units?q=${encodeURIComponent("'; drop")}`)).json();
    expect(found.items.map((x: any) => x.name)).toEqual([sqlName]);
    expect((await sys.get(`/api/v1/units?q=${encodeURIComponent("' OR '1'='1")}`)).json().total).toBe(0);
    expect((await sys.get('/api/v1/users?pageSize=200')).json().total).toBeGreaterThanOrEqual(3);
    // The audit entry holds the text as data too.
    const entry = await ctx.db.selectFrom('auditLog').select('afterJson').where('entityId', '=', u.json().id).executeTakeFirstOrThrow();
    expect(JSON.parse(entry.afterJson!).name).toBe(sqlName);
  });

  it('refuses wrong credentials with 401: no session, one failed-login audit entry without the password', async () => {
    const u = await buildUser(ctx, { regionCode: region, unitId, roles: ['viewer'] });
    for (const body of [{ username: u.username, password: 'Wrong#Pass9' }, { username: 'nobody-at-all', password: 'Wrong#Pass9' }]) {
      const c = new Client(app);
      const before = await snapshotCounts(ctx, ['units', 'users', 'user_roles', 'sessions', 'audit_log']);
      expectProblem(await c.post('/api/v1/auth/login', body), 401, 'unauthorized.credentials');
      expect(c.cookies.luoshi_sid).toBeUndefined();
      expect(await snapshotCounts(ctx, ['units', 'users', 'user_roles', 'sessions', 'audit_log'])).toEqual({ ...before, audit_log: before.audit_log + 1 });
      const last = await ctx.db.selectFrom('auditLog').select(['action', 'afterJson']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(last.action).toBe('auth.login_failed');
      expect(last.afterJson).not.toContain('Wrong#Pass9');
    }
    // The right password still works (one failure does not lock).
    expect((await new Client(app).post('/api/v1/auth/login', { username: u.username, password: PASSWORD })).statusCode).toBe(200);
  });

  it('refuses an expired session with 401 unauthorized.expired, for reads and writes alike', async () => {
    const c = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, unitId, roles: ['sysadmin'] }));
    clock.advanceMinutes(31);
    await refused(() => c.get('/api/v1/units'), 401, 'unauthorized.expired');
    await refused(() => c.post('/api/v1/units', { name: '过期会话建的局', kind: 'bureau' }), 401, 'unauthorized.expired');
  });

  it('refuses a forged, missing or borrowed CSRF token with 403 forbidden.csrf', async () => {
    const c = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, unitId, roles: ['sysadmin'] }));
    const other = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, unitId, roles: ['sysadmin'] }));
    const real = c.csrf;
    for (const token of ['', 'forged-forged-forged-forged-forged!', other.csrf, real.slice(0, -1)]) {
      c.csrf = token;
      await refused(() => c.post('/api/v1/units', { name: '伪造请求建的局', kind: 'bureau' }), 403, 'forbidden.csrf');
      await refused(() => c.delete(`/api/v1/units/${unitId}`), 403, 'forbidden.csrf');
    }
    c.csrf = real;
    expect((await c.post('/api/v1/units', { name: '正常请求建的局', kind: 'bureau' })).statusCode).toBe(201);
  });

  it('answers an unknown route without a session with 401, not a map of the API', async () => {
    await refused(() => new Client(app).get('/api/v1/no-such-thing'), 401, 'unauthorized');
  });

  it('cannot be walked around: encoded, doubled or dotted paths never reach an endpoint without a session or a CSRF token', async () => {
    const anon = new Client(app);
    const before = await snapshotCounts(ctx);
    for (const url of ['/api/%761/units', '/api/v1/%75nits', '/API/v1/units', '/api//v1/units', '/api/v1//units', '/api/v1/./units', '/api/v1/x/../units', '/api/v1/units?']) {
      const a = await anon.get(url);
      expect(a.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(a.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      const p = await sys.request('POST', url, { name: '绕过测试局', kind: 'bureau' }, { 'x-csrf-token': '' });
      expect(p.statusCode, url).toBeGreaterThanOrEqual(400);
    }
    expect(await snapshotCounts(ctx)).toEqual(before);
  });

  it('answers an oversize body with 413 invalid.tooLarge, signed in or not', async () => {
    const small = await testApp(getDb(), { bodyLimitBytes: 2048, uploadLimitBytes: 4096 });
    const c = await signIn(small.app, small.ctx, await buildUser(small.ctx, { regionCode: region, unitId, roles: ['sysadmin'] }));
    const big = { name: '县档案馆', kind: 'office', shortName: 'x'.repeat(4000) };
    await refused(() => c.post('/api/v1/units', big), 413, 'invalid.tooLarge');
    await refused(() => new Client(small.app).post('/api/v1/auth/login', { username: 'x', password: 'y'.repeat(5000) }), 413, 'invalid.tooLarge');
    await refused(() => c.upload('/api/v1/units/import?commit=true', 'units.xlsx', Buffer.alloc(10_000, 1)), 413, 'invalid.tooLarge');
    await small.app.close();
  });

  it('speaks zh-CN by default and en-US with accept-language: en or the user\'s choice', async () => {
    const anon = new Client(app);
    const zh = expectProblem(await anon.post('/api/v1/auth/login', {}), 400, 'invalid');
    expect(zh.title).toBe('提交的内容有误');
    expect(zh.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'username', code: 'invalid.required', message: '必填' })]));
    const en = expectProblem(await anon.request('POST', '/api/v1/auth/login', {}, { 'accept-language': 'en-US,en;q=0.9' }), 400, 'invalid');
    expect(en.title).toBe('The request is invalid');
    expect(en.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password', message: 'is required' })]));
    expect(expectProblem(await anon.request('GET', '/api/v1/units', undefined, { 'accept-language': 'en' }), 401).title).toBe('Please sign in');
    expect(expectProblem(await anon.get('/api/v1/units'), 401).title).toBe('请先登录');
    // A signed-in user who chose English gets English.
    const c = await signIn(app, ctx, await buildUser(ctx, { regionCode: region, unitId, roles: ['sysadmin'] }));
    expect(expectProblem(await c.post('/api/v1/units', { kind: 'x' }), 400).errors[0].message).toMatch(/[\u4e00-\u9fff]/);
    expect((await c.put('/api/v1/auth/locale', { locale: 'en-US' })).statusCode).toBe(200);
    const mine = expectProblem(await c.post('/api/v1/units', { kind: 'x' }), 400);
    expect(mine.detail).toMatch(/name: is required/);
    expect(mine.errors.find((e: any) => e.field === 'kind').message).toMatch(/^must be one of: bureau/);
  });
});
