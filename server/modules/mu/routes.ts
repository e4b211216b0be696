// HTTP for the 亩均 evaluation: schemes (versions), bonus/deduction inputs, runs, results, explanations, report cards.
// Reading needs 'enterprises.read' (narrowed by the service: a township its own enterprises, draft runs the office
// only); writing needs 'mu.manage' and the 亩均 office.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors, Ok } from '../../platform/http/schemas.js';
import { DOCX_TYPE, docxAttachment } from '../../platform/documents/official-doc.js';
import * as S from './schemas.js';
import * as schemes from './service.js';
import * as runs from './runs.js';
import { adjustmentsTemplate, importAdjustments } from './adjustments-import.js';
import { exportRunResults } from './runs-export.js';
import { readUpload, localizeRowErrors } from '../../platform/http/upload.js';
import { attachment, XLSX_TYPE } from '../../platform/excel/excel.js';

const tags = ['mu 亩均论英雄'];

export function muRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.addSchema(S.SchemeDefinition);
  app.addSchema(S.Scheme);
  app.addSchema(S.Run);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/v1/mu/schemes', {
    schema: { tags, summary: '评价方案（每年度最新版本）Evaluation schemes, latest version per year', querystring: S.YearQuery, response: { 200: S.SchemeList, ...errors(400, 401, 403) } },
  }, async (req) => schemes.listSchemes(ctx, actorOf(req), req.query.year));

  r.post('/api/v1/mu/schemes', {
    schema: { tags, summary: '新建年度评价方案 Create the scheme of a year', body: S.SchemeCreate, response: { 201: Type.Ref('MuScheme'), ...errors(400, 401, 403, 409) } },
  }, async (req, reply) => reply.status(201).send(await schemes.createScheme(ctx, actorOf(req), req.body)));

  r.get('/api/v1/mu/schemes/:id', {
    schema: { tags, summary: '评价方案（某一版本）A scheme version', params: S.RunIdParams, response: { 200: Type.Ref('MuScheme'), ...errors(401, 403, 404) } },
  }, async (req) => schemes.getScheme(ctx, actorOf(req), req.params.id));

  r.put('/api/v1/mu/schemes/:id', {
    schema: { tags, summary: '修改评价方案（已用于评价的版本另存为新版本）Edit a scheme (a version used by a run becomes a new version)', params: S.RunIdParams, body: S.SchemeUpdate, response: { 200: Type.Ref('MuScheme'), ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => schemes.updateScheme(ctx, actorOf(req), req.params.id, req.body));

  r.get('/api/v1/mu/adjustments', {
    schema: { tags, summary: '加减分录入 Bonus/deduction inputs of a year', querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false }), response: { 200: S.AdjustmentList, ...errors(400, 401, 403) } },
  }, async (req) => schemes.listAdjustments(ctx, actorOf(req), req.query.year));

  r.put('/api/v1/mu/adjustments', {
    schema: { tags, summary: '录入加减分事项（数量 0 为删除）Enter a bonus/deduction quantity (0 removes it)', body: S.AdjustmentPut, response: { 200: Ok, ...errors(400, 401, 403, 404) } },
  }, async (req) => schemes.putAdjustment(ctx, actorOf(req), req.body));

  r.get('/api/v1/mu/adjustments/template', {
    schema: { tags, summary: '加减分事项导入模板（含本年度已录入的数据）The year\'s bonus/deduction sheet, prefilled with today\'s inputs', querystring: S.AdjustmentYearQuery, produces: [XLSX_TYPE], response: errors(400, 401, 403) },
  }, async (req, reply) => {
    const buf = await adjustmentsTemplate(ctx, actorOf(req), req.query.year);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(`${req.query.year}年度亩均评价加减分事项.xlsx`)).send(buf);
  });

  r.post('/api/v1/mu/adjustments/import', {
    schema: { tags, summary: '从 Excel 导入加减分事项（先预览变化；commit=true 全部导入或全部不导入）Import bonus/deduction inputs', querystring: S.AdjustmentImportQuery, consumes: ['multipart/form-data'], response: { 200: S.AdjustmentImportResult, ...errors(400, 401, 403) } },
  }, async (req) => {
    const { buffer } = await readUpload(req);
    const res = await importAdjustments(ctx, actorOf(req), req.query.year, buffer, req.query.commit === true || req.query.commit === '1');
    return { ...res, errors: localizeRowErrors(req, res.errors) };
  });

  r.get('/api/v1/mu/runs', {
    schema: { tags, summary: '评价批次 Evaluation runs', querystring: S.YearQuery, response: { 200: S.RunList, ...errors(400, 401, 403) } },
  }, async (req) => runs.listRuns(ctx, actorOf(req), req.query.year));

  r.post('/api/v1/mu/runs', {
    schema: { tags, summary: '按方案版本评价（替换该年度的草稿）Evaluate a scheme version (replaces the year\'s draft run)', body: S.RunCreate, response: { 201: Type.Ref('MuRun'), ...errors(400, 401, 403, 404, 409) } },
  }, async (req, reply) => reply.status(201).send(await runs.createRun(ctx, actorOf(req), req.body.schemeId)));

  r.get('/api/v1/mu/runs/:id', {
    schema: { tags, summary: '评价批次详情（分组基准值、等级人数、定档规则）A run with its group figures and class rules', params: S.RunIdParams, response: { 200: S.RunDetail, ...errors(401, 403, 404) } },
  }, async (req) => runs.getRun(ctx, actorOf(req), req.params.id));

  r.delete('/api/v1/mu/runs/:id', {
    schema: { tags, summary: '删除草稿评价 Delete a draft run', params: S.RunIdParams, response: { 200: Ok, ...errors(401, 403, 404, 409) } },
  }, async (req) => { await runs.deleteRun(ctx, actorOf(req), req.params.id); return { ok: true }; });

  r.post('/api/v1/mu/runs/:id/rerun', {
    schema: { tags, summary: '重新评价草稿（最新方案版本、最新数据）Re-run a draft on the latest scheme version and data', params: S.RunIdParams, response: { 200: Type.Ref('MuRun'), ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => runs.rerun(ctx, actorOf(req), req.params.id));

  r.post('/api/v1/mu/runs/:id/publish', {
    schema: { tags, summary: '发布评价结果（发布后不可修改）Publish a run (frozen afterwards)', params: S.RunIdParams, response: { 200: Type.Ref('MuRun'), ...errors(401, 403, 404, 409) } },
  }, async (req) => runs.publishRun(ctx, actorOf(req), req.params.id));

  r.get('/api/v1/mu/runs/:id/reproduce', {
    schema: { tags, summary: '复核：按存档的方案和数据重算并比对 Recompute from the stored scheme and snapshot and compare', params: S.RunIdParams, response: { 200: S.Reproduction, ...errors(401, 403, 404) } },
  }, async (req) => runs.reproduce(ctx, actorOf(req), req.params.id));

  r.get('/api/v1/mu/runs/:id/results', {
    schema: { tags, summary: '评价结果 Results of a run', params: S.RunIdParams, querystring: S.ResultQuery, response: { 200: S.ResultPage, ...errors(400, 401, 403, 404) } },
  }, async (req) => runs.listResults(ctx, actorOf(req), req.params.id, req.query));

  r.get('/api/v1/mu/runs/:id/results/export', {
    schema: { tags, summary: '导出评价结果（评价结果、不参评企业、评价说明三张表）Export a run\'s results to Excel', params: S.RunIdParams, produces: [XLSX_TYPE], response: errors(401, 403, 404) },
  }, async (req, reply) => {
    const x = await exportRunResults(ctx, actorOf(req), req.params.id);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(x.filename)).send(x.body);
  });

  r.get('/api/v1/mu/runs/:id/results/:enterpriseId', {
    schema: { tags, summary: '企业评价说明 An enterprise\'s result, item by item, with the reasons', params: S.ResultParams, response: { 200: S.ResultDetail, ...errors(401, 403, 404) } },
  }, async (req) => runs.getResult(ctx, actorOf(req), req.params.id, req.params.enterpriseId));

  r.get('/api/v1/mu/runs/:id/results/:enterpriseId/report', {
    schema: { tags, summary: '企业体检报告 The one-page report card (.docx)', params: S.ResultParams, produces: [DOCX_TYPE], response: errors(401, 403, 404) },
  }, async (req, reply) => {
    const doc = await runs.reportCard(ctx, actorOf(req), req.params.id, req.params.enterpriseId);
    return reply.type(DOCX_TYPE).header('content-disposition', docxAttachment(doc.filename)).send(doc.body);
  });
}
