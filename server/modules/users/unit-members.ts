// For other modules (notifications, reminders): who works in a unit, and in which language to write to a user.
// No permission check: the callers are jobs and services that have made their own.
import type { Trx } from '../../context.js';
import type { Locale, Role } from '../../../common/roles.js';

export interface Member { id: string; unitId: string; locale: Locale }

/** Enabled users of these units holding one of these roles, sorted by id. */
export async function unitMembers(db: Trx, unitIds: readonly string[], roles: readonly Role[]): Promise<Member[]> {
  if (!unitIds.length || !roles.length) return [];
  const rows = await db.selectFrom('users')
    .select(['users.id', 'users.unitId', 'users.locale'])
    .where('users.unitId', 'in', [...unitIds])
    .where('users.disabled', '=', 0)
    .where((eb) => eb.exists(eb.selectFrom('userRoles').select('userRoles.userId').whereRef('userRoles.userId', '=', 'users.id').where('userRoles.role', 'in', [...roles])))
    .orderBy('users.id')
    .execute();
  return rows.map((r) => ({ id: r.id, unitId: r.unitId!, locale: r.locale as Locale }));
}

/** The enabled users among these ids with their language (unknown ids are left out). */
export async function usersWithLocale(db: Trx, ids: readonly string[]): Promise<{ id: string; locale: Locale }[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('users').select(['id', 'locale']).where('id', 'in', [...ids]).where('disabled', '=', 0).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, locale: r.locale as Locale }));
}
