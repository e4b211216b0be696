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
import { isMuOffice } from '../enterprises/office.js';

export type MuReadScope = { kind: 'region' } | { kind: 'township'; codes: string[] } | { kind: 'none' };

/** The township region (level 'township') that a township unit governs: same name as its short name, or its name's head. */
export async function townshipOfUnit(db: Trx, regionCode: string, unitId: string): Promise<string | null> {
  const unit = await db.selectFrom('units').select(['name', 'shortName', 'kind']).where('id', '=', unitId).executeTakeFirst();
  if (!unit || unit.kind !== 'township') return null;
  const towns = await db.selectFrom('regions').select(['code', 'name']).where('parentCode', '=', regionCode).where('level', '=', 'township').execute();
  const exact = towns.find((t) => t.name === unit.shortName || t.name === unit.name);
  if (exact) return exact.code;
  const heads = towns.filter((t) => unit.name.startsWith(t.name)).sort((a, b) => b.name.length - a.name.length);
  return heads[0]?.code ?? null;
}

export async function muReadScope(ctx: Ctx, db: Trx, actor: Actor): Promise<MuReadScope> {
  authorize(actor, 'enterprises.read');
  if (actor.roles.has('leader') || actor.roles.has('supervisor') || actor.roles.has('viewer')) return { kind: 'region' };
  if (await isMuOffice(ctx, db, actor)) return { kind: 'region' };
  if (actor.unitId) {
    const code = await townshipOfUnit(db, actor.regionCode, actor.unitId);
    if (code) return { kind: 'township', codes: [code] };
  }
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
