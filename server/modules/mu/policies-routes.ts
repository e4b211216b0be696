import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors, IdParams, Ok } from '../../platform/http/schemas.js';
import { attachment, XLSX_TYPE } from '../../platform/excel/excel.js';
import * as S from './policies-schemas.js';
import * as policies from './policies-service.js';

const tags = ['mu 亩均论英雄'];

export function muPolicyRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.addSchema(S.MuPolicy);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/v1/mu/policies', {
    schema: { tags, summary: '差别化政策列表 List differentiated policies', querystring: S.MuPolicyListQuery, response: { 200: S.MuPolicyListResult, ...errors(400, 401, 403, 404) } },
  }, async (req) => policies.listPolicies(ctx, actorOf(req), req.query));

  r.post('/api/v1/mu/policies', {
    schema: { tags, summary: '新建差别化政策（亩均办）Create a policy', body: S.MuPolicyCreate, response: { 201: S.MuPolicy, ...errors(400, 401, 403, 409) } },
  }, async (req, reply) => reply.status(201).send(await policies.createPolicy(ctx, actorOf(req), req.body)));

  r.get('/api/v1/mu/policies/:id', {
    schema: { tags, summary: '差别化政策详情 Get a policy', params: IdParams, response: { 200: S.MuPolicy, ...errors(401, 403, 404) } },
  }, async (req) => policies.getPolicy(ctx, actorOf(req), req.params.id));

  r.patch('/api/v1/mu/policies/:id', {
    schema: { tags, summary: '修改差别化政策 Update a policy', params: IdParams, body: S.MuPolicyPatch, response: { 200: S.MuPolicy, ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => policies.updatePolicy(ctx, actorOf(req), req.params.id, req.body));

  r.delete('/api/v1/mu/policies/:id', {
    schema: { tags, summary: '删除差别化政策 Delete a policy', params: IdParams, response: { 200: Ok, ...errors(401, 403, 404) } },
  }, async (req) => { await policies.deletePolicy(ctx, actorOf(req), req.params.id); return { ok: true }; });

  r.get('/api/v1/mu/policies/:id/list', {
    schema: {
      tags, summary: '政策执行名单（按已发布的年度评价结果与连续年数）The list a policy produces for a year',
      params: IdParams, querystring: S.PolicyListQuery, response: { 200: S.PolicyList, ...errors(400, 401, 403, 404) },
    },
  }, async (req) => policies.policyListPage(ctx, actorOf(req), req.params.id, req.query));

  r.get('/api/v1/mu/policies/:id/list/export', {
    schema: { tags, summary: '导出政策执行名单（供执行单位）Export the list to Excel', params: IdParams, querystring: S.PolicyListQuery, produces: [XLSX_TYPE] },
  }, async (req, reply) => {
    const { page: _p, pageSize: _s, ...f } = req.query;
    const { buffer, filename } = await policies.exportPolicyList(ctx, actorOf(req), req.params.id, f);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(filename)).send(buffer);
  });
}
