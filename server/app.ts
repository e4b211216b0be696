// buildApp({ database, config, clock }): plugins + every module's routes. No globals.
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from './config.js';
import type { Ctx } from './context.js';
import type { Database } from './db/database.js';
import { ping } from './db/database.js';
import { systemClock, type Clock } from './platform/clock.js';
import { installErrorHandling } from './platform/http/problem.js';
import { installGuard } from './platform/http/guard.js';
import { installMetrics } from './platform/http/metrics.js';
import { Problem } from './platform/http/schemas.js';
import { authRoutes } from './modules/auth/routes.js';
import { regionRoutes } from './modules/regions/routes.js';
import { unitRoutes } from './modules/units/routes.js';
import { userRoutes } from './modules/users/routes.js';
import { leaderRoutes } from './modules/leaders/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { sessionRoutes } from './modules/sessions/routes.js';
import { settingsRoutes } from './modules/settings/routes.js';
import { jobRoutes } from './platform/jobs/routes.js';
import { calendarRoutes } from './modules/calendar/routes.js';
import { taskRoutes } from './modules/tasks/routes.js';
import { recurringRoutes } from './modules/tasks/recurring-routes.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { assessmentRoutes } from './modules/tasks/assessment-routes.js';
import { bulkRoutes } from './modules/tasks/bulk-routes.js';
import { attachmentRoutes } from './modules/tasks/attachment-routes.js';
import { escalationRoutes } from './modules/tasks/escalation-routes.js';
import { enterpriseRoutes } from './modules/enterprises/routes.js';
import { muPolicyRoutes } from './modules/mu/policies-routes.js';
import { muAggregateRoutes } from './modules/mu/aggregates-routes.js';
import { muRoutes } from './modules/mu/routes.js';
import { projectLibraryRoutes } from './modules/projects/library-routes.js';
import { projectTrackingRoutes } from './modules/projects/tracking-routes.js';

export interface AppDeps { database: Database; config: Config; clock?: Clock; webDist?: string | null }

export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; ctx: Ctx }> {
  const { database, config } = deps;
  const ctx: Ctx = { db: database.db, dialect: database.dialect, database, config, clock: deps.clock ?? systemClock };
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
  });

  const webDist = deps.webDist === undefined ? resolve('web/dist') : deps.webDist;
  const serveWeb = !!webDist && existsSync(webDist);
  installErrorHandling(app, { spa: serveWeb });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'], connectSrc: ["'self'"], fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"], frameAncestors: ["'none'"], upgradeInsecureRequests: null,
      },
    },
    hsts: config.cookieSecure === true,
  });
  await app.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10 } });
  app.addSchema(Problem);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'luoshi 落实 API', version: '1', description: 'REST JSON API of luoshi. Errors are application/problem+json (RFC 9457).' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'luoshi_sid' } } },
      security: [{ session: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (json.$id as string) || `def-${i}` },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  installGuard(app, ctx);
  installMetrics(app);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try { await ping(ctx.db); return { status: 'ready', database: ctx.dialect }; } catch { return reply.status(503).send({ status: 'unavailable' }); }
  });

  authRoutes(app, ctx);
  regionRoutes(app, ctx);
  unitRoutes(app, ctx);
  userRoutes(app, ctx);
  leaderRoutes(app, ctx);
  auditRoutes(app, ctx);
  sessionRoutes(app, ctx);
  settingsRoutes(app, ctx);
  jobRoutes(app, ctx);
  calendarRoutes(app, ctx);
  taskRoutes(app, ctx);
  recurringRoutes(app, ctx);
  notificationRoutes(app, ctx);
  assessmentRoutes(app, ctx);
  bulkRoutes(app, ctx);
  attachmentRoutes(app, ctx);
  escalationRoutes(app, ctx);
  enterpriseRoutes(app, ctx);
  muPolicyRoutes(app, ctx);
  muAggregateRoutes(app, ctx);
  muRoutes(app, ctx);
  projectLibraryRoutes(app, ctx);
  projectTrackingRoutes(app, ctx);

  if (serveWeb) {
    // Static files of the built web UI; unknown client-side routes fall back to index.html (see problem.ts).
    await app.register(fastifyStatic, { root: webDist!, prefix: '/', wildcard: false });
  }
  return { app, ctx };
}
