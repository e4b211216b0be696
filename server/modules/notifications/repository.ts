// Every query of the notifications, digests, webhooks and webhook_deliveries tables. The inbox is scoped to its owner
// in SQL (user_id = the actor); webhooks to the actor's regions.
import type { Trx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';

export const chunks = <T>(xs: readonly T[], n = 300): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

// ---- inbox ----
export interface NotificationRow { id: string; userId: string; kind: string; title: string; body: string | null; taskId: string | null; createdAt: string; readAt: string | null }

export async function insertNotifications(db: Trx, rows: NotificationRow[]): Promise<void> {
  for (const c of chunks(rows)) await db.insertInto('notifications').values(c).execute();
}

export async function listNotifications(db: Trx, userId: string, f: { unread?: boolean; page: number; pageSize: number }) {
  let q = db.selectFrom('notifications').where('userId', '=', userId);
  if (f.unread) q = q.where('readAt', 'is', null);
  const [items, total] = await Promise.all([
    q.select(['id', 'kind', 'title', 'body', 'taskId', 'createdAt', 'readAt']).orderBy('createdAt', 'desc').orderBy('id', 'desc')
      .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}

export async function unreadCount(db: Trx, userId: string): Promise<number> {
  const r = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('userId', '=', userId).where('readAt', 'is', null).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function findNotification(db: Trx, userId: string, id: string) {
  return db.selectFrom('notifications').select(['id', 'kind', 'title', 'body', 'taskId', 'createdAt', 'readAt'])
    .where('id', '=', id).where('userId', '=', userId).executeTakeFirst();
}

export async function markRead(db: Trx, userId: string, at: string, id?: string): Promise<number> {
  let q = db.updateTable('notifications').set({ readAt: at }).where('userId', '=', userId).where('readAt', 'is', null);
  if (id) q = q.where('id', '=', id);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ---- digests: one row per key (a user id, 'unit:<id>', 'region:<code>') and day ----
/** Inserts the keys' rows for the day; returns the keys inserted now (not those another run inserted before). */
export async function claimDigests(db: Trx, keys: readonly string[], day: string, at: string): Promise<Set<string>> {
  const claimed = new Set<string>();
  // Sorted, so that two processes claiming the same keys lock them in the same order (no deadlock on PostgreSQL).
  for (const c of chunks([...new Set(keys)].sort())) {
    const rows = await db.insertInto('digests').values(c.map((userId) => ({ userId, day, createdAt: at })))
      .onConflict((oc) => oc.columns(['userId', 'day']).doNothing()).returning('userId').execute();
    for (const r of rows) claimed.add(r.userId);
  }
  return claimed;
}

// ---- webhooks ----
const WEBHOOK_COLUMNS = ['webhooks.id', 'webhooks.regionCode', 'webhooks.unitId', 'units.name as unitName', 'webhooks.kind', 'webhooks.url',
  'webhooks.secret', 'webhooks.enabled', 'webhooks.createdAt'] as const;

function webhookBase(db: Trx, actor: Actor) {
  return db.selectFrom('webhooks').leftJoin('units', 'units.id', 'webhooks.unitId').where('webhooks.regionCode', 'in', actor.readRegions);
}

export async function listWebhooks(db: Trx, actor: Actor) {
  return webhookBase(db, actor).select(WEBHOOK_COLUMNS).orderBy('webhooks.regionCode').orderBy('webhooks.createdAt').orderBy('webhooks.id').execute();
}

export async function findWebhook(db: Trx, actor: Actor, id: string) {
  return webhookBase(db, actor).select(WEBHOOK_COLUMNS).where('webhooks.id', '=', id).executeTakeFirst();
}
export type WebhookRow = NonNullable<Awaited<ReturnType<typeof findWebhook>>>;

/** The last delivery of each webhook, for the admin list. */
export async function lastDeliveries(db: Trx, webhookIds: string[]) {
  const m = new Map<string, { status: string; at: string; error: string | null; attempts: number }>();
  for (const c of chunks(webhookIds)) {
    const rows = await db.selectFrom('webhookDeliveries').select(['webhookId', 'status', 'createdAt', 'deliveredAt', 'lastError', 'attempts'])
      .where('webhookId', 'in', c).orderBy('createdAt', 'desc').orderBy('id', 'desc').execute();
    for (const r of rows) if (!m.has(r.webhookId)) m.set(r.webhookId, { status: r.status, at: r.deliveredAt ?? r.createdAt, error: r.lastError, attempts: r.attempts });
  }
  return m;
}

/** Enabled webhooks of a region: of these units, or region-wide ones when unitIds is null. */
export async function targetWebhooks(db: Trx, regionCode: string, unitIds: readonly string[] | null) {
  let q = db.selectFrom('webhooks').select(['id', 'kind']).where('regionCode', '=', regionCode).where('enabled', '=', 1);
  if (unitIds === null) q = q.where('unitId', 'is', null);
  else if (!unitIds.length) return [];
  else q = q.where('unitId', 'in', [...unitIds]);
  return q.orderBy('id').execute();
}

// ---- deliveries (the outbox) ----
export async function enqueueDeliveries(db: Trx, rows: { id: string; webhookId: string; payloadJson: string; createdAt: string }[]): Promise<void> {
  for (const c of chunks(rows)) {
    await db.insertInto('webhookDeliveries').values(c.map((r) => ({ ...r, status: 'pending', attempts: 0, nextAttemptAt: r.createdAt, lastError: null, deliveredAt: null }))).execute();
  }
}

export async function dueDeliveries(db: Trx, nowIso: string, limit: number) {
  return db.selectFrom('webhookDeliveries').select('id').where('status', 'in', ['pending', 'sending']).where('nextAttemptAt', '<=', nowIso)
    .orderBy('nextAttemptAt').orderBy('id').limit(limit).execute();
}

/** Takes one due delivery for this run (status 'sending', a short claim); false when another process took it first. */
export async function claimDelivery(db: Trx, id: string, nowIso: string, claimUntil: string): Promise<boolean> {
  const r = await db.updateTable('webhookDeliveries')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), nextAttemptAt: claimUntil }))
    .where('id', '=', id).where('status', 'in', ['pending', 'sending']).where('nextAttemptAt', '<=', nowIso)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deliveryWithWebhook(db: Trx, id: string) {
  return db.selectFrom('webhookDeliveries').innerJoin('webhooks', 'webhooks.id', 'webhookDeliveries.webhookId')
    .select(['webhookDeliveries.id', 'webhookDeliveries.payloadJson', 'webhookDeliveries.attempts', 'webhooks.kind', 'webhooks.url', 'webhooks.secret', 'webhooks.enabled'])
    .where('webhookDeliveries.id', '=', id).executeTakeFirst();
}

export async function finishDelivery(db: Trx, id: string, set: { status: string; nextAttemptAt?: string; lastError?: string | null; deliveredAt?: string | null }): Promise<void> {
  await db.updateTable('webhookDeliveries').set(set).where('id', '=', id).where('status', '=', 'sending').execute();
}
