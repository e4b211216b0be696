// Authentication, session stage and CSRF for every /api route. Routes say what they need in `config.auth`:
//   'public'  — no session (login, health)
//   'any'     — any live session, whatever its stage (me, logout)
//   'password' | 'mfa' | 'enroll' — a session in that stage or full (the steps of signing in)
//   'full' (default) — a fully signed-in session
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from '../../context.js';
import type { Actor } from '../access/actor.js';
import { buildActor } from '../access/load-actor.js';
import { Forbidden, Unauthorized } from '../errors.js';
import { loadSessionUser, type LiveSession } from '../auth/sessions.js';

export const SESSION_COOKIE = 'luoshi_sid';
export const CSRF_COOKIE = 'luoshi_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export type AuthNeed = 'public' | 'any' | 'password' | 'mfa' | 'enroll' | 'full';

declare module 'fastify' {
  interface FastifyRequest { actor: Actor | null; session: LiveSession | null }
  interface FastifyContextConfig { auth?: AuthNeed }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a); const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The actor of a request; throws 401 if a handler reached here without one (a wiring mistake). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new Unauthorized();
  return req.actor;
}

export function installGuard(app: FastifyInstance, ctx: Ctx): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req) => {
    // Decide by the matched route, not the raw URL: an encoded path (/api/%761/…) reaches the same handler.
    if (!(req.routeOptions.url ?? req.url).startsWith('/api/v1/')) return;
    const need: AuthNeed = req.routeOptions.config?.auth ?? 'full';
    if (need === 'public') return;
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token) throw new Unauthorized();
    const found = await loadSessionUser(ctx, token);
    if (found === null) throw new Unauthorized();
    if (found === 'expired') throw new Unauthorized('unauthorized.expired');
    const { session, user } = found;
    const actor = user && (await buildActor(ctx, user, user.roles, req.ip));
    if (!actor) throw new Unauthorized('unauthorized.disabled');
    actor.sessionId = session.id;
    req.session = session;
    req.actor = actor;
    if (!SAFE.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) throw new Forbidden('forbidden.csrf');
    }
    if (need === 'any' || session.stage === 'full') return;
    if (need === session.stage) return;
    throw new Forbidden(`forbidden.stage.${session.stage}`);
  });
}
