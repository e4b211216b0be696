// HTTP for 督办 (escalation notices), 问责 (accountability actions) and 通报 (bulletins).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors, IdParams } from '../../platform/http/schemas.js';
import { DOCX_TYPE, docxAttachment } from '../../platform/documents/official-doc.js';
import { attachment, XLSX_TYPE } from '../../platform/excel/excel.js';
import * as S from './escalation-schemas.js';
import { escalate, escalationDocx, listEscalations } from './escalations.js';
import { listAccountability, recordAccountability } from './accountability.js';
import { bulletinData } from './bulletin.js';
import { bulletinDocx, bulletinXlsx } from './bulletin-documents.js';

const tags = ['tasks 督查督办'];

export function escalationRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.addSchema(S.Escalation);
  app.addSchema(S.AccountabilityAction);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post('/api/v1/tasks/:id/escalations', {
    schema: {
      tags, summary: '督办：对红灯事项发督办通知单 Escalate a red task (numbered notice)', params: IdParams, body: S.EscalationCreate,
      response: { 201: Type.Ref('Escalation'), ...errors(400, 401, 403, 404, 409) },
    },
  }, async (req, reply) => reply.status(201).send(await escalate(ctx, actorOf(req), req.params.id, req.body)));

  r.get('/api/v1/tasks/:id/escalations', {
    schema: { tags, summary: '事项的督办通知单 Escalation notices of a task', params: IdParams, response: { 200: Type.Array(Type.Ref('Escalation')), ...errors(401, 403, 404) } },
  }, async (req) => listEscalations(ctx, actorOf(req), req.params.id));

  r.get('/api/v1/escalations/:id/docx', {
    schema: { tags, summary: '下载督办通知单 The escalation notice as .docx (GB/T 9704)', params: IdParams, produces: [DOCX_TYPE], response: errors(401, 403, 404) },
  }, async (req, reply) => {
    const doc = await escalationDocx(ctx, actorOf(req), req.params.id);
    return reply.type(DOCX_TYPE).header('content-disposition', docxAttachment(doc.filename)).send(doc.body);
  });

  r.post('/api/v1/accountability-actions', {
    schema: {
      tags, summary: '记录问责（约谈、通报批评、责令检查、诫勉）Record an accountability action', body: S.AccountabilityCreate,
      response: { 201: Type.Ref('AccountabilityAction'), ...errors(400, 401, 403) },
    },
  }, async (req, reply) => reply.status(201).send(await recordAccountability(ctx, actorOf(req), req.body)));

  r.get('/api/v1/accountability-actions', {
    schema: { tags, summary: '问责记录 Accountability actions', querystring: S.AccountabilityQuery, response: { 200: S.AccountabilityPage, ...errors(400, 401, 403) } },
  }, async (req) => listAccountability(ctx, actorOf(req), req.query));

  r.get('/api/v1/bulletins/preview', {
    schema: { tags, summary: '通报预览 Bulletin of a period: counts, red list, ranking', querystring: S.BulletinQuery, response: { 200: S.BulletinPreview, ...errors(400, 401, 403) } },
  }, async (req) => bulletinData(ctx, actorOf(req), req.query.from, req.query.to));

  r.get('/api/v1/bulletins/docx', {
    schema: { tags, summary: '通报 .docx (GB/T 9704)', querystring: S.BulletinQuery, produces: [DOCX_TYPE], response: errors(400, 401, 403) },
  }, async (req, reply) => {
    const doc = await bulletinDocx(ctx, actorOf(req), req.query.from, req.query.to, req.query.number);
    return reply.type(DOCX_TYPE).header('content-disposition', docxAttachment(doc.filename)).send(doc.body);
  });

  r.get('/api/v1/bulletins/xlsx', {
    schema: { tags, summary: '通报 Excel: 总体情况, 红灯事项, 单位排名', querystring: S.BulletinQuery, produces: [XLSX_TYPE], response: errors(400, 401, 403) },
  }, async (req, reply) => {
    const doc = await bulletinXlsx(ctx, actorOf(req), req.query.from, req.query.to);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(doc.filename)).send(doc.body);
  });
}
