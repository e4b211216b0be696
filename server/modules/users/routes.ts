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
import * as S from './schemas.js';
import * as users from './service.js';

const tags = ['users 用户'];

export function userRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.addSchema(S.User);
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/v1/users', {
    schema: { tags, summary: '用户列表 List users', querystring: S.UserListQuery, response: { 200: S.UserPage, ...errors(400, 401, 403) } },
  }, async (req) => {
    const { items, total } = await users.listUsers(ctx, actorOf(req), req.query);
    return { items, total, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 50 };
  });

  r.get('/api/v1/users/export', {
    schema: { tags, summary: '导出用户 Export users to Excel', querystring: S.UserListQuery, produces: [XLSX_TYPE] },
  }, async (req, reply) => {
    const buf = await users.exportUsers(ctx, actorOf(req), req.query);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(`用户-${shanghaiDate(ctx.clock.now())}.xlsx`)).send(buf);
  });

  r.post('/api/v1/users/import', {
    schema: {
      tags, summary: '从 Excel 导入用户（先预览，commit=true 时全部导入或全部不导入）Import users', querystring: ImportQuery, consumes: ['multipart/form-data'],
      response: { 200: Type.Intersect([ImportResult, Type.Object({ credentials: Type.Array(Type.Object({ username: Type.String(), temporaryPassword: Type.String() })) })]), ...errors(400, 401, 403) },
    },
  }, async (req) => {
    const { buffer } = await readUpload(req);
    const res = await users.importUsers(ctx, actorOf(req), buffer, !!req.query.commit);
    return { committed: !!req.query.commit && !res.errors.length, total: res.total, created: res.created, updated: res.updated, errors: localizeRowErrors(req, res.errors), credentials: res.credentials };
  });

  r.get('/api/v1/users/:id', {
    schema: { tags, summary: '用户详情 Get a user', params: IdParams, response: { 200: S.User, ...errors(401, 403, 404) } },
  }, async (req) => users.getUser(ctx, actorOf(req), req.params.id));

  r.post('/api/v1/users', {
    schema: { tags, summary: '新建用户（返回一次性初始密码）Create a user', body: S.UserCreate, response: { 201: S.UserCreated, ...errors(400, 401, 403, 409) } },
  }, async (req, reply) => reply.status(201).send(await users.createUser(ctx, actorOf(req), req.body)));

  r.patch('/api/v1/users/:id', {
    schema: { tags, summary: '修改用户 Update a user', params: IdParams, body: S.UserPatch, response: { 200: S.User, ...errors(400, 401, 403, 404, 409) } },
  }, async (req) => users.updateUser(ctx, actorOf(req), req.params.id, req.body));

  r.put('/api/v1/users/:id/roles', {
    schema: { tags, summary: '授予角色（安全管理员）Set roles', params: IdParams, body: S.RolesBody, response: { 200: S.User, ...errors(400, 401, 403, 404) } },
  }, async (req) => users.setUserRoles(ctx, actorOf(req), req.params.id, req.body.roles));

  r.post('/api/v1/users/:id/reset-password', {
    schema: { tags, summary: '重置密码（下次登录须修改）Reset password', params: IdParams, response: { 200: S.TemporaryPassword, ...errors(401, 403, 404) } },
  }, async (req) => ({ temporaryPassword: await users.resetPassword(ctx, actorOf(req), req.params.id) }));

  r.post('/api/v1/users/:id/reset-totp', {
    schema: { tags, summary: '重置动态口令（安全管理员）Reset TOTP', params: IdParams, response: { 200: Ok, ...errors(401, 403, 404) } },
  }, async (req) => { await users.resetTotp(ctx, actorOf(req), req.params.id); return { ok: true }; });
}
