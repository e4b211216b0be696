// HTTP of the project library (项目库): list, options, stock, 储备转在建, export, import, detail, create, edit,
// stage moves and approvals. Tracking (reports, milestones, problems …) is in tracking-routes.ts.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors, IdParams } from '../../platform/http/schemas.js';
import { ImportQuery } from '../../platform/http/import-schemas.js';
import { localizeRowErrors, readUpload } from '../../platform/http/upload.js';
import { attachment, XLSX_TYPE } from '../../platform/excel/excel.js';
import { shanghaiDate } from '../../platform/clock.js';
import * as S from './library-schemas.js';
import * as lib from './library-service.js';
import { listStageMoves, moveStage } from './stage-service.js';
import { listApprovals, putApproval } from './approval-service.js';
import { importLedger } from './library-import.js';
import { exportLedger } from './library-sheet.js';

const tags = ['projects 重大项目'];

const LedgerImportResult = Type.Object({
  committed: Type.Boolean(), total: Type.Integer(), created: Type.Integer(), updated: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), field: Type.String(), code: Type.String(), message: Type.String() })),
  preview: Type.Array(Type.Object({
    row: Type.Integer(), name: Type.String(), action: Type.Union([Type.Literal('create'), Type.Literal('update')]), serial: Type.Union([Type.String(), Type.Null()]),
    totalInvestment: Type.Union([Type.Number(), Type.Null()]), stage: Type.Union([S.Stage, Type.Null()]),
  })),
  skippedRows: Type.Array(Type.Integer(), { description: 'total (合计) and section rows left out' }),
  headerRows: Type.Integer({ description: '1, or 2 for a two-row (merged) header' }),
  units: Type.Record(Type.String(), Type.String(), { description: 'amount column → 万元/亿元 as read from its header' }),
  notes: Type.Array(Type.String()),
  reports: Type.Object({
    period: Type.Union([Type.String(), Type.Null()], { description: 'YYYY-MM the 1-N月完成投资 column goes to; null when none is imported' }),
    created: Type.Integer(), corrected: Type.Integer(), unchanged: Type.Integer(),
  }, { description: 'monthly report figures from the ledger: filed, corrected (with a reason), unchanged — in preview, what commit would do' }),
  reportChanges: Type.Array(Type.Object({
    row: Type.Integer(), name: Type.String(), period: Type.String(), action: Type.Union([Type.Literal('create'), Type.Literal('correct')]),
    before: Type.Union([Type.Number(), Type.Null()], { description: 'the month as reported before (万元); null for a new filing' }), after: Type.Number({ description: 'the month from the ledger (万元)' }),
  }), { description: 'each monthly figure filed or corrected from the 1-N月 column (unchanged ones left out) — in preview, what commit would do' }),
});

export function projectLibraryRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.addSchema(S.ProjectListItem);
  app.addSchema(S.Project);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/v1/projects', {
    schema: { tags, summary: '项目库列表 List projects', querystring: S.ProjectListQuery, response: { 200: S.ProjectPage, ...errors(400, 401, 403) } },
  }, async (req) => {
    const { items, total } = await lib.listProjects(ctx, actorOf(req), req.query);
    return { items, total, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 50 };
  });

  r.get('/api/v1/projects/options', {
    schema: { tags, summary: '项目库选项（类别、乡镇、包抓领导）Library options', response: { 200: S.ProjectOptions, ...errors(401, 403) } },
  }, async (req) => lib.projectOptions(ctx, actorOf(req)));

  r.get('/api/v1/projects/stock', {
    schema: { tags, summary: '项目存量（按阶段）Stock by stage', querystring: S.StockQuery, response: { 200: S.Stock, ...errors(400, 401, 403) } },
  }, async (req) => lib.projectStock(ctx, actorOf(req), req.query));

  r.get('/api/v1/projects/conversion', {
    schema: { tags, summary: '储备转在建（按月）Reserve → construction by month', querystring: S.ConversionQuery, response: { 200: S.Conversion, ...errors(400, 401, 403) } },
  }, async (req) => lib.projectConversion(ctx, actorOf(req), req.query.months ?? 12));

  r.get('/api/v1/projects/export', {
    schema: { tags, summary: '导出项目台账 Export the ledger to Excel', querystring: S.ProjectListQuery, produces: [XLSX_TYPE] },
  }, async (req, reply) => {
    const { page: _p, pageSize: _s, ...f } = req.query;
    const buf = await exportLedger(ctx, actorOf(req), f);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(`重大项目库-${shanghaiDate(ctx.clock.now())}.xlsx`)).send(buf);
  });

  r.post('/api/v1/projects/import', {
    schema: {
      tags, summary: '导入项目台账（先预览，commit=true 时全部导入或全部不导入；按项目代码、其次按名称更新）Import a project ledger',
      querystring: ImportQuery, consumes: ['multipart/form-data'], response: { 200: LedgerImportResult, ...errors(400, 401, 403) },
    },
  }, async (req) => {
    const { buffer } = await readUpload(req);
    const res = await importLedger(ctx, actorOf(req), buffer, !!req.query.commit);
    return { ...res, committed: !!req.query.commit && res.errors.length === 0, errors: localizeRowErrors(req, res.errors) };
  });

  r.post('/api/v1/projects', {
    schema: { tags, summary: '新建项目 Create a project', body: S.ProjectCreate, response: { 201: S.Project, ...errors(400, 401, 403, 409) } },
  }, async (req, reply) => reply.status(201).send(await lib.createProject(ctx, actorOf(req), req.body)));

  r.get('/api/v1/projects/:id', {
    schema: { tags, summary: '项目详情 Get a project', params: IdParams, response: { 200: S.Project, ...errors(401, 403, 404) } },
  }, async (req) => lib.getProject(ctx, actorOf(req), req.params.id));

  r.patch('/api/v1/projects/:id', {
    schema: { tags, summary: '修改项目 Update a project', params: IdParams, body: S.ProjectPatch, response: { 200: S.Project, ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => lib.updateProject(ctx, actorOf(req), req.params.id, req.body));

  r.post('/api/v1/projects/:id/stage', {
    schema: { tags, summary: '变更项目阶段 Move the stage (409 with the allowed moves)', params: IdParams, body: S.StageMoveBody, response: { 200: S.Project, ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => moveStage(ctx, actorOf(req), req.params.id, req.body));

  r.get('/api/v1/projects/:id/stage-moves', {
    schema: { tags, summary: '阶段变更记录 Stage history', params: IdParams, response: { 200: S.StageMoveList, ...errors(401, 403, 404) } },
  }, async (req) => listStageMoves(ctx, actorOf(req), req.params.id));

  r.get('/api/v1/projects/:id/approvals', {
    schema: { tags, summary: '前期手续 Approvals', params: IdParams, response: { 200: S.ApprovalList, ...errors(401, 403, 404) } },
  }, async (req) => listApprovals(ctx, actorOf(req), req.params.id));

  r.put('/api/v1/projects/:id/approvals/:kind', {
    schema: { tags, summary: '登记前期手续 Record an approval', params: S.ApprovalParams, body: S.ApprovalPut, response: { 200: S.ApprovalList, ...errors(400, 401, 403, 404) } },
  }, async (req) => putApproval(ctx, actorOf(req), req.params.id, req.params.kind, req.body));
}
