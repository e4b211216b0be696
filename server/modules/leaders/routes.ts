import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors, IdParams, Ok } from '../../platform/http/schemas.js';
import * as S from './schemas.js';
import * as leaders from './service.js';

const tags = ['leaders 领导分管'];

export function leaderRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.addSchema(S.Leader);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/v1/leaders', { schema: { tags, summary: '领导及分管 Leaders and portfolios', response: { 200: Type.Array(Type.Ref('Leader')), ...errors(401, 403) } } },
    async (req) => leaders.listLeaders(ctx, actorOf(req)));
  r.get('/api/v1/leaders/:id', { schema: { tags, summary: '领导详情 A leader', params: IdParams, response: { 200: S.Leader, ...errors(401, 403, 404) } } },
    async (req) => leaders.getLeader(ctx, actorOf(req), req.params.id));
  r.post('/api/v1/leaders', { schema: { tags, summary: '新增领导 Add a leader', body: S.LeaderCreate, response: { 201: S.Leader, ...errors(400, 401, 403, 409) } } },
    async (req, reply) => reply.status(201).send(await leaders.createLeader(ctx, actorOf(req), req.body)));
  r.patch('/api/v1/leaders/:id', { schema: { tags, summary: '修改分管 Update a portfolio', params: IdParams, body: S.LeaderPatch, response: { 200: S.Leader, ...errors(400, 401, 403, 404, 409) } } },
    async (req) => leaders.updateLeader(ctx, actorOf(req), req.params.id, req.body));
  r.delete('/api/v1/leaders/:id', { schema: { tags, summary: '删除领导 Remove a leader', params: IdParams, response: { 200: Ok, ...errors(401, 403, 404) } } },
    async (req) => { await leaders.deleteLeader(ctx, actorOf(req), req.params.id); return { ok: true }; });
}
