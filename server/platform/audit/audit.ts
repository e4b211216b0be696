// Append-only, hash-chained audit trail (SM3 over the previous hash and the entry).
// Every service write calls writeAudit inside the transaction that makes the change.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Dialect } from '../../db/database.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditActor {
  actorId: string | null;
  actorName: string | null;
  ip: string | null;
  regionCode: string | null;
}

export interface AuditEntryInput {
  action: string; // e.g. 'unit.create', 'auth.login', 'auth.login_failed', 'user.roles'
  entityType?: string | null;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  regionCode?: string | null;
}

export interface AuditRowForHash {
  seq: number; at: string; regionCode: string | null; actorId: string | null; actorName: string | null; ip: string | null;
  action: string; entityType: string | null; entityId: string | null; beforeJson: string | null; afterJson: string | null;
  prevHash: string;
}

export function sm3(text: string): string {
  return createHash('sm3').update(text, 'utf8').digest('hex');
}

export function entryHash(r: AuditRowForHash): string {
  return sm3(JSON.stringify([r.seq, r.at, r.regionCode, r.actorId, r.actorName, r.ip, r.action, r.entityType, r.entityId, r.beforeJson, r.afterJson, r.prevHash]));
}

const SECRET_FIELDS = new Set(['passwordHash', 'password', 'totpSecret', 'recoveryCodes', 'csrfToken', 'token']);
function redact(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (k, v) => (SECRET_FIELDS.has(k) ? (v ? '[redacted]' : v) : v));
}

/** Write one entry. Must be called inside a transaction (trx) on PostgreSQL so the advisory lock covers the append. */
export async function writeAudit(trx: Kysely<DB>, dialect: Dialect, actor: AuditActor, at: Date, e: AuditEntryInput): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(727272)`.execute(trx);
  const last = await trx.selectFrom('auditLog').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const row: AuditRowForHash = {
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    regionCode: e.regionCode ?? actor.regionCode,
    actorId: actor.actorId,
    actorName: actor.actorName,
    ip: actor.ip,
    action: e.action,
    entityType: e.entityType ?? null,
    entityId: e.entityId ?? null,
    beforeJson: redact(e.before),
    afterJson: redact(e.after),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await trx.insertInto('auditLog').values({ ...row, hash: entryHash(row) }).execute();
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBad?: { seq: number; problem: 'altered' | 'removed' | 'inserted'; detail: string };
}

/** Walks the chain in order; names the first entry that was altered, removed or inserted. */
export async function verifyAuditChain(db: Kysely<DB>, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const batch = 2000;
  for (;;) {
    const rows = await db.selectFrom('auditLog').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(batch).execute();
    if (!rows.length) break;
    for (const r of rows) {
      if (entryHash(r) !== r.hash) {
        return { ok: false, checked, firstBad: { seq: r.seq, problem: 'altered', detail: `entry ${r.seq} does not match its hash (altered)` } };
      }
      if (r.seq !== expectedSeq) {
        return { ok: false, checked, firstBad: { seq: expectedSeq, problem: 'removed', detail: `entries ${expectedSeq}–${r.seq - 1} are missing (removed)` } };
      }
      if (r.prevHash !== prevHash) {
        return { ok: false, checked, firstBad: { seq: r.seq, problem: 'inserted', detail: `entry ${r.seq} does not follow entry ${r.seq - 1} (inserted or re-chained by hand)` } };
      }
      prevHash = r.hash;
      expectedSeq = r.seq + 1;
      checked++;
    }
    onProgress?.(checked);
    if (rows.length < batch) break;
  }
  return { ok: true, checked };
}
