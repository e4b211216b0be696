// Who reads 亩均 results (per-policy lists and aggregates), as a where-clause on mu_results:
//   region   : leader, supervisor, viewer, and the 亩均 office — every enterprise of the region
//   township : a township unit (乡镇/街道) — the enterprises of its own township
//   none     : any other unit — no enterprise (lists and aggregates answer empty)
// Policy definitions themselves are not enterprise data: everyone with 'enterprises.read' reads them.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Ctx, Trx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { NotFound } from '../../platform/errors.js';
import { muReach } from './scope.js';

export type MuReadScope = { kind: 'region' } | { kind: 'township'; codes: string[] } | { kind: 'none' };

/** The same reach as the runs and results (scope.ts muReach), in the shape these reads use. */
export async function muReadScope(ctx: Ctx, db: Trx, actor: Actor): Promise<MuReadScope> {
  authorize(actor, 'enterprises.read');
  const r = await muReach(ctx, db, actor);
  if (r.kind === 'region') return { kind: 'region' };
  if (r.kind === 'townships') return { kind: 'township', codes: r.townships };
  return { kind: 'none' };
}

/** The scope as SQL over a township-code column (of mu_results). */
export function inMuScope<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, scope: MuReadScope, townshipCol: string): Expression<SqlBool> {
  if (scope.kind === 'region') return sql<SqlBool>`1 = 1`;
  if (scope.kind === 'none' || !scope.codes.length) return sql<SqlBool>`1 = 0`;
  return eb(sql.ref(townshipCol) as any, 'in', scope.codes);
}

/** The region read: the one asked for if the actor may read it (404 otherwise), else the actor's own. */
export function readRegion(actor: Actor, asked: string | undefined): string {
  const code = asked ?? actor.regionCode;
  if (!actor.readRegions.includes(code)) throw new NotFound('region');
  return code;
}
