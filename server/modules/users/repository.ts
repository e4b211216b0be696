// Every query of users and user_roles. Scope: sysadmin/secadmin read the region's accounts; a unit admin his unit's.
import { PostgresAdapter, sql, type ExpressionBuilder } from 'kysely';
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

const isPostgres = (db: Trx) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The region-wide accounts (users.read's widest scope), by sysadmin or secadmin. */
const readsRegion = (actor: Actor) => actor.roles.has('sysadmin') || actor.roles.has('secadmin');

export async function listUsers(db: Trx, actor: Actor, f: UserListFilter, nowIso: string) {
  const pageSize = f.pageSize ?? 50; const page = f.page ?? 1; const offset = (page - 1) * pageSize;
  const { rows, total } = readsRegion(actor) && !f.q && !f.unitId && !f.role
    ? await regionPage(db, actor.readRegions, offset, pageSize)
    : await filteredPage(db, actor, f, offset, pageSize);
  // Roles in a query of their own for the page's rows: as a column they would be computed for every row skipped or sorted.
  const roles = await rolesOf(db, rows.map((r) => r.id));
  return { items: rows.map((r) => present(r, roles.get(r.id) ?? [], nowIso)), total };
}

/** Any scope and filter: sorted by the database, counted row by row. Searches and one unit's accounts come this way. */
async function filteredPage(db: Trx, actor: Actor, f: UserListFilter, offset: number, limit: number) {
  const oneUnit = f.unitId ?? (readsRegion(actor) ? null : actor.unitId);
  let q = base(db, actor);
  let c = db.selectFrom('users').where((eb) => userScope(eb as any, actor));
  if (f.q) {
    const like = `%${f.q}%`;
    q = q.where((eb) => eb.or([eb('users.username', 'like', like), eb('users.displayName', 'like', like)]));
    c = c.where((eb) => eb.or([eb('users.username', 'like', like), eb('users.displayName', 'like', like)]));
  }
  if (f.unitId) { q = q.where('users.unitId', '=', f.unitId); c = c.where('users.unitId', '=', f.unitId); }
  if (f.role) {
    q = q.where('users.id', 'in', (eb) => eb.selectFrom('userRoles').select('userRoles.userId').where('userRoles.role', '=', f.role!));
    c = c.where('users.id', 'in', (eb) => eb.selectFrom('userRoles').select('userRoles.userId').where('userRoles.role', '=', f.role!));
  }
  // Within one unit the list order is the user name's, which the index on (unit_id, region_code, username) gives.
  q = oneUnit ? q.orderBy('users.username')
    : q.orderBy('units.sortOrder', (ob) => ob.asc().nullsLast()).orderBy('units.name').orderBy('units.regionCode').orderBy('users.username');
  const [rows, count] = await Promise.all([
    q.select(cols).limit(limit).offset(offset).execute(),
    c.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * The whole region(s), unfiltered — the big list (a county has ~100,000 accounts). Neither sorted nor counted per page:
 * the units are walked in order through units_order_idx and each unit's users read by name from users_unit_order_idx,
 * stopping after the page; the total comes from region_user_counts (kept by triggers). Users without a unit follow.
 * Same rows, same order as filteredPage would give.
 */
async function regionPage(db: Trx, regions: string[], offset: number, limit: number) {
  const inUnits = await unitUsers(db, regions, offset, limit);
  const total = Number(inUnits.length ? inUnits[0].regionTotal : await regionTotal(db, regions));
  let rows: ListRow[] = inUnits;
  if (rows.length < limit) {
    // Past the last user in a unit: how many there are is known if this page reached them, else total − those without.
    const unitless = () => db.selectFrom('users').select(sql<number>`count(*)`.as('n')).where('regionCode', 'in', regions).where('unitId', 'is', null).executeTakeFirstOrThrow();
    const inUnitCount = rows.length ? offset + rows.length : total - Number((await unitless()).n);
    const rest = await db.selectFrom('users').leftJoin('units', 'units.id', 'users.unitId').select(cols)
      .where('users.regionCode', 'in', regions).where('users.unitId', 'is', null).orderBy('users.username')
      .limit(limit - rows.length).offset(Math.max(0, offset - inUnitCount)).execute();
    rows = [...rows, ...rest];
  }
  return { rows, total };
}

type ListRow = Awaited<ReturnType<typeof filteredPage>>['rows'][number];

/** How many accounts the regions have, from region_user_counts. */
const regionTotalSql = (regions: string[]) => sql<number>`(select coalesce(sum(n), 0) from region_user_counts where region_code in (${sql.join(regions)}))`;
const regionTotal = async (db: Trx, regions: string[]) => (await sql<{ n: number }>`select ${regionTotalSql(regions)} as n`.execute(db)).rows[0].n;

/** cols, as SQL over a relation named users (the table, or PostgreSQL's lateral subquery) and units. */
const USER_COLUMNS = sql.raw(`users.id, users.username, users.display_name, users.title, users.phone, users.unit_id, users.region_code,
  users.disabled, users.must_change_password, users.totp_enabled, users.locked_until, users.last_login_at, users.version, users.created_at`);

/**
 * The users that have a unit, in list order, [offset, offset + limit), each row with the regions' total (computed once).
 * Plain SQL rather than the query builder: on the hot path, building and compiling this query cost about what running it does.
 */
async function unitUsers(db: Trx, regions: string[], offset: number, limit: number): Promise<(ListRow & { regionTotal: number })[]> {
  const inRegions = sql.join(regions);
  const query = isPostgres(db)
    // PostgreSQL does not see that the nested loop comes out in order and sorts each unit's users in full: a LATERAL
    // subquery bounds each unit to offset + limit rows, read in order from the index.
    ? sql<ListRow & { regionTotal: number }>`select ${USER_COLUMNS}, units.name as unit_name, ${regionTotalSql(regions)} as region_total
        from units cross join lateral (
          select ${USER_COLUMNS} from users where users.unit_id = units.id and users.region_code in (${inRegions})
          order by users.username limit ${offset + limit}) as users
        order by units.sort_order, units.name, units.region_code, users.username limit ${limit} offset ${offset}`
    // SQLite keeps the join order of a CROSS JOIN: units outside, in index order, so no sort and an early stop.
    : sql<ListRow & { regionTotal: number }>`select ${USER_COLUMNS}, units.name as unit_name, ${regionTotalSql(regions)} as region_total
        from units cross join users where users.unit_id = units.id and users.region_code in (${inRegions})
        order by units.sort_order, units.name, units.region_code, users.username limit ${limit} offset ${offset}`;
  return (await query.execute(db)).rows;
}

export async function findUser(db: Trx, actor: Actor, id: string, nowIso: string): Promise<UserView | undefined> {
  const r = await base(db, actor).select(cols).where('users.id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  return present(r, (await rolesOf(db, [id])).get(id) ?? [], nowIso);
}

export async function rolesOf(db: Trx, ids: string[]): Promise<Map<string, Role[]>> {
  const m = new Map<string, Role[]>();
  if (!ids.length) return m;
  const rows = await db.selectFrom('userRoles').select(['userId', 'role']).where('userId', 'in', ids).orderBy('userId').orderBy('role').execute();
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
