import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors } from '../../platform/http/schemas.js';
import { attachment, XLSX_TYPE } from '../../platform/excel/excel.js';
import * as S from './aggregates-schemas.js';
import * as agg from './aggregates-service.js';

const tags = ['mu 亩均论英雄'];
const fail = errors(400, 401, 403, 404);

export function muAggregateRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/v1/mu/analysis/years', {
    schema: { tags, summary: '已发布评价结果的年度 Years with a published run', querystring: S.AnalysisQuery, response: { 200: S.AnalysisYears, ...fail } },
  }, async (req) => agg.analysisYears(ctx, actorOf(req), req.query));

  r.get('/api/v1/mu/analysis/classes', {
    schema: { tags, summary: '评价等级分布（按乡镇/园区/行业）Class counts by township, park or industry', querystring: S.ClassesQuery, response: { 200: S.ClassCounts, ...fail } },
  }, async (req) => agg.classCounts(ctx, actorOf(req), req.query));

  r.get('/api/v1/mu/analysis/per-mu', {
    schema: { tags, summary: '亩均税收、亩均增加值（按乡镇/行业，合计÷合计）Per-mu tax and value added by township or industry (sum over sum)', querystring: S.PerMuQuery, response: { 200: S.PerMu, ...fail } },
  }, async (req) => agg.perMuTable(ctx, actorOf(req), req.query));

  r.get('/api/v1/mu/analysis/transitions', {
    schema: { tags, summary: '评价等级年度变动 Class moves against last year', querystring: S.AnalysisQuery, response: { 200: S.Transitions, ...fail } },
  }, async (req) => agg.transitionTable(ctx, actorOf(req), req.query));

  r.get('/api/v1/mu/analysis/scores', {
    schema: { tags, summary: '综合得分分布 Distribution of scores', querystring: S.ScoresQuery, response: { 200: S.Scores, ...fail } },
  }, async (req) => agg.scoreDistribution(ctx, actorOf(req), req.query));

  r.get('/api/v1/mu/analysis/export', {
    schema: { tags, summary: '导出统计表 Export one analysis table to Excel', querystring: S.ExportQuery, produces: [XLSX_TYPE] },
  }, async (req, reply) => {
    const { buffer, filename } = await agg.exportAnalysis(ctx, actorOf(req), req.query);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(filename)).send(buffer);
  });
}
