import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors, IdParams, Page } from '../../platform/http/schemas.js';
import * as S from './schemas.js';
import * as tasks from './service.js';
import { act } from './actions.js';

const tags = ['tasks 督查督办'];

export function taskRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.addSchema(S.Task);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/v1/tasks', {
    schema: { tags, summary: '督办事项列表（督办台）List tasks', querystring: S.TaskListQuery, response: { 200: S.TaskPage, ...errors(400, 401, 403) } },
  }, async (req) => tasks.listTasks(ctx, actorOf(req), req.query));

  r.get('/api/v1/tasks/inbox', {
    schema: { tags, summary: '我的待办 The unit inbox', querystring: S.InboxQuery, response: { 200: Type.Intersect([Page(Type.Ref('Task')), Type.Object({ counts: Type.Object({ accept: Type.Integer(), report: Type.Integer(), overdue: Type.Integer() }) })]), ...errors(400, 401, 403) } },
  }, async (req) => tasks.inbox(ctx, actorOf(req), req.query.tab, req.query.page ?? 1, req.query.pageSize ?? 50));

  r.post('/api/v1/tasks', {
    schema: { tags, summary: '交办 Assign a task', body: S.TaskCreate, response: { 201: S.CreateResult, ...errors(400, 401, 403) } },
  }, async (req, reply) => reply.status(201).send(await tasks.createTask(ctx, actorOf(req), req.body)));

  r.get('/api/v1/tasks/:id', {
    schema: { tags, summary: '事项详情与全过程 A task with its timeline', params: IdParams, response: { 200: S.TaskDetail, ...errors(401, 403, 404) } },
  }, async (req) => tasks.taskDetail(ctx, actorOf(req), req.params.id));

  r.post('/api/v1/tasks/:id/actions/:action', {
    schema: {
      tags, summary: '办理：签收/退回/反馈/申请延期/申请办结/办结/退办/销号… Take a step of the loop', params: S.ActionParams, body: S.ActionBody,
      response: { 200: Type.Ref('Task'), ...errors(400, 401, 403, 404, 409) },
    },
  }, async (req) => act(ctx, actorOf(req), req.params.id, req.params.action, req.body));
}
