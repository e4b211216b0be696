// Builds the Actor for a user id: roles, unit, readable regions (a city user reads its counties), portfolio units.
import type { Ctx } from '../../context.js';
import type { Locale, Role } from '../../../common/roles.js';
import type { Actor } from './actor.js';

/** The user's row as the actor needs it (users joined to regions.level). */
export interface ActorUser { id: string; username: string; displayName: string; regionCode: string; unitId: string | null; locale: string; disabled: number; level: string }

export async function loadActor(ctx: Ctx, userId: string, ip: string | null): Promise<Actor | null> {
  const u = await ctx.db.selectFrom('users').innerJoin('regions', 'regions.code', 'users.regionCode')
    .select(['users.id', 'users.username', 'users.displayName', 'users.regionCode', 'users.unitId', 'users.locale', 'users.disabled', 'regions.level'])
    .where('users.id', '=', userId).executeTakeFirst();
  if (!u || u.disabled) return null;
  const roles = (await ctx.db.selectFrom('userRoles').select('role').where('userId', '=', userId).execute()).map((r) => r.role as Role);
  return buildActor(ctx, u, roles, ip);
}

/** The actor of a user already read (with his roles); null if the account is disabled. Asks the database only for a
 *  city or province user's counties and a leader's portfolio. */
export async function buildActor(ctx: Ctx, u: ActorUser, roles: Role[], ip: string | null): Promise<Actor | null> {
  if (u.disabled) return null;
  const readRegions = [u.regionCode];
  if (u.level === 'city' || u.level === 'province') {
    const children = await ctx.db.selectFrom('regions').select('code').where('parentCode', '=', u.regionCode).where('level', '=', 'county').execute();
    readRegions.push(...children.map((c) => c.code));
  }
  let portfolioUnitIds: string[] = [];
  if (roles.includes('leader')) {
    portfolioUnitIds = (await ctx.db.selectFrom('leaderUnits').innerJoin('leaders', 'leaders.id', 'leaderUnits.leaderId')
      .select('leaderUnits.unitId').where('leaders.userId', '=', u.id).execute()).map((r) => r.unitId);
  }
  return {
    userId: u.id, username: u.username, displayName: u.displayName, regionCode: u.regionCode, readRegions,
    unitId: u.unitId, roles: new Set(roles), portfolioUnitIds, locale: (u.locale as Locale) ?? 'zh-CN', ip,
  };
}
