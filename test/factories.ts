// Outline's habit: factories so that each test makes its own county and needs no clean-up.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../server/context.js';
import type { Role, UnitKind } from '../common/roles.js';
import { newId } from '../server/platform/clock.js';
import { hashPassword } from '../server/platform/auth/passwords.js';
import { currentTotp, encryptSecret, newTotpSecret } from '../server/platform/auth/totp.js';
import { ADMIN_ROLES } from '../common/roles.js';

export const PASSWORD = 'Test@Pass1';
let hashed: Promise<string> | null = null;
const passwordHash = () => (hashed ??= hashPassword(PASSWORD));
let counter = 0;
const uniq = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

export async function buildRegion(ctx: Ctx, o: { level?: 'county' | 'city'; parentCode?: string | null; name?: string } = {}) {
  const code = String(100000 + Math.floor(Math.random() * 800000));
  const exists = await ctx.db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst();
  if (exists) return buildRegion(ctx, o);
  await ctx.db.insertInto('regions').values({ code, name: o.name ?? `测试县${code}`, level: o.level ?? 'county', parentCode: o.parentCode ?? null }).execute();
  return { code };
}

export async function buildUnit(ctx: Ctx, regionCode: string, o: { name?: string; kind?: UnitKind; parentId?: string | null } = {}) {
  const id = newId();
  const now = ctx.clock.now().toISOString();
  const name = o.name ?? `测试单位${uniq()}`;
  await ctx.db.insertInto('units').values({ id, regionCode, name, shortName: null, kind: o.kind ?? 'bureau', parentId: o.parentId ?? null, sortOrder: 0, phone: null, createdAt: now, updatedAt: now }).execute();
  return { id, name, regionCode };
}

export interface TestUser { id: string; username: string; password: string; totpSecret: string | null; regionCode: string; unitId: string | null }

export async function buildUser(ctx: Ctx, o: { regionCode: string; unitId?: string | null; roles?: Role[]; mustChangePassword?: boolean; totp?: boolean; displayName?: string }): Promise<TestUser> {
  const id = newId();
  const username = `u${uniq()}`;
  const now = ctx.clock.now().toISOString();
  const roles = o.roles ?? [];
  const wantsTotp = o.totp ?? roles.some((r) => ADMIN_ROLES.includes(r));
  const secret = wantsTotp ? newTotpSecret() : null;
  await ctx.db.insertInto('users').values({
    id, regionCode: o.regionCode, unitId: o.unitId ?? null, username, displayName: o.displayName ?? '测试用户', title: null, phone: null,
    passwordHash: await passwordHash(), mustChangePassword: o.mustChangePassword ? 1 : 0,
    totpSecret: secret ? encryptSecret(secret, ctx.config.sessionSecret) : null, totpEnabled: secret ? 1 : 0, createdAt: now, updatedAt: now,
  }).execute();
  if (roles.length) await ctx.db.insertInto('userRoles').values(roles.map((role) => ({ userId: id, role }))).execute();
  return { id, username, password: PASSWORD, totpSecret: secret, regionCode: o.regionCode, unitId: o.unitId ?? null };
}

export async function buildLeader(ctx: Ctx, user: TestUser, unitIds: string[], title = '副县长') {
  const id = newId();
  const now = ctx.clock.now().toISOString();
  await ctx.db.insertInto('leaders').values({ id, regionCode: user.regionCode, userId: user.id, title, sortOrder: 0, createdAt: now, updatedAt: now }).execute();
  if (unitIds.length) await ctx.db.insertInto('leaderUnits').values(unitIds.map((unitId) => ({ leaderId: id, unitId }))).execute();
  return { id };
}

/** A signed-in HTTP client over app.inject: keeps the cookies and sends the CSRF token. */
export class Client {
  cookies: Record<string, string> = {};
  csrf = '';
  constructor(readonly app: FastifyInstance) {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await this.app.inject({
      method: method as any, url,
      headers: {
        cookie: Object.entries(this.cookies).map(([k, v]) => `${k}=${v}`).join('; '),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined && !(body instanceof Buffer) ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: body instanceof Buffer ? body : JSON.stringify(body) } : {}),
    });
    for (const c of res.cookies as { name: string; value: string }[]) {
      if (c.value) this.cookies[c.name] = c.value; else delete this.cookies[c.name];
    }
    return res;
  }
  get(url: string) { return this.request('GET', url); }
  post(url: string, body?: unknown) { return this.request('POST', url, body ?? {}); }
  patch(url: string, body: unknown) { return this.request('PATCH', url, body); }
  put(url: string, body: unknown) { return this.request('PUT', url, body); }
  delete(url: string) { return this.request('DELETE', url); }

  /** Uploads one file as multipart/form-data field "file". */
  async upload(url: string, filename: string, data: Buffer) {
    const boundary = '----luoshi' + randomBytes(8).toString('hex');
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      data, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.request('POST', url, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  }

  async login(user: { username: string; password: string; totpSecret?: string | null }, ctx?: Ctx) {
    const res = await this.post('/api/v1/auth/login', { username: user.username, password: user.password });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    this.csrf = res.json().csrfToken;
    if (res.json().stage === 'mfa') {
      // A code is accepted once (no replay), and a test's clock may stand still while the same person signs in
      // again: like a person waiting for the authenticator's next code, take the next 30-second step when the
      // current one was used already. With the suite's ctx the user's last step is cleared instead (the clock may
      // not move at all between many sign-ins).
      if (ctx) await ctx.db.updateTable('users').set({ totpLastStep: null }).where('username', '=', user.username).execute();
      const now = ctx ? ctx.clock.now() : new Date();
      let r2 = await this.post('/api/v1/auth/mfa', { code: currentTotp(user.totpSecret!, user.username, now) });
      if (r2.statusCode === 401) r2 = await this.post('/api/v1/auth/mfa', { code: currentTotp(user.totpSecret!, user.username, new Date(now.getTime() + 30_000)) });
      if (r2.statusCode !== 200) throw new Error(`mfa failed: ${r2.statusCode} ${r2.body}`);
    }
    return res;
  }
}
