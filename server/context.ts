// What a service needs: the database, its dialect, config and the clock. Passed explicitly, no globals.
import type { Kysely, Transaction } from 'kysely';
import type { Config } from './config.js';
import type { Database, Db, Dialect } from './db/database.js';
import type { DB } from './db/schema.js';
import type { Clock } from './platform/clock.js';
import { writeAudit, type AuditEntryInput } from './platform/audit/audit.js';
import { auditActor, type Actor } from './platform/access/actor.js';

export interface Ctx {
  db: Db;
  dialect: Dialect;
  database: Database;
  config: Config;
  clock: Clock;
}

export type Trx = Transaction<DB> | Kysely<DB>;

/** One transaction per write; the audit entry goes in the same transaction. */
export function inTransaction<T>(ctx: Ctx, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(fn);
}

export function audit(ctx: Ctx, trx: Trx, actor: Actor | null, entry: AuditEntryInput, ip?: string | null): Promise<void> {
  return writeAudit(trx, ctx.dialect, auditActor(actor, ip ?? actor?.ip ?? null), ctx.clock.now(), entry);
}
