import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors, IdParams, Ok } from '../../platform/http/schemas.js';
import * as S from './recurring-schemas.js';
import * as recurring from './recurring.js';

const tags = ['recurring 常态化任务'];

export function recurringRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.addSchema(S.Recurring);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/v1/recurring-tasks', {
    schema: { tags, summary: '常态化任务 Recurring tasks', querystring: S.RecurringQuery, response: { 200: S.RecurringPage, ...errors(400, 401, 403) } },
  }, async (req) => recurring.listRecurring(ctx, actorOf(req), req.query));
  r.post('/api/v1/recurring-tasks', {
    schema: { tags, summary: '新增常态化任务 Define recurring work (opens each period by itself)', body: S.RecurringCreate, response: { 201: S.Recurring, ...errors(400, 401, 403) } },
  }, async (req, reply) => reply.status(201).send(await recurring.createRecurring(ctx, actorOf(req), req.body)));
  r.get('/api/v1/recurring-tasks/:id', {
    schema: { tags, summary: '常态化任务详情 A recurring task with its opened periods', params: IdParams, response: { 200: S.Recurring, ...errors(401, 403, 404) } },
  }, async (req) => recurring.getRecurring(ctx, actorOf(req), req.params.id));
  r.patch('/api/v1/recurring-tasks/:id', {
    schema: { tags, summary: '修改或停用常态化任务 Change or pause recurring work', params: IdParams, body: S.RecurringPatch, response: { 200: S.Recurring, ...errors(400, 401, 403, 404) } },
  }, async (req) => recurring.updateRecurring(ctx, actorOf(req), req.params.id, req.body));
  r.delete('/api/v1/recurring-tasks/:id', {
    schema: { tags, summary: '删除常态化任务 Remove recurring work (opened tasks stay)', params: IdParams, response: { 200: Ok, ...errors(401, 403, 404) } },
  }, async (req) => { await recurring.deleteRecurring(ctx, actorOf(req), req.params.id); return { ok: true }; });
}
