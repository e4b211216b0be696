import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors, IdParams, Ok } from '../../platform/http/schemas.js';
import { ImportQuery, ImportResult } from '../../platform/http/import-schemas.js';
import { localizeRowErrors, readUpload } from '../../platform/http/upload.js';
import { attachment, XLSX_TYPE } from '../../platform/excel/excel.js';
import { shanghaiDate } from '../../platform/clock.js';
import { DATA_SOURCE_INFO } from '../../../common/enterprise-fields.js';
import * as S from './schemas.js';
import * as svc from './service.js';
import * as data from './data-service.js';
import { exportRegistry, importRegistry } from './registry-sheet.js';

const tags = ['enterprises 企业库（亩均论英雄）'];

export function enterpriseRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.addSchema(S.Enterprise);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/v1/enterprises', {
    schema: { tags, summary: '企业库列表 List enterprises', querystring: S.EnterpriseListQuery, response: { 200: S.EnterprisePage, ...errors(400, 401, 403) } },
  }, async (req) => {
    const { items, total } = await svc.listEnterprises(ctx, actorOf(req), req.query);
    return { items, total, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 50 };
  });

  r.get('/api/v1/enterprises/options', {
    schema: { tags, summary: '筛选项：乡镇、园区、有数据的年度 Filter options', response: { 200: S.EnterpriseOptions, ...errors(401, 403) } },
  }, async (req) => svc.enterpriseOptions(ctx, actorOf(req)));

  r.get('/api/v1/enterprises/export', {
    schema: { tags, summary: '导出企业库 Export the registry to Excel', produces: [XLSX_TYPE] },
  }, async (req, reply) => {
    const buf = await exportRegistry(ctx, actorOf(req));
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(`企业库-${shanghaiDate(ctx.clock.now())}.xlsx`)).send(buf);
  });

  r.post('/api/v1/enterprises/import', {
    schema: { tags, summary: '从 Excel 导入企业库（先预览；commit=true 全部导入或全部不导入；按信用代码更新）Import the registry', querystring: ImportQuery, consumes: ['multipart/form-data'], response: { 200: ImportResult, ...errors(400, 401, 403) } },
  }, async (req) => {
    const { buffer } = await readUpload(req);
    const res = await importRegistry(ctx, actorOf(req), buffer, !!req.query.commit);
    return { committed: !!req.query.commit && res.errors.length === 0, total: res.total, created: res.created, updated: res.updated, errors: localizeRowErrors(req, res.errors) };
  });

  r.get('/api/v1/enterprises/:id', {
    schema: { tags, summary: '企业详情：地块、租赁、年度数据 An enterprise with parcels, tenancies and yearly figures', params: IdParams, response: { 200: S.EnterpriseDetail, ...errors(401, 403, 404) } },
  }, async (req) => svc.getEnterprise(ctx, actorOf(req), req.params.id));

  r.post('/api/v1/enterprises', {
    schema: { tags, summary: '登记企业 Register an enterprise', body: S.EnterpriseCreate, response: { 201: Type.Ref('Enterprise'), ...errors(400, 401, 403, 409) } },
  }, async (req, reply) => reply.status(201).send(await svc.createEnterprise(ctx, actorOf(req), req.body)));

  r.patch('/api/v1/enterprises/:id', {
    schema: { tags, summary: '修改企业信息 Update an enterprise', params: IdParams, body: S.EnterprisePatch, response: { 200: Type.Ref('Enterprise'), ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => svc.updateEnterprise(ctx, actorOf(req), req.params.id, req.body));

  r.delete('/api/v1/enterprises/:id', {
    schema: { tags, summary: '删除企业（无年度数据时）Delete an enterprise without figures', params: IdParams, response: { 200: Ok, ...errors(401, 403, 404, 409) } },
  }, async (req) => { await svc.deleteEnterprise(ctx, actorOf(req), req.params.id); return { ok: true }; });

  r.post('/api/v1/enterprises/:id/parcels', {
    schema: { tags, summary: '添加地块 Add a land parcel', params: IdParams, body: S.ParcelCreate, response: { 200: S.EnterpriseDetail, ...errors(400, 401, 403, 404) } },
  }, async (req) => svc.addParcel(ctx, actorOf(req), req.params.id, req.body));

  r.delete('/api/v1/enterprises/:id/parcels/:subId', {
    schema: { tags, summary: '删除地块 Remove a land parcel', params: S.SubParams, response: { 200: S.EnterpriseDetail, ...errors(401, 403, 404) } },
  }, async (req) => svc.removeParcel(ctx, actorOf(req), req.params.id, req.params.subId));

  r.post('/api/v1/enterprises/:id/tenancies', {
    schema: { tags, summary: '登记租赁（本企业租用他人厂房）Record a tenancy of this enterprise on another\'s land', params: IdParams, body: S.TenancyCreate, response: { 200: S.EnterpriseDetail, ...errors(400, 401, 403, 404) } },
  }, async (req) => svc.addTenancy(ctx, actorOf(req), req.params.id, req.body));

  r.delete('/api/v1/enterprises/:id/tenancies/:subId', {
    schema: { tags, summary: '删除租赁 Remove a tenancy', params: S.SubParams, response: { 200: S.EnterpriseDetail, ...errors(401, 403, 404) } },
  }, async (req) => svc.removeTenancy(ctx, actorOf(req), req.params.id, req.params.subId));

  // ---- yearly figures by source ----

  r.post('/api/v1/enterprise-data/import', {
    schema: { tags, summary: '导入一个部门的年度数据（税务/统计/供电/能耗/环保/自然资源；先预览，commit=true 全部导入或全部不导入）Import one source\'s yearly figures', querystring: S.DataImportQuery, consumes: ['multipart/form-data'], response: { 200: S.DataImportResult, ...errors(400, 401, 403) } },
  }, async (req) => {
    const { buffer, filename } = await readUpload(req);
    const res = await data.importSourceData(ctx, actorOf(req), { source: req.query.source, year: req.query.year, fileName: filename, buffer, commit: !!req.query.commit });
    return { ...res, committed: !!req.query.commit && res.errors.length === 0, errors: localizeRowErrors(req, res.errors) };
  });

  r.get('/api/v1/enterprise-data/template', {
    schema: { tags, summary: '某数据来源的空白导入模板 Blank sheet for a source', querystring: S.TemplateQuery, produces: [XLSX_TYPE] },
  }, async (req, reply) => {
    const buf = await data.sourceTemplate(ctx, actorOf(req), req.query.source);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(`${DATA_SOURCE_INFO[req.query.source].zh}数据模板.xlsx`)).send(buf);
  });

  r.get('/api/v1/enterprise-data/batches', {
    schema: { tags, summary: '导入批次记录 Import history', querystring: S.BatchListQuery, response: { 200: S.BatchPage, ...errors(400, 401, 403) } },
  }, async (req) => data.listBatches(ctx, actorOf(req), req.query));

  r.get('/api/v1/enterprise-data/completeness', {
    schema: { tags, summary: '数据完整性：哪些企业缺哪些年度数据 Which enterprises lack which figures of a year', querystring: S.CompletenessQuery, response: { 200: S.Completeness, ...errors(400, 401, 403) } },
  }, async (req) => data.completeness(ctx, actorOf(req), req.query));
}
