import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors, IdParams, Ok } from '../../platform/http/schemas.js';
import * as S from './schemas.js';
import * as inbox from './service.js';
import * as hooks from './webhooks.js';

export function notificationRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.addSchema(S.Notification);
  app.addSchema(S.Webhook);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notifications 消息'];

  r.get('/api/v1/notifications', {
    schema: { tags, summary: '我的消息 My notifications (newest first)', querystring: S.NotificationQuery, response: { 200: S.NotificationPage, ...errors(400, 401) } },
  }, async (req) => inbox.listMine(ctx, actorOf(req), req.query));
  r.get('/api/v1/notifications/unread-count', {
    schema: { tags, summary: '未读消息数 Unread count', response: { 200: S.Count, ...errors(401) } },
  }, async (req) => inbox.unreadCount(ctx, actorOf(req)));
  r.post('/api/v1/notifications/read-all', {
    schema: { tags, summary: '全部标为已读 Mark all read', response: { 200: S.Count, ...errors(401) } },
  }, async (req) => inbox.markAllRead(ctx, actorOf(req)));
  r.post('/api/v1/notifications/:id/read', {
    schema: { tags, summary: '标为已读 Mark one read', params: IdParams, response: { 200: Type.Ref('Notification'), ...errors(401, 404) } },
  }, async (req) => inbox.markRead(ctx, actorOf(req), req.params.id));

  const htags = ['webhooks 群机器人'];
  r.get('/api/v1/webhooks', {
    schema: { tags: htags, summary: '钉钉/企业微信群机器人 Robot webhooks', response: { 200: Type.Array(Type.Ref('Webhook')), ...errors(401, 403) } },
  }, async (req) => hooks.listWebhooks(ctx, actorOf(req)));
  r.post('/api/v1/webhooks', {
    schema: { tags: htags, summary: '新增群机器人 Add a robot webhook', body: S.WebhookCreate, response: { 201: S.Webhook, ...errors(400, 401, 403) } },
  }, async (req, reply) => reply.status(201).send(await hooks.createWebhook(ctx, actorOf(req), req.body)));
  r.patch('/api/v1/webhooks/:id', {
    schema: { tags: htags, summary: '修改群机器人 Change a robot webhook', params: IdParams, body: S.WebhookPatch, response: { 200: S.Webhook, ...errors(400, 401, 403, 404) } },
  }, async (req) => hooks.updateWebhook(ctx, actorOf(req), req.params.id, req.body));
  r.delete('/api/v1/webhooks/:id', {
    schema: { tags: htags, summary: '删除群机器人 Remove a robot webhook', params: IdParams, response: { 200: Ok, ...errors(401, 403, 404) } },
  }, async (req) => { await hooks.deleteWebhook(ctx, actorOf(req), req.params.id); return { ok: true }; });
  r.post('/api/v1/webhooks/:id/test', {
    schema: { tags: htags, summary: '发送测试消息 Send a test message now', params: IdParams, response: { 200: S.WebhookTestResult, ...errors(401, 403, 404) } },
  }, async (req) => hooks.testWebhook(ctx, actorOf(req), req.params.id));
}
