// Every query of the registry, scoped by the actor in SQL (see reach()). A row outside the scope is not found.
//   supervisor, viewer, leader, the 亩均 office : every enterprise of the regions they read
//   a township government (unit kind township) : the enterprises in its township
//   any other unit, the three administrators   : none
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Ctx, Trx } from '../../context.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { isMuOffice } from './office.js';
import type { EnterpriseListFilter, EnterpriseView } from './schemas.js';

export type Reach = { kind: 'region'; regions: string[] } | { kind: 'townships'; regions: string[]; unitId: string } | { kind: 'none' };

export async function reach(ctx: Ctx, db: Trx, actor: Actor): Promise<Reach> {
  const regions = actor.readRegions.length ? actor.readRegions : ['-'];
  if (actor.roles.has('supervisor') || actor.roles.has('viewer') || actor.roles.has('leader')) return { kind: 'region', regions };
  if (await isMuOffice(ctx, db, actor)) return { kind: 'region', regions };
  if ((actor.roles.has('unit_admin') || actor.roles.has('unit_staff')) && actor.unitId) return { kind: 'townships', regions, unitId: actor.unitId };
  return { kind: 'none' };
}

type EB = ExpressionBuilder<DB & { e: DB['enterprises'] }, 'e'>;

/** Township region codes whose government is this unit (城关镇 ↔ 城关镇人民政府 / short name 城关镇). */
export function townshipsOfUnit(eb: EB, unitId: string) {
  return eb.selectFrom('regions as tr')
    .innerJoin('units as tu', (j) => j.on(sql<SqlBool>`(tu.short_name = tr.name or tu.name like tr.name || '%')`))
    .select('tr.code')
    .where('tr.level', '=', 'township')
    .where('tu.kind', '=', 'township')
    .where('tu.id', '=', unitId);
}

export function inReach(eb: EB, r: Reach): Expression<SqlBool> {
  if (r.kind === 'none') return sql<SqlBool>`1 = 0`;
  const region = eb('e.regionCode', 'in', r.regions);
  if (r.kind === 'region') return region;
  return eb.and([region, eb('e.townshipCode', 'in', townshipsOfUnit(eb, r.unitId))]);
}

const COLS = ['e.id', 'e.regionCode', 'e.creditCode', 'e.name', 'e.industryCode', 'e.townshipCode', 't.name as townshipName', 'e.park',
  'e.aboveScale', 'e.landAreaMu', 'e.producingSince', 'e.closedOn', 'e.codeOverrideReason', 'e.version', 'e.createdAt', 'e.updatedAt'] as const;

function view(r: any): EnterpriseView {
  return {
    id: r.id, regionCode: r.regionCode, creditCode: r.creditCode, name: r.name, industryCode: r.industryCode, townshipCode: r.townshipCode,
    townshipName: r.townshipName ?? null, park: r.park, aboveScale: !!r.aboveScale, landAreaMu: r.landAreaMu == null ? null : Number(r.landAreaMu),
    producingSince: r.producingSince, closedOn: r.closedOn, codeOverrideReason: r.codeOverrideReason, version: Number(r.version),
    createdAt: r.createdAt, updatedAt: r.updatedAt,
  };
}

const base = (db: Trx) => db.selectFrom('enterprises as e').leftJoin('regions as t', 't.code', 'e.townshipCode');

export async function listEnterprises(db: Trx, r: Reach, f: EnterpriseListFilter, today: string): Promise<{ items: EnterpriseView[]; total: number }> {
  let q = base(db).where((eb) => inReach(eb as any, r));
  if (f.q?.trim()) q = q.where('e.searchText', 'like', `%${f.q.trim().toLowerCase()}%`);
  if (f.townshipCode) q = q.where('e.townshipCode', '=', f.townshipCode);
  if (f.park) q = q.where('e.park', '=', f.park);
  if (f.aboveScale !== undefined) q = q.where('e.aboveScale', '=', f.aboveScale ? 1 : 0);
  if (f.status === 'closed') q = q.where('e.closedOn', '<=', today);
  if (f.status === 'producing') q = q.where((eb) => eb.or([eb('e.closedOn', 'is', null), eb('e.closedOn', '>', today)]));
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 50;
  const [rows, count] = await Promise.all([
    q.select([...COLS]).orderBy('e.aboveScale', 'desc').orderBy('e.name').orderBy('e.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(view), total: Number(count.n) };
}

/** Every enterprise in reach, for export (no paging). */
export async function allInReach(db: Trx, r: Reach): Promise<EnterpriseView[]> {
  return (await base(db).where((eb) => inReach(eb as any, r)).select([...COLS]).orderBy('e.name').execute()).map(view);
}

export async function findEnterprise(db: Trx, r: Reach, id: string): Promise<EnterpriseView | null> {
  const row = await base(db).where((eb) => inReach(eb as any, r)).where('e.id', '=', id).select([...COLS]).executeTakeFirst();
  return row ? view(row) : null;
}

export async function findByCreditCode(db: Trx, regionCode: string, creditCode: string) {
  return db.selectFrom('enterprises').select(['id', 'name', 'version']).where('regionCode', '=', regionCode).where('creditCode', '=', creditCode).executeTakeFirst();
}

/**
 * Who an enterprise is (id, 统一社会信用代码, name): every enterprise of a region, or those of `ids`. The door other
 * modules (亩均 inputs) use to name or match an enterprise instead of reading this module's table.
 */
export async function identities(db: Trx, regionCode: string, ids?: readonly string[]): Promise<{ id: string; creditCode: string; name: string }[]> {
  const q = db.selectFrom('enterprises').select(['id', 'creditCode', 'name']).where('regionCode', '=', regionCode);
  if (!ids) return q.execute();
  const out: { id: string; creditCode: string; name: string }[] = [];
  for (let i = 0; i < ids.length; i += 500) if (ids.length) out.push(...await q.where('id', 'in', ids.slice(i, i + 500)).execute());
  return out;
}

/** Credit code → registry row, for imports (one region, no paging). */
export async function registryIndex(db: Trx, regionCode: string) {
  const rows = await base(db).where('e.regionCode', '=', regionCode).select([...COLS]).execute();
  return new Map(rows.map((r) => [r.creditCode, view(r)]));
}

export async function townshipsOf(db: Trx, regionCode: string) {
  return db.selectFrom('regions').select(['code', 'name']).where('parentCode', '=', regionCode).where('level', '=', 'township').orderBy('code').execute();
}

export async function parksOf(db: Trx, r: Reach): Promise<string[]> {
  const rows = await db.selectFrom('enterprises as e').select('e.park').distinct().where((eb) => inReach(eb as any, r)).where('e.park', 'is not', null).orderBy('e.park').execute();
  return rows.map((x) => x.park!);
}

export async function yearsWithData(db: Trx, r: Reach): Promise<number[]> {
  const rows = await db.selectFrom('enterpriseYearData as d').innerJoin('enterprises as e', 'e.id', 'd.enterpriseId')
    .select('d.year').distinct().where((eb) => inReach(eb as any, r)).orderBy('d.year', 'desc').execute();
  return rows.map((x) => Number(x.year));
}

export const searchText = (name: string, creditCode: string, park: string | null) => `${name} ${creditCode} ${park ?? ''}`.toLowerCase();

export async function parcelsOf(db: Trx, enterpriseId: string) {
  const rows = await db.selectFrom('enterpriseParcels').select(['id', 'certificateNo', 'location', 'areaMu', 'landUse', 'acquiredOn'])
    .where('enterpriseId', '=', enterpriseId).orderBy('createdAt').orderBy('id').execute();
  return rows.map((p) => ({ ...p, areaMu: Number(p.areaMu) }));
}

export async function tenanciesOf(db: Trx, col: 'tenantId' | 'landlordId', enterpriseId: string) {
  const rows = await db.selectFrom('enterpriseTenancies as x')
    .innerJoin('enterprises as te', 'te.id', 'x.tenantId')
    .innerJoin('enterprises as le', 'le.id', 'x.landlordId')
    .select(['x.id', 'x.tenantId', 'te.name as tenantName', 'te.creditCode as tenantCreditCode', 'x.landlordId', 'le.name as landlordName',
      'le.creditCode as landlordCreditCode', 'x.parcelId', 'x.areaMu', 'x.fromDate', 'x.toDate'])
    .where(`x.${col}`, '=', enterpriseId).orderBy('x.createdAt').orderBy('x.id').execute();
  return rows.map((t) => ({ ...t, areaMu: Number(t.areaMu) }));
}

export async function figuresOf(db: Trx, enterpriseId: string) {
  const rows = await db.selectFrom('enterpriseYearData').select(['year', 'field', 'value', 'source', 'batchId', 'updatedAt'])
    .where('enterpriseId', '=', enterpriseId).orderBy('year', 'desc').orderBy('field').execute();
  return rows.map((r) => ({ ...r, year: Number(r.year), value: Number(r.value) }));
}
