// The auditor's view of the audit trail: filter, export to Excel, verify the chain.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { sql } from 'kysely';
import type { Ctx } from '../../context.js';
import { actorOf } from '../../platform/http/guard.js';
import { errors, Page, PageQuery } from '../../platform/http/schemas.js';
import { authorize } from '../../platform/access/policies.js';
import type { Actor } from '../../platform/access/actor.js';
import { verifyAuditChain } from '../../platform/audit/audit.js';
import { attachment, writeTable, XLSX_TYPE } from '../../platform/excel/excel.js';
import { shanghaiDate, shanghaiDateTime } from '../../platform/clock.js';

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const AuditQuery = Type.Object({
  ...PageQuery,
  actor: Type.Optional(Type.String({ maxLength: 64 })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  entityType: Type.Optional(Type.String({ maxLength: 32 })),
  entityId: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(DateStr),
  to: Type.Optional(DateStr),
}, { additionalProperties: false });
type AuditFilter = Static<typeof AuditQuery>;

const AuditEntry = Type.Object({
  seq: Type.Integer(), at: Type.String(), regionCode: Type.Union([Type.String(), Type.Null()]), actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]), ip: Type.Union([Type.String(), Type.Null()]), action: Type.String(),
  entityType: Type.Union([Type.String(), Type.Null()]), entityId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(), after: Type.Unknown(), hash: Type.String(),
});
const tags = ['audit 审计日志'];

// Shanghai day boundaries as UTC instants.
const dayStart = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`)).toISOString();
const dayEnd = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`) + 86_400_000).toISOString();

function query(ctx: Ctx, actor: Actor, f: AuditFilter) {
  let q = ctx.db.selectFrom('auditLog').where((eb) => eb.or([eb('regionCode', 'in', actor.readRegions), eb('regionCode', 'is', null)]));
  if (f.actor) q = q.where('actorName', 'like', `%${f.actor}%`);
  if (f.action) q = q.where('action', 'like', `${f.action}%`);
  if (f.entityType) q = q.where('entityType', '=', f.entityType);
  if (f.entityId) q = q.where('entityId', '=', f.entityId);
  if (f.from) q = q.where('at', '>=', dayStart(f.from));
  if (f.to) q = q.where('at', '<', dayEnd(f.to));
  return q;
}
const parse = (s: string | null) => (s ? JSON.parse(s) : null);

export function auditRoutes(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/v1/audit', {
    schema: { tags, summary: '审计日志 Audit entries', querystring: AuditQuery, response: { 200: Page(AuditEntry), ...errors(400, 401, 403) } },
  }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'audit.read');
    const pageSize = req.query.pageSize ?? 50; const page = req.query.page ?? 1;
    const q = query(ctx, actor, req.query);
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('seq', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
      q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map(({ beforeJson, afterJson, prevHash: _p, ...r }) => ({ ...r, before: parse(beforeJson), after: parse(afterJson) })),
      total: Number(count.n), page, pageSize,
    };
  });

  r.get('/api/v1/audit/export', {
    schema: { tags, summary: '导出审计日志 Export audit entries to Excel', querystring: AuditQuery, produces: [XLSX_TYPE] },
  }, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'audit.read');
    const rows = await query(ctx, actor, req.query).selectAll().orderBy('seq').limit(200_000).execute();
    const buf = await writeTable('审计日志', null, [
      { header: '序号', width: 8, value: (r: (typeof rows)[number]) => r.seq },
      { header: '时间', width: 22, value: (r) => shanghaiDateTime(r.at, true) },
      { header: '操作人', width: 20, value: (r) => r.actorName },
      { header: 'IP 地址', width: 16, value: (r) => r.ip },
      { header: '操作', width: 22, value: (r) => r.action },
      { header: '对象类型', width: 10, value: (r) => r.entityType },
      { header: '对象编号', width: 26, value: (r) => r.entityId },
      { header: '变更前', width: 40, value: (r) => r.beforeJson },
      { header: '变更后', width: 40, value: (r) => r.afterJson },
      { header: '哈希 (SM3)', width: 66, value: (r) => r.hash },
    ], rows);
    return reply.type(XLSX_TYPE).header('content-disposition', attachment(`审计日志-${shanghaiDate(ctx.clock.now())}.xlsx`)).send(buf);
  });

  r.get('/api/v1/audit/verify', {
    schema: {
      tags, summary: '校验审计日志哈希链 Verify the hash chain',
      response: { 200: Type.Object({ ok: Type.Boolean(), checked: Type.Integer(), firstBad: Type.Optional(Type.Object({ seq: Type.Integer(), problem: Type.String(), detail: Type.String() })) }), ...errors(401, 403) },
    },
  }, async (req) => {
    authorize(actorOf(req), 'audit.read');
    return verifyAuditChain(ctx.db);
  });
}
