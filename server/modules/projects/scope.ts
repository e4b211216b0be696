// Who sees which project (数据范围), as SQL on `projects` — used by the library and by the tracking pages.
//   supervisor, viewer         : every project of the regions they read
//   library units (setting projects.libraryUnitIds, e.g. 县发展和改革局): every project of their region
//   leader                     : the projects he drives (包抓), those led by a unit of his portfolio, and those in a
//                                township whose government is in his portfolio
//   unit admin / staff         : the projects their unit leads; a township government also those in its township
//   the three administrators   : none
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Ctx, Trx } from '../../context.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { NotFound } from '../../platform/errors.js';
import { getSetting } from '../../platform/settings.js';

export type ProjectWhere = (eb: ExpressionBuilder<DB, 'projects'>) => Expression<SqlBool>;

/** Township region codes whose government is one of these units (matched by name: 城关镇 ↔ 城关镇人民政府). */
function townshipsOfUnits(eb: ExpressionBuilder<DB, 'projects'>, unitIds: string[]) {
  return eb.selectFrom('regions as tr')
    .innerJoin('units as tu', (j) => j.on(sql<SqlBool>`(tu.short_name = tr.name or tu.name like tr.name || '%')`))
    .select('tr.code')
    .where('tr.level', '=', 'township')
    .where('tu.kind', '=', 'township')
    .where('tu.id', 'in', unitIds);
}

/**
 * A where-clause on `projects` for this actor. Pass `libraryUnitIds` (setting projects.libraryUnitIds) so that the
 * library's own units see the whole region; `loadProjectScope` does that for you.
 */
export function projectScope(actor: Actor, opts: { libraryUnitIds?: string[] } = {}): ProjectWhere {
  return (eb) => {
    const region = eb('projects.regionCode', 'in', actor.readRegions.length ? actor.readRegions : ['-']);
    if (actor.roles.has('supervisor') || actor.roles.has('viewer')) return region;
    const isUnitUser = (actor.roles.has('unit_admin') || actor.roles.has('unit_staff')) && !!actor.unitId;
    if (isUnitUser && opts.libraryUnitIds?.includes(actor.unitId!)) return region;
    const ors: Expression<SqlBool>[] = [];
    const units = new Set<string>();
    if (actor.roles.has('leader')) {
      ors.push(eb('projects.leaderUserId', '=', actor.userId));
      actor.portfolioUnitIds.forEach((u) => units.add(u));
    }
    if (isUnitUser) units.add(actor.unitId!);
    if (units.size) {
      ors.push(eb('projects.leadUnitId', 'in', [...units]));
      ors.push(eb('projects.townshipCode', 'in', townshipsOfUnits(eb, [...units])));
    }
    if (!ors.length) return sql<SqlBool>`1 = 0`;
    return eb.and([region, eb.or(ors)]);
  };
}

export async function loadProjectScope(ctx: Ctx, db: Trx, actor: Actor): Promise<ProjectWhere> {
  return projectScope(actor, { libraryUnitIds: await getSetting(ctx, 'projects.libraryUnitIds', db) });
}

/** True when the actor works in a unit that keeps the project library. */
export async function isLibraryUnit(ctx: Ctx, db: Trx, actor: Actor): Promise<boolean> {
  if (!actor.unitId || !(actor.roles.has('unit_admin') || actor.roles.has('unit_staff'))) return false;
  return (await getSetting(ctx, 'projects.libraryUnitIds', db)).includes(actor.unitId);
}

/** The project row if the actor may see it; otherwise NotFound (out of scope looks the same as missing). */
export async function findProjectInScope(ctx: Ctx, db: Trx, actor: Actor, id: string) {
  const where = await loadProjectScope(ctx, db, actor);
  const row = await db.selectFrom('projects').selectAll().where('projects.id', '=', id).where(where).executeTakeFirst();
  if (!row) throw new NotFound('project');
  return row;
}
