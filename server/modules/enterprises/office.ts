// The 亩均 office (亩均办): the units listed in setting mu.officeUnitIds (the demo: 县经济和信息化局). Its administrators
// and staff keep the enterprise registry and the imports, and run the evaluation (schemes, runs, policies).
import type { Kysely } from 'kysely';
import type { Ctx, Trx } from '../../context.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { Forbidden } from '../../platform/errors.js';
import { getSetting } from '../../platform/settings.js';

export async function isMuOffice(ctx: Ctx, db: Kysely<DB> | Trx, actor: Actor): Promise<boolean> {
  if (!actor.unitId || !(actor.roles.has('unit_admin') || actor.roles.has('unit_staff'))) return false;
  return (await getSetting(ctx, 'mu.officeUnitIds', db)).includes(actor.unitId);
}

/** Throws Forbidden unless the actor works in the 亩均 office (call after authorize(actor, 'mu.manage')). */
export async function requireMuOffice(ctx: Ctx, db: Kysely<DB> | Trx, actor: Actor): Promise<void> {
  if (!(await isMuOffice(ctx, db, actor))) throw new Forbidden();
}

/** Administrators of the office may accept a credit code whose check character fails (with a recorded reason). */
export async function isMuOfficeAdmin(ctx: Ctx, db: Kysely<DB> | Trx, actor: Actor): Promise<boolean> {
  return actor.roles.has('unit_admin') && (await isMuOffice(ctx, db, actor));
}
