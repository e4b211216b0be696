import type { Ctx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { permissionsOf } from '../../platform/access/policies.js';

export async function describeMe(ctx: Ctx, actor: Actor) {
  const u = await ctx.db.selectFrom('users')
    .innerJoin('regions', 'regions.code', 'users.regionCode')
    .leftJoin('units', 'units.id', 'users.unitId')
    .select(['users.id', 'users.username', 'users.displayName', 'users.title', 'users.unitId', 'units.name as unitName',
      'users.regionCode', 'regions.name as regionName', 'users.locale', 'users.totpEnabled'])
    .where('users.id', '=', actor.userId).executeTakeFirstOrThrow();
  const regions = await ctx.db.selectFrom('regions').select(['code', 'name']).where('code', 'in', actor.readRegions).orderBy('code').execute();
  return {
    ...u, totpEnabled: !!u.totpEnabled, unitName: u.unitName ?? null,
    readRegions: regions, roles: [...actor.roles], permissions: permissionsOf(actor),
  };
}
