// Every query of users and user_roles. Scope: sysadmin/secadmin read the region's accounts; a unit admin his unit's.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Trx } from '../../context.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Role } from '../../../common/roles.js';
import type { UserListFilter, UserView } from './schemas.js';

function userScope(eb: ExpressionBuilder<DB, 'users'>, actor: Actor) {
  const region = eb('users.regionCode', 'in', actor.readRegions);
  if (actor.roles.has('sysadmin') || actor.roles.has('secadmin')) return region;
  if (actor.roles.has('unit_admin') && actor.unitId) return eb.and([region, eb('users.unitId', '=', actor.unitId)]);
  return eb('users.id', '=', actor.userId);
}

const cols = ['users.id', 'users.username', 'users.displayName', 'users.title', 'users.phone', 'users.unitId', 'units.name as unitName',
  'users.regionCode', 'users.disabled', 'users.mustChangePassword', 'users.totpEnabled', 'users.lockedUntil', 'users.lastLoginAt',
  'users.version', 'users.createdAt'] as const;

function base(db: Trx, actor: Actor) {
  return db.selectFrom('users').leftJoin('units', 'units.id', 'users.unitId').where((eb) => userScope(eb as any, actor));
}

export async function listUsers(db: Trx, actor: Actor, f: UserListFilter, nowIso: string) {
  let q = base(db, actor);
  if (f.q) q = q.where((eb) => eb.or([eb('users.username', 'like', `%${f.q}%`), eb('users.displayName', 'like', `%${f.q}%`)]));
  if (f.unitId) q = q.where('users.unitId', '=', f.unitId);
  if (f.role) q = q.where('users.id', 'in', (eb) => eb.selectFrom('userRoles').select('userRoles.userId').where('userRoles.role', '=', f.role!));
  const pageSize = f.pageSize ?? 50; const page = f.page ?? 1;
  const [rows, count] = await Promise.all([
    q.select(cols).orderBy('units.sortOrder').orderBy('users.username').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const roles = await rolesOf(db, rows.map((r) => r.id));
  return { items: rows.map((r) => present(r, roles.get(r.id) ?? [], nowIso)), total: Number(count.n) };
}

export async function findUser(db: Trx, actor: Actor, id: string, nowIso: string): Promise<UserView | undefined> {
  const r = await base(db, actor).select(cols).where('users.id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  return present(r, (await rolesOf(db, [id])).get(id) ?? [], nowIso);
}

export async function rolesOf(db: Trx, ids: string[]): Promise<Map<string, Role[]>> {
  const m = new Map<string, Role[]>();
  if (!ids.length) return m;
  const rows = await db.selectFrom('userRoles').select(['userId', 'role']).where('userId', 'in', ids).execute();
  for (const r of rows) m.set(r.userId, [...(m.get(r.userId) ?? []), r.role as Role]);
  return m;
}

export async function usernameTaken(db: Trx, username: string) {
  return !!(await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst());
}

export async function insertUser(db: Trx, row: {
  id: string; regionCode: string; unitId: string | null; username: string; displayName: string; title: string | null; phone: string | null;
  passwordHash: string; createdAt: string; updatedAt: string;
}, roles: Role[]) {
  await db.insertInto('users').values({ ...row, mustChangePassword: 1 }).execute();
  if (roles.length) await db.insertInto('userRoles').values(roles.map((role) => ({ userId: row.id, role }))).execute();
}

export async function updateUser(db: Trx, id: string, version: number, set: Record<string, unknown>): Promise<boolean> {
  const r = await db.updateTable('users').set({ ...set, version: version + 1 } as any).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setRoles(db: Trx, id: string, roles: Role[]) {
  await db.deleteFrom('userRoles').where('userId', '=', id).execute();
  if (roles.length) await db.insertInto('userRoles').values(roles.map((role) => ({ userId: id, role }))).execute();
}

function present(r: any, roles: Role[], nowIso: string): UserView {
  return {
    id: r.id, username: r.username, displayName: r.displayName, title: r.title ?? null, phone: r.phone ?? null, unitId: r.unitId ?? null,
    unitName: r.unitName ?? null, regionCode: r.regionCode, roles, disabled: !!r.disabled, mustChangePassword: !!r.mustChangePassword,
    totpEnabled: !!r.totpEnabled, locked: !!r.lockedUntil && r.lockedUntil > nowIso, lastLoginAt: r.lastLoginAt ?? null,
    version: r.version, createdAt: r.createdAt,
  };
}
