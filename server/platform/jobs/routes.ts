import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../context.js';
import { NotFound } from '../errors.js';
import { actorOf } from '../http/guard.js';
import { errors, IdParams } from '../http/schemas.js';
import { getJob } from './jobs.js';

export const JobSchema = Type.Object({
  id: Type.String(), kind: Type.String(), status: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  done: Type.Integer(), total: Type.Integer(), message: Type.Union([Type.String(), Type.Null()]), result: Type.Unknown(),
});

export function jobRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get('/api/v1/jobs/:id', {
    schema: { tags: ['jobs 后台任务'], summary: '后台任务进度 Progress of a long operation', params: IdParams, response: { 200: JobSchema, ...errors(401, 404) } },
  }, async (req) => {
    const job = await getJob(ctx, req.params.id, actorOf(req).userId);
    if (!job) throw new NotFound('job');
    return job;
  });
}
