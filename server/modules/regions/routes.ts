import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors } from '../../platform/http/schemas.js';

export const Region = Type.Object({ code: Type.String(), name: Type.String(), level: Type.String(), parentCode: Type.Union([Type.String(), Type.Null()]) });

export function regionRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get('/api/v1/regions', {
    schema: { tags: ['regions 行政区划'], summary: '可见的行政区划 Regions the user may read (GB/T 2260 codes)', response: { 200: Type.Array(Region), ...errors(401) } },
  }, async (req) => {
    const actor = actorOf(req);
    return ctx.db.selectFrom('regions').select(['code', 'name', 'level', 'parentCode'])
      .where((eb) => eb.or([eb('code', 'in', actor.readRegions), eb('parentCode', 'in', actor.readRegions)])).orderBy('code').execute();
  });
}
