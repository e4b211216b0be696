// A county with one signed-in client per role, for permission and scope tests; plus small helpers for counting
// rows and audit entries before and after a request.
import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Ctx } from '../server/context.js';
import { ROLES, type Role } from '../common/roles.js';
import { buildLeader, buildRegion, buildUnit, buildUser, Client, type TestUser } from './factories.js';

/** Every role, plus 'none': an account that holds no role at all. */
export type RoleOrNone = Role | 'none';
export const ROLES_AND_NONE: RoleOrNone[] = [...ROLES, 'none'];

export interface World {
  region: string;
  /** The unit of the unit_admin and unit_staff, in the leader's portfolio. */
  unitId: string;
  unitName: string;
  /** Another unit of the same county, outside the leader's portfolio. */
  otherUnitId: string;
  /** The county office (督查室) where the administrators, supervisor, leader and viewer sit. */
  officeId: string;
  users: Record<RoleOrNone, TestUser>;
  clients: Record<RoleOrNone, Client>;
  leaderId: string;
}

export async function signIn(app: FastifyInstance, ctx: Ctx, user: TestUser): Promise<Client> {
  const c = new Client(app);
  await c.login(user, ctx);
  return c;
}

export async function buildWorld(app: FastifyInstance, ctx: Ctx, regionCode?: string): Promise<World> {
  const region = regionCode ?? (await buildRegion(ctx)).code;
  const { id: unitId, name: unitName } = await buildUnit(ctx, region, { name: `测试局${region}-${Math.random().toString(36).slice(2, 8)}` });
  const otherUnitId = (await buildUnit(ctx, region)).id;
  const officeId = (await buildUnit(ctx, region, { kind: 'office' })).id;
  const users = {} as Record<RoleOrNone, TestUser>;
  const clients = {} as Record<RoleOrNone, Client>;
  for (const role of ROLES_AND_NONE) {
    const inUnit = role === 'unit_admin' || role === 'unit_staff';
    users[role] = await buildUser(ctx, { regionCode: region, unitId: inUnit ? unitId : officeId, roles: role === 'none' ? [] : [role], displayName: `角色${role}` });
    clients[role] = await signIn(app, ctx, users[role]);
  }
  const leaderId = (await buildLeader(ctx, users.leader, [unitId])).id;
  return { region, unitId, unitName, otherUnitId, officeId, users, clients, leaderId };
}

export async function countRows(ctx: Ctx, table: string): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(ctx.db);
  return Number(r.rows[0].n);
}

export const auditCount = (ctx: Ctx) => countRows(ctx, 'audit_log');

/** Audit entries after a given sequence number, oldest first. */
export async function auditSince(ctx: Ctx, seq: number) {
  return ctx.db.selectFrom('auditLog').selectAll().where('seq', '>', seq).orderBy('seq').execute();
}

export async function lastSeq(ctx: Ctx): Promise<number> {
  const r = await ctx.db.selectFrom('auditLog').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return r?.seq ?? 0;
}

/** Counts of the tables a bad request must leave alone. */
export async function snapshotCounts(ctx: Ctx, tables = ['units', 'users', 'user_roles', 'leaders', 'leader_units', 'audit_log', 'settings', 'tasks']) {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = await countRows(ctx, t);
  return out;
}

/** A problem+json answer: the status, the content type, no stack trace, and the code. */
export function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string; json: () => any }, status: number, code?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(res.body).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack frames
  expect(res.body).not.toMatch(/node_modules|\/work\/|stack/i);
  const body = res.json();
  expect(body.status).toBe(status);
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  if (code) expect(body.code).toBe(code);
  return body;
}

/** A business date n days from now (Asia/Shanghai): task deadlines near enough for working-day arithmetic to stay cheap. */
export const inDays = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
