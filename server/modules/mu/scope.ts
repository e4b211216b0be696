// Who reads 亩均 evaluation results, as SQL: the county (supervisor, viewer, leader) and the 亩均 office read every
// result of their regions; a township government reads the results of the enterprises in its township; other units
// and the three administrators none. Draft runs are the office's working copies: only the office sees them.
import { sql } from 'kysely';
import type { Ctx, Trx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { isMuOffice } from '../enterprises/office.js';

export type MuReach =
  | { kind: 'region'; regions: string[]; office: boolean }
  | { kind: 'townships'; regions: string[]; townships: string[]; office: false }
  | { kind: 'none'; office: false };

export async function muReach(ctx: Ctx, db: Trx, actor: Actor): Promise<MuReach> {
  const regions = actor.readRegions.length ? actor.readRegions : ['-'];
  if (await isMuOffice(ctx, db, actor)) return { kind: 'region', regions, office: true };
  if (actor.roles.has('supervisor') || actor.roles.has('viewer') || actor.roles.has('leader')) return { kind: 'region', regions, office: false };
  if ((actor.roles.has('unit_admin') || actor.roles.has('unit_staff')) && actor.unitId) {
    // A township government (unit kind township) ↔ its township region (城关镇人民政府 / short name 城关镇 ↔ 城关镇).
    const rows = await db.selectFrom('regions as tr')
      .innerJoin('units as tu', (j) => j.on(sql<boolean>`(tu.short_name = tr.name or tu.name like tr.name || '%')`))
      .select('tr.code').where('tr.level', '=', 'township').where('tu.kind', '=', 'township').where('tu.id', '=', actor.unitId)
      .execute();
    if (rows.length) return { kind: 'townships', regions, townships: rows.map((r) => r.code), office: false };
  }
  return { kind: 'none', office: false };
}
