import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors, IdParams, Ok } from '../../platform/http/schemas.js';
import { ImportQuery, ImportResult } from '../../platform/http/import-schemas.js';
import { localizeRowErrors, readUpload } from '../../platform/http/upload.js';
import { attachment, XLSX_TYPE } from '../../platform/excel/excel.js';
import { shanghaiDate } from '../../platform/clock.js';
import * as S from './schemas.js';
import * as units from './service.js';

const tags = ['units 单位'];

export function unitRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.addSchema(S.Unit);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/v1/units', {
    schema: { tags, summary: '单位列表 List units', querystring: S.UnitListQuery, response: { 200: S.UnitPage, ...errors(400, 401, 403) } },
  }, async (req) => {
    const { items, total } = await units.listUnits(ctx, actorOf(req), req.query);
    return { items, total, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 50 };
  });

  r.get('/api/v1/units/export', {
    schema: { tags, summary: '导出单位 Export units to Excel', querystring: S.UnitListQuery, produces: [XLSX_TYPE] },
  }, async (req, reply) => {
    const buf = await units.exportUnits(ctx, actorOf(req), req.query);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(`单位-${shanghaiDate(ctx.clock.now())}.xlsx`)).send(buf);
  });

  r.post('/api/v1/units/import', {
    schema: { tags, summary: '从 Excel 导入单位（先预览，commit=true 时全部导入或全部不导入）Import units', querystring: ImportQuery, consumes: ['multipart/form-data'], response: { 200: ImportResult, ...errors(400, 401, 403) } },
  }, async (req) => {
    const actor = actorOf(req);
    const { buffer } = await readUpload(req);
    const res = await units.importUnits(ctx, actor, buffer, !!req.query.commit);
    return { committed: !!req.query.commit && res.errors.length === 0, total: res.total, created: res.created, updated: res.updated, errors: localizeRowErrors(req, res.errors) };
  });

  r.get('/api/v1/units/:id', {
    schema: { tags, summary: '单位详情 Get a unit', params: IdParams, response: { 200: S.Unit, ...errors(401, 403, 404) } },
  }, async (req) => units.getUnit(ctx, actorOf(req), req.params.id));

  r.post('/api/v1/units', {
    schema: { tags, summary: '新建单位 Create a unit', body: S.UnitCreate, response: { 201: S.Unit, ...errors(400, 401, 403, 409) } },
  }, async (req, reply) => reply.status(201).send(await units.createUnit(ctx, actorOf(req), req.body)));

  r.patch('/api/v1/units/:id', {
    schema: { tags, summary: '修改单位 Update a unit', params: IdParams, body: S.UnitPatch, response: { 200: S.Unit, ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => units.updateUnit(ctx, actorOf(req), req.params.id, req.body));

  r.delete('/api/v1/units/:id', {
    schema: { tags, summary: '删除单位 Delete a unit', params: IdParams, response: { 200: Ok, ...errors(401, 403, 404, 409) } },
  }, async (req) => { await units.deleteUnit(ctx, actorOf(req), req.params.id); return { ok: true }; });
}
