import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import { actorOf, CSRF_COOKIE, SESSION_COOKIE } from '../../platform/http/guard.js';
import { errors, Ok } from '../../platform/http/schemas.js';
import { loadActor } from '../../platform/access/load-actor.js';
import { describeMe } from '../users/me.js';
import * as S from './schemas.js';
import * as auth from './service.js';

const tags = ['auth 登录'];

export function authRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  const secure = (req: FastifyRequest) => (ctx.config.cookieSecure === 'auto' ? req.protocol === 'https' : ctx.config.cookieSecure);
  const setCookies = (req: FastifyRequest, reply: FastifyReply, token: string, csrf: string) => {
    const base = { path: '/', sameSite: 'lax' as const, secure: secure(req) };
    reply.setCookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
    reply.setCookie(CSRF_COOKIE, csrf, { ...base, httpOnly: false });
  };

  r.post('/api/v1/auth/login', {
    config: { auth: 'public' },
    schema: { tags, summary: '登录 Sign in', body: S.LoginBody, response: { 200: S.SessionState, ...errors(400, 401, 429) } },
  }, async (req, reply) => {
    const s = await auth.login(ctx, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    setCookies(req, reply, s.token, s.csrfToken);
    const actor = (await loadActor(ctx, (await ctx.db.selectFrom('sessions').select('userId').where('id', '=', s.id).executeTakeFirstOrThrow()).userId, req.ip))!;
    return { stage: s.stage, csrfToken: s.csrfToken, me: await describeMe(ctx, actor) };
  });

  r.get('/api/v1/auth/me', {
    config: { auth: 'any' },
    schema: { tags, summary: '当前用户 The signed-in user', response: { 200: S.SessionState, ...errors(401) } },
  }, async (req) => ({ stage: req.session!.stage, csrfToken: req.session!.csrfToken, me: await describeMe(ctx, actorOf(req)) }));

  r.post('/api/v1/auth/logout', {
    config: { auth: 'any' },
    schema: { tags, summary: '退出 Sign out', response: { 200: Ok, ...errors(401, 403) } },
  }, async (req, reply) => {
    await auth.logout(ctx, actorOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true };
  });

  r.post('/api/v1/auth/mfa', {
    config: { auth: 'mfa' },
    schema: { tags, summary: '动态口令验证 Second factor', body: S.CodeBody, response: { 200: Type.Object({ stage: S.Stage }), ...errors(400, 401, 403, 429) } },
  }, async (req) => ({ stage: await auth.verifySecondFactor(ctx, actorOf(req), req.body.code) }));

  r.post('/api/v1/auth/password', {
    config: { auth: 'password' },
    schema: { tags, summary: '修改密码 Change password', body: S.PasswordBody, response: { 200: Type.Object({ stage: S.Stage }), ...errors(400, 401, 403) } },
  }, async (req) => ({ stage: await auth.changePassword(ctx, actorOf(req), req.body) }));

  r.post('/api/v1/auth/totp/setup', {
    config: { auth: 'enroll' },
    schema: { tags, summary: '绑定动态口令（第一步）Start TOTP enrolment', response: { 200: S.TotpSetup, ...errors(400, 401, 403) } },
  }, async (req) => auth.startTotpEnrolment(ctx, actorOf(req)));

  r.post('/api/v1/auth/totp/confirm', {
    config: { auth: 'enroll' },
    schema: { tags, summary: '绑定动态口令（确认）Confirm TOTP enrolment', body: S.CodeBody, response: { 200: S.RecoveryCodes, ...errors(400, 401, 403) } },
  }, async (req) => auth.confirmTotpEnrolment(ctx, actorOf(req), req.body.code));

  r.put('/api/v1/auth/locale', {
    config: { auth: 'any' },
    schema: { tags, summary: '界面语言 UI language', body: S.LocaleBody, response: { 200: Ok, ...errors(400, 401, 403) } },
  }, async (req) => {
    const actor = actorOf(req);
    await inTransaction(ctx, async (trx) => {
      await trx.updateTable('users').set({ locale: req.body.locale }).where('id', '=', actor.userId).execute();
      await audit(ctx, trx, actor, { action: 'user.locale', entityType: 'user', entityId: actor.userId, before: { locale: actor.locale }, after: req.body });
    });
    return { ok: true };
  });
}
