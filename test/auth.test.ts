import { beforeAll, expect, it } from 'vitest';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { buildRegion, buildUnit, buildUser, Client, PASSWORD } from './factories.js';
import { currentTotp } from '../server/platform/auth/totp.js';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../server/context.js';
import type { TestClock } from '../server/platform/clock.js';

describeEachDb('sign-in and sessions', (getDb) => {
  let app: FastifyInstance; let ctx: Ctx; let clock: TestClock; let region: string; let unitId: string;
  beforeAll(async () => {
    ({ app, ctx, clock } = await testApp(getDb()));
    region = (await buildRegion(ctx)).code;
    unitId = (await buildUnit(ctx, region)).id;
  });

  it('signs in with the right password and answers /me with roles and permissions', async () => {
    const u = await buildUser(ctx, { regionCode: region, unitId, roles: ['supervisor'] });
    const c = new Client(app);
    const res = await c.login(u);
    expect(res.json().stage).toBe('full');
    const cookie = res.headers['set-cookie'] as string[];
    expect(cookie.join(';')).toMatch(/luoshi_sid=.*HttpOnly/i);
    expect(cookie.join(';')).toMatch(/SameSite=Lax/i);
    const me = await c.get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().me.roles).toEqual(['supervisor']);
    expect(me.json().me.permissions).toContain('business.read');
  });

  it('refuses a wrong password with problem+json and locks after 5 failures for 15 minutes', async () => {
    const u = await buildUser(ctx, { regionCode: region, unitId, roles: ['unit_staff'] });
    const c = new Client(app);
    for (let i = 0; i < 4; i++) {
      const r = await c.post('/api/v1/auth/login', { username: u.username, password: 'Wrong@pass1' });
      expect(r.statusCode).toBe(401);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.json().code).toBe('unauthorized.credentials');
    }
    const fifth = await c.post('/api/v1/auth/login', { username: u.username, password: 'Wrong@pass1' });
    expect(fifth.json().code).toBe('unauthorized.locked');
    const right = await c.post('/api/v1/auth/login', { username: u.username, password: PASSWORD });
    expect(right.statusCode).toBe(401);
    expect(right.json().code).toBe('unauthorized.locked');
    clock.advanceMinutes(16);
    const later = await c.post('/api/v1/auth/login', { username: u.username, password: PASSWORD });
    expect(later.statusCode).toBe(200);
    const audit = await ctx.db.selectFrom('auditLog').select('action').where('entityId', '=', u.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.login_failed', 'auth.locked', 'auth.login']));
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const r = await new Client(app).post('/api/v1/auth/login', { username: 'nobody-here', password: 'x' });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('unauthorized.credentials');
  });

  it('rejects a state-changing request without the CSRF token, or with a forged one', async () => {
    const u = await buildUser(ctx, { regionCode: region, unitId, roles: ['unit_staff'] });
    const c = new Client(app);
    await c.login(u);
    const real = c.csrf;
    c.csrf = '';
    expect((await c.put('/api/v1/auth/locale', { locale: 'en-US' })).statusCode).toBe(403);
    c.csrf = 'forged-token-forged-token-forged';
    const forged = await c.put('/api/v1/auth/locale', { locale: 'en-US' });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('forbidden.csrf');
    c.csrf = real;
    expect((await c.put('/api/v1/auth/locale', { locale: 'en-US' })).statusCode).toBe(200);
    // The user's language now shapes error messages.
    c.csrf = '';
    expect((await c.put('/api/v1/auth/locale', { locale: 'zh-CN' })).json().title).toMatch(/CSRF check failed/);
  });

  it('expires an idle session after 30 minutes', async () => {
    const u = await buildUser(ctx, { regionCode: region, unitId, roles: ['unit_staff'] });
    const c = new Client(app);
    await c.login(u);
    clock.advanceMinutes(29);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    clock.advanceMinutes(31);
    const r = await c.get('/api/v1/auth/me');
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('unauthorized.expired');
  });

  it('forces a password change at first login and enforces the policy', async () => {
    const u = await buildUser(ctx, { regionCode: region, unitId, roles: ['unit_staff'], mustChangePassword: true });
    const c = new Client(app);
    expect((await c.login(u)).json().stage).toBe('password');
    expect((await c.get('/api/v1/units')).json().code).toBe('forbidden.stage.password');
    const weak = await c.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors.map((e: any) => e.code)).toEqual(expect.arrayContaining(['password.tooShort', 'password.classes']));
    const withName = await c.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: `X1!${u.username}` });
    expect(withName.json().errors.map((e: any) => e.code)).toContain('password.containsUsername');
    const ok = await c.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'Better#Pass22' });
    expect(ok.json().stage).toBe('full');
    expect((await c.get('/api/v1/units')).statusCode).toBe(200);
  });

  it('requires TOTP enrolment for an administrator, then the code at every sign-in; recovery codes work once', async () => {
    const u = await buildUser(ctx, { regionCode: region, unitId, roles: ['sysadmin'], totp: false });
    const c = new Client(app);
    expect((await c.login(u)).json().stage).toBe('enroll');
    expect((await c.get('/api/v1/units')).statusCode).toBe(403);
    const setup = (await c.post('/api/v1/auth/totp/setup')).json();
    expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect((await c.post('/api/v1/auth/totp/confirm', { code: '000000' })).statusCode).toBe(400);
    const confirm = await c.post('/api/v1/auth/totp/confirm', { code: currentTotp(setup.secret, u.username, clock.now()) });
    expect(confirm.statusCode).toBe(200);
    const codes: string[] = confirm.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect((await c.get('/api/v1/units')).statusCode).toBe(200);

    const c2 = new Client(app);
    expect((await c2.post('/api/v1/auth/login', { username: u.username, password: PASSWORD })).json().stage).toBe('mfa');
    c2.csrf = c2.cookies.luoshi_csrf;
    expect((await c2.post('/api/v1/auth/mfa', { code: '123456' })).statusCode).toBe(401);
    expect((await c2.post('/api/v1/auth/mfa', { code: codes[0] })).json().stage).toBe('full');

    const c3 = new Client(app);
    await c3.post('/api/v1/auth/login', { username: u.username, password: PASSWORD });
    c3.csrf = c3.cookies.luoshi_csrf;
    expect((await c3.post('/api/v1/auth/mfa', { code: codes[0] })).statusCode).toBe(401);
    const actions = (await ctx.db.selectFrom('auditLog').select('action').where('entityId', '=', u.id).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.totp_setup', 'auth.totp_enabled', 'auth.mfa_recovery_code', 'auth.mfa_failed']));
  });

  it('accepts each TOTP code once (no replay within its 30-second window)', async () => {
    const u = await buildUser(ctx, { regionCode: region, unitId, roles: ['auditor'] });
    const code = currentTotp(u.totpSecret!, u.username, clock.now());
    const a = new Client(app);
    await a.post('/api/v1/auth/login', { username: u.username, password: PASSWORD });
    a.csrf = a.cookies.luoshi_csrf;
    expect((await a.post('/api/v1/auth/mfa', { code })).json().stage).toBe('full');
    const b = new Client(app);
    await b.post('/api/v1/auth/login', { username: u.username, password: PASSWORD });
    b.csrf = b.cookies.luoshi_csrf;
    expect((await b.post('/api/v1/auth/mfa', { code })).statusCode).toBe(401);
    clock.advanceMinutes(1);
    expect((await b.post('/api/v1/auth/mfa', { code: currentTotp(u.totpSecret!, u.username, clock.now()) })).json().stage).toBe('full');
  });

  it('logs out: the session no longer works', async () => {
    const u = await buildUser(ctx, { regionCode: region, unitId, roles: ['viewer'] });
    const c = new Client(app);
    await c.login(u);
    const token = c.cookies.luoshi_sid;
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(200);
    c.cookies.luoshi_sid = token;
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('lets the security administrator list and revoke sessions', async () => {
    const sec = await buildUser(ctx, { regionCode: region, unitId, roles: ['secadmin'] });
    const staff = await buildUser(ctx, { regionCode: region, unitId, roles: ['unit_staff'] });
    const a = new Client(app); await a.login(sec, ctx);
    const b = new Client(app); await b.login(staff);
    const list = (await a.get('/api/v1/sessions')).json();
    const mine = list.items.find((s: any) => s.username === staff.username);
    expect(mine).toBeTruthy();
    expect((await a.delete(`/api/v1/sessions/${mine.id}`)).statusCode).toBe(200);
    expect((await b.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await b.get('/api/v1/sessions')).statusCode).toBe(401);
  });
});
