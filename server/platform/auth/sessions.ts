// Sessions live in the database (several processes can serve one deployment). The cookie holds a random token;
// the table holds only its SHA-256. Idle timeout and absolute lifetime are enforced on every request.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Ctx, Trx } from '../../context.js';
import type { Role } from '../../../common/roles.js';
import { defaultSettings } from '../settings.js';

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

interface SessionRow extends LiveSession { expiresAt: string; revokedAt: string | null }

/** The session behind a cookie token, or a reason it is not usable. Touches last_seen at most once a minute. */
export async function loadSession(ctx: Ctx, token: string, idleMinutes: number): Promise<LiveSession | 'expired' | null> {
  const s = await ctx.db.selectFrom('sessions').select(['id', 'userId', 'stage', 'csrfToken', 'lastSeenAt', 'expiresAt', 'revokedAt'])
    .where('id', '=', tokenId(token)).executeTakeFirst();
  return s ? checkSession(ctx, s as SessionRow, idleMinutes) : null;
}

async function checkSession(ctx: Ctx, s: SessionRow, idleMinutes: number): Promise<LiveSession | 'expired'> {
  if (s.revokedAt) return 'expired';
  const now = ctx.clock.now();
  const idleCut = new Date(now.getTime() - idleMinutes * 60_000).toISOString();
  if (s.lastSeenAt < idleCut || s.expiresAt < now.toISOString()) {
    await ctx.db.updateTable('sessions').set({ revokedAt: now.toISOString() }).where('id', '=', s.id).execute();
    return 'expired';
  }
  if (now.getTime() - Date.parse(s.lastSeenAt) > 60_000) {
    await ctx.db.updateTable('sessions').set({ lastSeenAt: now.toISOString() }).where('id', '=', s.id).execute();
  }
  return { id: s.id, userId: s.userId, stage: s.stage as SessionStage, csrfToken: s.csrfToken, lastSeenAt: s.lastSeenAt };
}

/** What the guard needs of the signed-in user to build the actor (see buildActor). null: no such user. */
export interface SessionUser {
  id: string; username: string; displayName: string; regionCode: string; unitId: string | null; locale: string; disabled: number;
  level: string; roles: Role[];
}

interface SessionUserRow extends SessionRow {
  idleSetting: string | null; username: string | null; displayName: string | null; regionCode: string | null; unitId: string | null;
  locale: string | null; disabled: number | null; level: string | null; roles: string | null;
}

/**
 * loadSession, the idle timeout in force and the signed-in user with his roles, in one query: the guard runs this on
 * every request. Everything is read afresh from the database each time — revocation, idle timeout, a disabled account
 * or changed roles take effect on the next request, whichever server process answers it.
 * Plain SQL rather than the query builder: building and compiling this query cost more than running it.
 */
export async function loadSessionUser(ctx: Ctx, token: string): Promise<{ session: LiveSession; user: SessionUser | null } | 'expired' | null> {
  const roles = ctx.dialect === 'postgres' ? sql`string_agg(role, ',' order by role)` : sql`group_concat(role, ',' order by role)`;
  const { rows: [r] } = await sql<SessionUserRow>`
    select s.id, s.user_id, s.stage, s.csrf_token, s.last_seen_at, s.expires_at, s.revoked_at,
      u.username, u.display_name, u.region_code, u.unit_id, u.locale, u.disabled, g.level,
      (select value from settings where key = ${IDLE_KEY}) as idle_setting,
      (select ${roles} from user_roles where user_id = s.user_id) as roles
    from sessions s left join users u on u.id = s.user_id left join regions g on g.code = u.region_code
    where s.id = ${tokenId(token)}`.execute(ctx.db);
  if (!r) return null;
  const idle: number = r.idleSetting == null ? defaultSettings(ctx)[IDLE_KEY] : JSON.parse(r.idleSetting);
  const session = await checkSession(ctx, r, idle);
  if (session === 'expired') return session;
  const user: SessionUser | null = r.username == null || r.level == null ? null : {
    id: r.userId, username: r.username, displayName: r.displayName!, regionCode: r.regionCode!, unitId: r.unitId ?? null,
    locale: r.locale!, disabled: r.disabled!, level: r.level, roles: r.roles ? (r.roles.split(',') as Role[]) : [],
  };
  return { session, user };
}

const IDLE_KEY = 'security.idleMinutes';

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
