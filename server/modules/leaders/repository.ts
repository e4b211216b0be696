// Every query of leaders, leader_domains and leader_units (分管).
import type { Trx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import type { LeaderView } from './schemas.js';

export async function listLeaders(db: Trx, actor: Actor, id?: string): Promise<LeaderView[]> {
  let q = db.selectFrom('leaders').innerJoin('users', 'users.id', 'leaders.userId')
    .select(['leaders.id', 'leaders.userId', 'users.username', 'users.displayName as name', 'leaders.title', 'leaders.regionCode', 'leaders.sortOrder', 'leaders.version'])
    .where('leaders.regionCode', 'in', actor.readRegions);
  if (id) q = q.where('leaders.id', '=', id);
  const rows = await q.orderBy('leaders.regionCode').orderBy('leaders.sortOrder').execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [domains, units, roles] = await Promise.all([
    db.selectFrom('leaderDomains').select(['leaderId', 'domain']).where('leaderId', 'in', ids).orderBy('domain').execute(),
    db.selectFrom('leaderUnits').innerJoin('units', 'units.id', 'leaderUnits.unitId').select(['leaderUnits.leaderId', 'units.id', 'units.name'])
      .where('leaderUnits.leaderId', 'in', ids).orderBy('units.sortOrder').execute(),
    db.selectFrom('userRoles').select('userId').where('role', '=', 'leader').where('userId', 'in', rows.map((r) => r.userId)).execute(),
  ]);
  const withRole = new Set(roles.map((r) => r.userId));
  return rows.map((r) => ({
    ...r, hasLeaderRole: withRole.has(r.userId),
    domains: domains.filter((d) => d.leaderId === r.id).map((d) => d.domain),
    units: units.filter((u) => u.leaderId === r.id).map((u) => ({ id: u.id, name: u.name })),
  }));
}

/** Whether a user is in the region's leaders directory: the 县领导 who may be named 责任领导 or 包抓领导. */
export async function isRegionLeader(db: Trx, userId: string, regionCode: string): Promise<boolean> {
  return !!(await db.selectFrom('leaders').select('userId').where('userId', '=', userId).where('regionCode', '=', regionCode).executeTakeFirst());
}

/** The region's leaders directory in its order, for pickers: user id, name, title. */
export async function regionLeaders(db: Trx, regionCode: string) {
  return db.selectFrom('leaders').innerJoin('users', 'users.id', 'leaders.userId').select(['users.id as userId', 'users.displayName as name', 'leaders.title'])
    .where('leaders.regionCode', '=', regionCode).orderBy('leaders.sortOrder').execute();
}

export async function leaderOfUser(db: Trx, userId: string) {
  return db.selectFrom('leaders').select('id').where('userId', '=', userId).executeTakeFirst();
}

export async function insertLeader(db: Trx, row: { id: string; regionCode: string; userId: string; title: string; sortOrder: number; createdAt: string; updatedAt: string }) {
  await db.insertInto('leaders').values(row).execute();
}

export async function updateLeader(db: Trx, id: string, version: number, set: Record<string, unknown>): Promise<boolean> {
  const r = await db.updateTable('leaders').set({ ...set, version: version + 1 } as any).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setPortfolio(db: Trx, id: string, domains: string[] | undefined, unitIds: string[] | undefined) {
  if (domains) {
    await db.deleteFrom('leaderDomains').where('leaderId', '=', id).execute();
    if (domains.length) await db.insertInto('leaderDomains').values(domains.map((domain) => ({ leaderId: id, domain }))).execute();
  }
  if (unitIds) {
    await db.deleteFrom('leaderUnits').where('leaderId', '=', id).execute();
    if (unitIds.length) await db.insertInto('leaderUnits').values(unitIds.map((unitId) => ({ leaderId: id, unitId }))).execute();
  }
}

export async function deleteLeader(db: Trx, id: string) {
  await db.deleteFrom('leaders').where('id', '=', id).execute();
}
