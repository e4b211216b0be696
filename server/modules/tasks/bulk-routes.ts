// HTTP for the supervisor's console helpers: bulk creation (Excel import, pasted list), export, saved filters and
// the deadline calendar.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors, IdParams, Ok } from '../../platform/http/schemas.js';
import { localizeRowErrors, readUpload } from '../../platform/http/upload.js';
import { attachment, XLSX_TYPE } from '../../platform/excel/excel.js';
import { shanghaiDate } from '../../platform/clock.js';
import * as S from './bulk-schemas.js';
import { TaskListQuery } from './schemas.js';
import { bulkCreate, exportTasks, importTasks, type BulkResult } from './task-import.js';
import { createSavedFilter, deleteSavedFilter, listSavedFilters } from './saved-filters.js';
import { deadlineCalendar } from './deadline-calendar.js';

const tags = ['tasks 督查督办'];
const present = (req: FastifyRequest, r: BulkResult) => ({ ...r, errors: localizeRowErrors(req, r.errors) });

export function bulkRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post('/api/v1/tasks/import', {
    schema: {
      tags, summary: '从 Excel 批量交办（会议议定事项清单；先预览，commit=true 时全部交办或全部不交办）Import tasks',
      querystring: S.TaskImportQuery, consumes: ['multipart/form-data'], response: { 200: S.TaskImportResult, ...errors(400, 401, 403) },
    },
  }, async (req) => {
    const actor = actorOf(req);
    const { buffer } = await readUpload(req);
    return present(req, await importTasks(ctx, actor, buffer, !!req.query.commit));
  });

  r.post('/api/v1/tasks/bulk', {
    schema: {
      tags, summary: '粘贴清单批量交办（全部交办或全部不交办；preview=true 只检查）Create tasks from a pasted list',
      querystring: S.BulkQuery, body: S.BulkBody, response: { 200: S.TaskImportResult, 201: S.TaskImportResult, ...errors(400, 401, 403) },
    },
  }, async (req, reply) => {
    const res = await bulkCreate(ctx, actorOf(req), req.body.defaults ?? {}, req.body.rows, !req.query.preview);
    return reply.status(res.committed ? 201 : 200).send(present(req, res));
  });

  r.get('/api/v1/tasks/export', {
    schema: { tags, summary: '导出督办事项（与导入同一格式）Export tasks to Excel', querystring: TaskListQuery, produces: [XLSX_TYPE], response: errors(400, 401, 403) },
  }, async (req, reply) => {
    const buf = await exportTasks(ctx, actorOf(req), req.query);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(`督办事项-${shanghaiDate(ctx.clock.now())}.xlsx`)).send(buf);
  });

  r.get('/api/v1/tasks/calendar', {
    schema: { tags, summary: '截止日历 Open tasks by deadline day', querystring: S.CalendarQuery, response: { 200: S.DeadlineCalendar, ...errors(400, 401, 403) } },
  }, async (req) => deadlineCalendar(ctx, actorOf(req), req.query));

  const fTags = ['saved filters 常用筛选'];
  r.get('/api/v1/saved-filters', {
    schema: { tags: fTags, summary: '我的常用筛选 My saved filters', response: { 200: Type.Array(S.SavedFilter), ...errors(401, 403) } },
  }, async (req) => listSavedFilters(ctx, actorOf(req)));

  r.post('/api/v1/saved-filters', {
    schema: { tags: fTags, summary: '保存筛选 Save a filter', body: S.SavedFilterCreate, response: { 201: S.SavedFilter, ...errors(400, 401, 403, 409) } },
  }, async (req, reply) => reply.status(201).send(await createSavedFilter(ctx, actorOf(req), req.body)));

  r.delete('/api/v1/saved-filters/:id', {
    schema: { tags: fTags, summary: '删除常用筛选 Delete a saved filter', params: IdParams, response: { 200: Ok, ...errors(401, 403, 404) } },
  }, async (req) => { await deleteSavedFilter(ctx, actorOf(req), req.params.id); return { ok: true }; });
}
