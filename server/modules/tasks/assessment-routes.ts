// HTTP for 督查考核 (assessment) and the 减负 burden meter. Readable with 'tasks.assess' (督查室, leaders, viewers).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors } from '../../platform/http/schemas.js';
import { attachment, XLSX_TYPE } from '../../platform/excel/excel.js';
import * as S from './assessment-schemas.js';
import { assessment, assessmentOfUnit, assessmentXlsx } from './assessment.js';
import { burden, burdenXlsx } from './burden.js';

const tags = ['assessment 督查考核'];

export function assessmentRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/v1/assessment', {
    schema: { tags, summary: '督查考核排名 Assessment of every unit for a period', querystring: S.AssessmentQuery, response: { 200: S.Assessment, ...errors(400, 401, 403) } },
  }, async (req) => assessment(ctx, actorOf(req), req.query.from, req.query.to));

  r.get('/api/v1/assessment/xlsx', {
    schema: { tags, summary: '导出考核排名 Assessment to Excel', querystring: S.AssessmentQuery, produces: [XLSX_TYPE], response: errors(400, 401, 403) },
  }, async (req, reply) => {
    const buf = await assessmentXlsx(ctx, actorOf(req), req.query.from, req.query.to);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(`督查考核-${req.query.from}至${req.query.to}.xlsx`)).send(buf);
  });

  r.get('/api/v1/assessment/units/:unitId', {
    schema: {
      tags, summary: '单位考核明细 A unit\'s assessment with the tasks behind each number', params: S.UnitAssessmentParams, querystring: S.AssessmentQuery,
      response: { 200: S.UnitAssessment, ...errors(400, 401, 403, 404) },
    },
  }, async (req) => assessmentOfUnit(ctx, actorOf(req), req.params.unitId, req.query.from, req.query.to));

  r.get('/api/v1/burden', {
    schema: {
      tags: ['burden 减负监测'], summary: '减负监测：各单位每月被要求的反馈、填报与催办 The load put on each unit, beside its results',
      querystring: S.BurdenQuery, response: { 200: S.Burden, ...errors(400, 401, 403) },
    },
  }, async (req) => burden(ctx, actorOf(req), req.query));

  r.get('/api/v1/burden/xlsx', {
    schema: { tags: ['burden 减负监测'], summary: '导出减负监测 Burden meter to Excel', querystring: S.BurdenQuery, produces: [XLSX_TYPE], response: errors(400, 401, 403) },
  }, async (req, reply) => {
    const buf = await burdenXlsx(ctx, actorOf(req), req.query);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment('减负监测.xlsx')).send(buf);
  });
}
