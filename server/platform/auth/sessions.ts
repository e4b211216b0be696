// Sessions live in the database (several processes can serve one deployment). The cookie holds a random token;
// the table holds only its SHA-256. Idle timeout and absolute lifetime are enforced on every request.
import { createHash, randomBytes } from 'node:crypto';
import type { Ctx, Trx } from '../../context.js';

export type SessionStage = 'full' | 'mfa' | 'password' | 'enroll';

export const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(ctx: Ctx, trx: Trx, userId: string, stage: SessionStage, ip: string | null, userAgent: string | null) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = ctx.clock.now();
  const id = tokenId(token);
  await trx.insertInto('sessions').values({
    id, userId, stage, csrfToken, ip, userAgent: userAgent?.slice(0, 300) ?? null,
    createdAt: now.toISOString(), lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ctx.config.sessionMaxHours * 3600_000).toISOString(), revokedAt: null,
  }).execute();
  return { token, id, csrfToken };
}

export interface LiveSession { id: string; userId: string; stage: SessionStage; csrfToken: string; lastSeenAt: string }

/** The session behind a cookie token, or a reason it is not usable. Touches last_seen at most once a minute. */
export async function loadSession(ctx: Ctx, token: string, idleMinutes: number): Promise<LiveSession | 'expired' | null> {
  const id = tokenId(token);
  const s = await ctx.db.selectFrom('sessions').select(['id', 'userId', 'stage', 'csrfToken', 'lastSeenAt', 'expiresAt', 'revokedAt'])
    .where('id', '=', id).executeTakeFirst();
  if (!s) return null;
  if (s.revokedAt) return 'expired';
  const now = ctx.clock.now();
  const idleCut = new Date(now.getTime() - idleMinutes * 60_000).toISOString();
  if (s.lastSeenAt < idleCut || s.expiresAt < now.toISOString()) {
    await ctx.db.updateTable('sessions').set({ revokedAt: now.toISOString() }).where('id', '=', id).execute();
    return 'expired';
  }
  if (now.getTime() - Date.parse(s.lastSeenAt) > 60_000) {
    await ctx.db.updateTable('sessions').set({ lastSeenAt: now.toISOString() }).where('id', '=', id).execute();
  }
  return { id: s.id, userId: s.userId, stage: s.stage as SessionStage, csrfToken: s.csrfToken, lastSeenAt: s.lastSeenAt };
}

export async function setStage(trx: Trx, sessionId: string, stage: SessionStage) {
  await trx.updateTable('sessions').set({ stage }).where('id', '=', sessionId).execute();
}

export async function revokeSession(ctx: Ctx, trx: Trx, sessionId: string) {
  await trx.updateTable('sessions').set({ revokedAt: ctx.clock.now().toISOString() }).where('id', '=', sessionId).where('revokedAt', 'is', null).execute();
}

export async function revokeUserSessions(ctx: Ctx, trx: Trx, userId: string, exceptId?: string) {
  let q = trx.updateTable('sessions').set({ revokedAt: ctx.clock.now().toISOString() }).where('userId', '=', userId).where('revokedAt', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}
