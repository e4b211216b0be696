// Who may change what in the library, and the references a project names (leader, unit, township, category).
import type { Ctx, Trx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { Forbidden, type FieldError } from '../../platform/errors.js';
import { getSetting } from '../../platform/settings.js';
import { isLibraryUnit } from './scope.js';

export interface LibraryRights { manageLibrary: boolean }

/** Supervisors and the library's units (setting projects.libraryUnitIds) keep the library: create, import, reassign. */
export async function libraryRights(ctx: Ctx, db: Trx, actor: Actor): Promise<LibraryRights> {
  const manageLibrary = actor.roles.has('supervisor') || await isLibraryUnit(ctx, db, actor);
  return { manageLibrary };
}

export async function requireLibrary(ctx: Ctx, db: Trx, actor: Actor): Promise<void> {
  authorize(actor, 'projects.manage');
  if (!(await libraryRights(ctx, db, actor)).manageLibrary) throw new Forbidden(); // only the library units and the 督查室
}

/** The library keepers, and the lead unit's own people for their project. */
export function canEditProject(actor: Actor, rights: LibraryRights, p: { leadUnitId: string; regionCode: string }): boolean {
  if (!(actor.roles.has('supervisor') || actor.roles.has('unit_admin') || actor.roles.has('unit_staff'))) return false;
  if (p.regionCode !== actor.regionCode) return false;
  if (rights.manageLibrary) return true;
  return !!actor.unitId && actor.unitId === p.leadUnitId && (actor.roles.has('unit_admin') || actor.roles.has('unit_staff'));
}

export async function requireEdit(ctx: Ctx, db: Trx, actor: Actor, p: { leadUnitId: string; regionCode: string }): Promise<LibraryRights> {
  authorize(actor, 'projects.manage');
  const rights = await libraryRights(ctx, db, actor);
  if (!canEditProject(actor, rights, p)) throw new Forbidden(); // the library units, the 督查室 or the lead unit
  return rights;
}

/** Checks the references of a project against the actor's region; each problem names its field. */
export async function referenceErrors(ctx: Ctx, db: Trx, regionCode: string, p: {
  category?: string; leaderUserId?: string | null; leadUnitId?: string; townshipCode?: string | null;
}): Promise<FieldError[]> {
  const e: FieldError[] = [];
  if (p.category !== undefined) {
    const cats = await getSetting(ctx, 'projects.categories', db);
    if (!cats.includes(p.category)) e.push({ field: 'category', code: 'projects.unknownCategory', params: { value: p.category, allowed: cats.join('、') } });
  }
  if (p.leaderUserId) {
    const ok = await db.selectFrom('users').innerJoin('userRoles', 'userRoles.userId', 'users.id').select('users.id')
      .where('users.id', '=', p.leaderUserId).where('userRoles.role', '=', 'leader').where('users.regionCode', '=', regionCode).executeTakeFirst();
    if (!ok) e.push({ field: 'leaderUserId', code: 'projects.notLeader' });
  }
  if (p.leadUnitId) {
    const ok = await db.selectFrom('units').select('id').where('id', '=', p.leadUnitId).where('regionCode', '=', regionCode).executeTakeFirst();
    if (!ok) e.push({ field: 'leadUnitId', code: 'invalid.value' });
  }
  if (p.townshipCode) {
    const ok = await db.selectFrom('regions').select('code').where('code', '=', p.townshipCode).where('level', '=', 'township').where('parentCode', '=', regionCode).executeTakeFirst();
    if (!ok) e.push({ field: 'townshipCode', code: 'projects.unknownTownship', params: { value: p.townshipCode } });
  }
  return e;
}
