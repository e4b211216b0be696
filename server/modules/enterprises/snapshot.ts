// The registry as the 亩均 evaluation sees it for one year: every enterprise of the region not closed before the year,
// with that year's figures (a figure not sent is simply absent). The scoring engine (modules/mu) decides what to do
// with gaps and which land figure to use (data.land_area from 自然资源局, else the registry's landAreaMu).
import { sql, type Kysely } from 'kysely';
import type { Ctx, Trx } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { ENTERPRISE_FIELDS, type EnterpriseField } from '../../../common/enterprise-fields.js';

export interface SnapshotEnterprise {
  id: string; creditCode: string; name: string; industryCode: string | null; townshipCode: string | null; townshipName: string | null;
  park: string | null; aboveScale: boolean; landAreaMu: number | null; producingSince: string | null; closedOn: string | null;
  /** Tenancies in force during the year on this enterprise's land (enterprises renting its plant). */
  tenantCount: number;
  data: Partial<Record<EnterpriseField, number>>;
}

const FIELD_SET = new Set<string>(ENTERPRISE_FIELDS);

export async function enterpriseSnapshot(ctx: Ctx, db: Kysely<DB> | Trx, regionCode: string, year: number): Promise<SnapshotEnterprise[]> {
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const rows = await db.selectFrom('enterprises as e')
    .leftJoin('regions as t', 't.code', 'e.townshipCode')
    .select(['e.id', 'e.creditCode', 'e.name', 'e.industryCode', 'e.townshipCode', 't.name as townshipName', 'e.park', 'e.aboveScale',
      'e.landAreaMu', 'e.producingSince', 'e.closedOn'])
    .where('e.regionCode', '=', regionCode)
    .where((eb) => eb.or([eb('e.closedOn', 'is', null), eb('e.closedOn', '>=', yearStart)]))
    .orderBy('e.creditCode')
    .execute();
  // One row per enterprise with its figures as one JSON object, not one row per figure: at 100,000 enterprises that
  // is 100,000 small objects to build instead of 800,000 rows (and their camel-cased copies).
  // As text on both: a parsed object from PostgreSQL would have its keys camel-cased by the CamelCasePlugin (value_added → valueAdded).
  const figures = ctx.dialect === 'postgres' ? sql<string>`json_object_agg(d.field, d.value)::text` : sql<string>`json_group_object(d.field, d.value)`;
  const data = await db.selectFrom('enterpriseYearData as d')
    .innerJoin('enterprises as e', 'e.id', 'd.enterpriseId')
    .select(['d.enterpriseId', figures.as('figures')])
    .where('e.regionCode', '=', regionCode).where('d.year', '=', year)
    .groupBy('d.enterpriseId')
    .execute();
  const tenants = await db.selectFrom('enterpriseTenancies as x')
    .innerJoin('enterprises as e', 'e.id', 'x.landlordId')
    .select(['x.landlordId', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('e.regionCode', '=', regionCode)
    .where((eb) => eb.or([eb('x.fromDate', 'is', null), eb('x.fromDate', '<=', yearEnd)]))
    .where((eb) => eb.or([eb('x.toDate', 'is', null), eb('x.toDate', '>=', yearStart)]))
    .groupBy('x.landlordId')
    .execute();
  const byId = new Map<string, Partial<Record<EnterpriseField, number>>>();
  for (const d of data) {
    const all = JSON.parse(d.figures) as Record<string, number | string>;
    const m: Partial<Record<EnterpriseField, number>> = {};
    for (const [field, value] of Object.entries(all)) if (FIELD_SET.has(field)) m[field as EnterpriseField] = Number(value);
    byId.set(d.enterpriseId, m);
  }
  const tenantCount = new Map(tenants.map((t) => [t.landlordId, Number(t.n)]));
  return rows.map((r) => ({
    id: r.id, creditCode: r.creditCode, name: r.name, industryCode: r.industryCode, townshipCode: r.townshipCode,
    townshipName: r.townshipName ?? null, park: r.park, aboveScale: !!r.aboveScale,
    landAreaMu: r.landAreaMu == null ? null : Number(r.landAreaMu), producingSince: r.producingSince, closedOn: r.closedOn,
    tenantCount: tenantCount.get(r.id) ?? 0, data: byId.get(r.id) ?? {},
  }));
}
