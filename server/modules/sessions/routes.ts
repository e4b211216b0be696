// Sessions (在线会话): listed and revocable by the security administrator.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sql } from 'kysely';
import type { Ctx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors, IdParams, Ok, Page, PageQuery } from '../../platform/http/schemas.js';
import { authorize } from '../../platform/access/policies.js';
import { NotFound } from '../../platform/errors.js';
import { getSetting } from '../../platform/settings.js';

const SessionView = Type.Object({
  id: Type.String(), userId: Type.String(), username: Type.String(), displayName: Type.String(), unitName: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]), userAgent: Type.Union([Type.String(), Type.Null()]), stage: Type.String(),
  createdAt: Type.String(), lastSeenAt: Type.String(), current: Type.Boolean(),
});
const tags = ['sessions 会话'];

export function sessionRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const live = async (actor: ReturnType<typeof actorOf>) => {
    const idle = await getSetting(ctx, 'security.idleMinutes');
    const now = ctx.clock.now();
    return ctx.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.userId').leftJoin('units', 'units.id', 'users.unitId')
      .where('sessions.revokedAt', 'is', null)
      .where('sessions.expiresAt', '>', now.toISOString())
      .where('sessions.lastSeenAt', '>', new Date(now.getTime() - idle * 60_000).toISOString())
      .where('users.regionCode', 'in', actor.readRegions);
  };
  r.get('/api/v1/sessions', {
    schema: { tags, summary: '在线会话 Live sessions', querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: Page(SessionView), ...errors(401, 403) } },
  }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'sessions.manage');
    const pageSize = req.query.pageSize ?? 50; const page = req.query.page ?? 1;
    const q = await live(actor);
    const [rows, count] = await Promise.all([
      q.select(['sessions.id', 'sessions.userId', 'users.username', 'users.displayName', 'units.name as unitName', 'sessions.ip', 'sessions.userAgent', 'sessions.stage', 'sessions.createdAt', 'sessions.lastSeenAt'])
        .orderBy('sessions.lastSeenAt', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
      q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    ]);
    // The public id is a prefix of the stored hash: enough to revoke, useless as a cookie.
    return { items: rows.map((s) => ({ ...s, id: s.id.slice(0, 24), unitName: s.unitName ?? null, current: s.id === actor.sessionId })), total: Number(count.n), page, pageSize };
  });
  r.delete('/api/v1/sessions/:id', {
    schema: { tags, summary: '强制下线 Revoke a session', params: IdParams, response: { 200: Ok, ...errors(401, 403, 404) } },
  }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'sessions.manage');
    // The public id is a hex prefix of the stored hash; anything else (LIKE wildcards '_' or '%' included) matches nothing.
    if (!/^[0-9a-f]{16,64}$/.test(req.params.id)) throw new NotFound('session');
    const q = await live(actor);
    const s = await q.select(['sessions.id', 'sessions.userId', 'users.username']).where('sessions.id', 'like', `${req.params.id}%`).executeTakeFirst();
    if (!s) throw new NotFound('session');
    await inTransaction(ctx, async (trx) => {
      await trx.updateTable('sessions').set({ revokedAt: ctx.clock.now().toISOString() }).where('id', '=', s.id).execute();
      await audit(ctx, trx, actor, { action: 'session.revoke', entityType: 'user', entityId: s.userId, after: { username: s.username, session: req.params.id } });
    });
    return { ok: true };
  });
}
