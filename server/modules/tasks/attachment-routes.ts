import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors, IdParams } from '../../platform/http/schemas.js';
import { readUpload } from '../../platform/http/upload.js';
import { addAttachment, listAttachments, openAttachment } from './attachments.js';

const tags = ['tasks 督查督办'];
const Attachment = Type.Object({ id: Type.String(), filename: Type.String(), mime: Type.String(), size: Type.Integer(), createdAt: Type.String(), uploadedBy: Type.Optional(Type.Union([Type.String(), Type.Null()])) });

export function attachmentRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post('/api/v1/tasks/:id/attachments', {
    schema: { tags, summary: '上传附件（可选佐证）Upload an attachment', params: IdParams, consumes: ['multipart/form-data'], response: { 201: Attachment, ...errors(400, 401, 403, 404, 413) } },
  }, async (req, reply) => {
    const { filename, buffer } = await readUpload(req, null);
    return reply.status(201).send(await addAttachment(ctx, actorOf(req), req.params.id, filename, buffer));
  });
  r.get('/api/v1/tasks/:id/attachments', {
    schema: { tags, summary: '附件列表 Attachments of a task', params: IdParams, response: { 200: Type.Array(Attachment), ...errors(401, 403, 404) } },
  }, async (req) => listAttachments(ctx, actorOf(req), req.params.id));
  r.get('/api/v1/attachments/:id', {
    schema: { tags, summary: '下载附件 Download an attachment', params: IdParams },
  }, async (req, reply) => {
    const { meta, stream } = await openAttachment(ctx, actorOf(req), req.params.id);
    return reply.type(meta.mime).header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(meta.filename)}`)
      .header('x-content-type-options', 'nosniff').send(stream);
  });
}
