// Every query of the units table. Directory data: readable by everyone in the actor's regions.
import { sql } from 'kysely';
import type { Trx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { inRegions } from '../../platform/access/scope.js';
import type { UnitListFilter, UnitView } from './schemas.js';

function base(db: Trx, actor: Actor) {
  return db.selectFrom('units')
    .leftJoin('units as parent', 'parent.id', 'units.parentId')
    .where((eb) => inRegions(eb, actor, 'units.region_code'));
}

const columns = [
  'units.id', 'units.regionCode', 'units.name', 'units.shortName', 'units.kind', 'units.parentId', 'parent.name as parentName',
  'units.sortOrder', 'units.phone', 'units.version', 'units.createdAt', 'units.updatedAt',
] as const;

export async function listUnits(db: Trx, actor: Actor, f: UnitListFilter): Promise<{ items: UnitView[]; total: number }> {
  let q = base(db, actor);
  if (f.q) q = q.where((eb) => eb.or([eb('units.name', 'like', `%${f.q}%`), eb('units.shortName', 'like', `%${f.q}%`)]));
  if (f.kind) q = q.where('units.kind', '=', f.kind);
  if (f.regionCode) q = q.where('units.regionCode', '=', f.regionCode);
  const pageSize = f.pageSize ?? 50;
  const page = f.page ?? 1;
  const [rows, count] = await Promise.all([
    q.select(columns)
      .select((eb) => eb.selectFrom('users').select(sql<number>`count(*)`.as('n')).whereRef('users.unitId', '=', 'units.id').as('userCount'))
      .orderBy('units.sortOrder').orderBy('units.name').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(present), total: Number(count.n) };
}

export async function findUnit(db: Trx, actor: Actor, id: string): Promise<UnitView | undefined> {
  const row = await base(db, actor).select(columns)
    .select((eb) => eb.selectFrom('users').select(sql<number>`count(*)`.as('n')).whereRef('users.unitId', '=', 'units.id').as('userCount'))
    .where('units.id', '=', id).executeTakeFirst();
  return row && present(row);
}

export async function findUnitByName(db: Trx, regionCode: string, name: string) {
  return db.selectFrom('units').select(['id', 'name', 'version']).where('regionCode', '=', regionCode).where('name', '=', name).executeTakeFirst();
}

export async function allUnitNames(db: Trx, regionCode: string) {
  return db.selectFrom('units').select(['id', 'name', 'shortName', 'version', 'parentId']).where('regionCode', '=', regionCode).execute();
}

export async function insertUnit(db: Trx, row: { id: string; regionCode: string; name: string; shortName: string | null; kind: string; parentId: string | null; sortOrder: number; phone: string | null; createdAt: string; updatedAt: string }) {
  await db.insertInto('units').values(row).execute();
}

/** Optimistic concurrency: the update applies only if the version still matches. */
export async function updateUnit(db: Trx, id: string, version: number, set: Record<string, unknown>): Promise<boolean> {
  const r = await db.updateTable('units').set({ ...set, version: version + 1 } as any).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function unitUsage(db: Trx, id: string) {
  const [users, children] = await Promise.all([
    db.selectFrom('users').select(sql<number>`count(*)`.as('n')).where('unitId', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('units').select(sql<number>`count(*)`.as('n')).where('parentId', '=', id).executeTakeFirstOrThrow(),
  ]);
  return { users: Number(users.n), children: Number(children.n) };
}

export async function deleteUnit(db: Trx, id: string) {
  await db.deleteFrom('leaderUnits').where('unitId', '=', id).execute();
  await db.deleteFrom('units').where('id', '=', id).execute();
}

function present(r: any): UnitView {
  return {
    id: r.id, regionCode: r.regionCode, name: r.name, shortName: r.shortName ?? null, kind: r.kind, parentId: r.parentId ?? null,
    parentName: r.parentName ?? null, sortOrder: r.sortOrder, phone: r.phone ?? null, userCount: Number(r.userCount ?? 0),
    version: r.version, createdAt: r.createdAt, updatedAt: r.updatedAt,
  };
}
