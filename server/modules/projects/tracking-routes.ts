// HTTP for project tracking: 挂图作战 (milestones, plan approval, battle map), 月报, 红黄绿灯, problems and red-light
// referrals, 现场办公, and the overview. Rules live in the services; this file only maps requests.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors, Ok } from '../../platform/http/schemas.js';
import { attachment, XLSX_TYPE } from '../../platform/excel/excel.js';
import * as S from './tracking-schemas.js';
import * as milestones from './milestones-service.js';
import * as reports from './reports-service.js';
import * as problems from './problems-service.js';
import * as visits from './visits-service.js';
import * as photos from './report-photos.js';
import { Invalid } from '../../platform/errors.js';
import { readUpload } from '../../platform/http/upload.js';
import { exportOverview, overviewForPage } from './overview-service.js';
import { exportMonthlyReports } from './reports-sheet.js';
import { projectLight } from './traffic-light-read.js';

const tags = ['projects tracking 重大项目推进'];

export function projectTrackingRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.addSchema(S.Milestone);
  app.addSchema(S.Report);
  app.addSchema(S.Problem);
  app.addSchema(S.Visit);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/v1/projects/overview', {
    schema: { tags, summary: '重大项目总览 Overview: totals, monthly investment, laggards, not started, approvals due', querystring: S.OverviewQuery, response: { 200: S.Overview, ...errors(400, 401, 403) } },
  }, async (req) => overviewForPage(ctx, actorOf(req), req.query));
  r.get('/api/v1/projects/overview/export', {
    schema: { tags, summary: '总览导出 Excel Export the overview tables', querystring: S.OverviewExportQuery, produces: [XLSX_TYPE], response: errors(400, 401, 403) },
  }, async (req, reply) => {
    const { buffer, filename } = await exportOverview(ctx, actorOf(req), req.query);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(filename)).send(buffer);
  });
  r.get('/api/v1/projects/reports/export', {
    schema: { tags, summary: '月报导出（一个月一张表，含未报项目）Export one month\'s reports as one sheet, unfiled included', querystring: S.ReportsExportQuery, produces: [XLSX_TYPE], response: errors(400, 401, 403) },
  }, async (req, reply) => {
    const { buffer, filename } = await exportMonthlyReports(ctx, actorOf(req), req.query);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(filename)).send(buffer);
  });
  r.get('/api/v1/projects/battle-map', {
    schema: { tags, summary: '挂图作战（多项目甘特图）Battle map of a filtered set', querystring: S.BattleMapQuery, response: { 200: S.BattleMap, ...errors(400, 401, 403) } },
  }, async (req) => milestones.battleMap(ctx, actorOf(req), req.query));

  r.get('/api/v1/projects/:id/milestones', {
    schema: { tags, summary: '项目节点计划 Milestones with the baseline', params: S.ProjectIdParams, response: { 200: S.MilestonePlan, ...errors(401, 403, 404) } },
  }, async (req) => milestones.projectMilestones(ctx, actorOf(req), req.params.id));
  r.post('/api/v1/projects/:id/milestones', {
    schema: { tags, summary: '新增节点 Add a milestone', params: S.ProjectIdParams, body: S.MilestoneInput, response: { 201: S.Milestone, ...errors(400, 401, 403, 404) } },
  }, async (req, reply) => reply.status(201).send(await milestones.createMilestone(ctx, actorOf(req), req.params.id, req.body)));
  r.patch('/api/v1/projects/:id/milestones/:milestoneId', {
    schema: { tags, summary: '修改节点（计划调整、标记完成）Change a milestone', params: S.MilestoneParams, body: S.MilestonePatch, response: { 200: S.Milestone, ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => milestones.updateMilestone(ctx, actorOf(req), req.params.id, req.params.milestoneId, req.body));
  r.delete('/api/v1/projects/:id/milestones/:milestoneId', {
    schema: { tags, summary: '删除节点（未纳入基线的）Delete a milestone not in the baseline', params: S.MilestoneParams, response: { 200: Ok, ...errors(401, 403, 404, 409) } },
  }, async (req) => milestones.deleteMilestone(ctx, actorOf(req), req.params.id, req.params.milestoneId));
  r.post('/api/v1/projects/:id/plan-approval', {
    schema: { tags, summary: '审定节点计划（保存基线）Approve the plan: keep the baseline', params: S.ProjectIdParams, response: { 200: S.MilestonePlan, ...errors(401, 403, 404, 409) } },
  }, async (req) => milestones.approvePlan(ctx, actorOf(req), req.params.id));

  r.get('/api/v1/projects/:id/reports', {
    schema: { tags, summary: '项目月报 Monthly reports (cumulative figures derived)', params: S.ProjectIdParams, response: { 200: S.ReportList, ...errors(401, 403, 404) } },
  }, async (req) => reports.projectReports(ctx, actorOf(req), req.params.id));
  r.get('/api/v1/projects/:id/reports/form', {
    schema: { tags, summary: '月报填报表单（承接上月）The form for a month, from last month', params: S.ProjectIdParams, querystring: S.ReportFormQuery, response: { 200: S.ReportForm, ...errors(400, 401, 403, 404) } },
  }, async (req) => reports.reportForm(ctx, actorOf(req), req.params.id, req.query.period));
  r.put('/api/v1/projects/:id/reports/:period', {
    schema: { tags, summary: '填报/修改/更正月报 File a monthly report (a closed period needs a reason)', params: S.PeriodParams, body: S.ReportInput, response: { 200: S.ReportSaved, ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => reports.fileReport(ctx, actorOf(req), req.params.id, req.params.period, req.body));

  r.get('/api/v1/projects/:id/light', {
    schema: { tags, summary: '红黄绿灯及原因 The traffic light and why', params: S.ProjectIdParams, response: { 200: S.LightView, ...errors(401, 403, 404) } },
  }, async (req) => projectLight(ctx, actorOf(req), req.params.id));

  r.get('/api/v1/projects/:id/problems', {
    schema: { tags, summary: '项目问题 Problems and their tasks', params: S.ProjectIdParams, response: { 200: S.ProblemList, ...errors(401, 403, 404) } },
  }, async (req) => problems.projectProblems(ctx, actorOf(req), req.params.id));
  r.post('/api/v1/projects/:id/problems', {
    schema: { tags, summary: '反映问题（生成督办事项）Raise a problem: opens a task', params: S.ProjectIdParams, body: S.ProblemInput, response: { 201: S.Problem, ...errors(400, 401, 403, 404) } },
  }, async (req, reply) => reply.status(201).send(await problems.raiseProblem(ctx, actorOf(req), req.params.id, req.body)));
  r.post('/api/v1/projects/:id/referral', {
    schema: { tags, summary: '红灯项目报送督查室 Send a red project to the 督查室', params: S.ProjectIdParams, body: S.ReferInput, response: { 201: S.Problem, ...errors(400, 401, 403, 404, 409) } },
  }, async (req, reply) => reply.status(201).send(await problems.referRedProject(ctx, actorOf(req), req.params.id, req.body)));

  r.get('/api/v1/projects/:id/visits', {
    schema: { tags, summary: '现场办公记录 Site visits', params: S.ProjectIdParams, response: { 200: S.VisitList, ...errors(401, 403, 404) } },
  }, async (req) => visits.projectVisits(ctx, actorOf(req), req.params.id));
  r.post('/api/v1/projects/:id/visits', {
    schema: { tags, summary: '记录现场办公（议定事项生成督办事项）Record a site visit', params: S.ProjectIdParams, body: S.VisitInput, response: { 201: S.Visit, ...errors(400, 401, 403, 404) } },
  }, async (req, reply) => reply.status(201).send(await visits.recordVisit(ctx, actorOf(req), req.params.id, req.body)));

  // 月报 photos (形象进度, optional): the file itself is served inline so that the page can show it.
  r.post('/api/v1/projects/:id/reports/:period/photos', {
    schema: { tags, summary: '上传月报形象进度照片（可选，最多9张）Add a photo to a monthly report', params: S.PeriodParams, consumes: ['multipart/form-data'], response: { 201: S.ReportPhoto, ...errors(400, 401, 403, 404, 413) } },
  }, async (req, reply) => {
    const { filename, buffer } = await readUpload(req, null);
    return reply.status(201).send(await photos.addReportPhoto(ctx, actorOf(req), req.params.id, req.params.period, filename, buffer));
  });
  r.get('/api/v1/projects/:id/reports/:period/photos/:photoId', {
    schema: { tags, summary: '查看月报照片 A monthly report photo (the image)', params: S.ReportPhotoParams, produces: ['image/jpeg', 'image/png', 'image/webp'], response: errors(401, 403, 404) },
  }, async (req, reply) => {
    const { meta, stream } = await photos.openReportPhoto(ctx, actorOf(req), req.params.id, req.params.period, req.params.photoId);
    return reply.type(meta.mime).header('content-disposition', `inline; filename="photo"; filename*=UTF-8''${encodeURIComponent(meta.filename)}`)
      .header('x-content-type-options', 'nosniff').header('cache-control', 'private, max-age=86400').send(stream);
  });
  r.delete('/api/v1/projects/:id/reports/:period/photos/:photoId', {
    schema: { tags, summary: '删除月报照片（截止后须填写原因）Remove a photo your unit uploaded', params: S.ReportPhotoParams, querystring: S.ReportPhotoRemoveQuery, response: { 200: Ok, ...errors(400, 401, 403, 404) } },
  }, async (req) => photos.removeReportPhoto(ctx, actorOf(req), req.params.id, req.params.period, req.params.photoId, req.query.reason));
}
