// Data scope (数据范围), applied in SQL by every repository through these helpers — never after the fact.
//   region : supervisor, viewer — every row of the regions the actor may read
//   units  : leader — the units of his portfolio (and his own); unit staff/admin — their own unit
//   none   : the three administrators read no business data
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Actor } from './actor.js';

export type Scope =
  | { kind: 'region'; regions: string[] }
  | { kind: 'units'; regions: string[]; unitIds: string[] }
  | { kind: 'none' };

export function businessScope(actor: Actor): Scope {
  if (actor.roles.has('supervisor') || actor.roles.has('viewer')) return { kind: 'region', regions: actor.readRegions };
  const unitIds = new Set<string>();
  if (actor.roles.has('leader')) actor.portfolioUnitIds.forEach((u) => unitIds.add(u));
  if ((actor.roles.has('unit_admin') || actor.roles.has('unit_staff') || actor.roles.has('leader')) && actor.unitId) unitIds.add(actor.unitId);
  if (unitIds.size) return { kind: 'units', regions: actor.readRegions, unitIds: [...unitIds] };
  return { kind: 'none' };
}

/**
 * A where-clause for a table whose rows carry a region column and an owning-unit column.
 * `extraUnitMatch` lets a module widen the unit match (e.g. tasks where the unit is a co-unit).
 */
export function inScope<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  scope: Scope,
  cols: { region: string; unit: string },
  extraUnitMatch?: (unitIds: string[]) => Expression<SqlBool>,
): Expression<SqlBool> {
  const ref = (c: string) => sql.ref(c);
  if (scope.kind === 'none') return sql<SqlBool>`1 = 0`;
  const region = eb(ref(cols.region) as any, 'in', scope.regions);
  if (scope.kind === 'region') return region;
  const unitMatch = eb(ref(cols.unit) as any, 'in', scope.unitIds);
  return eb.and([region, extraUnitMatch ? eb.or([unitMatch, extraUnitMatch(scope.unitIds)]) : unitMatch]);
}

/** Region-only scope for directory data (units, leaders) that everyone in the region may read. */
export function inRegions<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, actor: Actor, col: string): Expression<SqlBool> {
  return eb(sql.ref(col) as any, 'in', actor.readRegions);
}
