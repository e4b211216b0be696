// Notifications: the in-app inbox of every user, and the outbox of robot messages (DingTalk, WeCom) that the
// `deliver-webhooks` job sends. Other modules call notify / pushToWebhooks inside their own transaction: the
// request that triggered a message only writes rows; nothing waits for a robot.
//
// Inbox rows and deliveries are not audited: they are consequences of audited changes (or of the reminder job),
// not changes anyone made; reading one's own inbox is not a change to business data either.
import type { Ctx, Trx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { newId } from '../../platform/clock.js';
import { NotFound } from '../../platform/errors.js';
import { message } from '../../../common/messages.js';
import type { Locale } from '../../../common/roles.js';
import { usersWithLocale } from '../users/unit-members.js';
import * as repo from './repository.js';
import { markdownText, robotPayload, type WebhookKind } from './webhook-format.js';

/** Text in the reader's language: literal, a message key with parameters, or lines of either. */
export type Text = string | { key: string; params?: Record<string, unknown> } | readonly Text[];

export function render(t: Text, locale: Locale): string {
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.map((x) => render(x, locale)).join('\n');
  const m = t as { key: string; params?: Record<string, unknown> };
  return message(m.key, locale, m.params ?? {});
}

export interface Notice { kind: string; title: Text; body?: Text | null; taskId?: string | null }

/** One inbox entry for each of these users (disabled and unknown ids are skipped), in each user's language. */
export async function notify(ctx: Ctx, trx: Trx, userIds: readonly string[], n: Notice): Promise<number> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return 0;
  const now = ctx.clock.now().toISOString();
  const rows: repo.NotificationRow[] = [];
  for (const c of repo.chunks(ids.sort(), 500)) {
    for (const u of await usersWithLocale(trx, c)) {
      rows.push({
        id: newId(), userId: u.id, kind: n.kind, title: render(n.title, u.locale).slice(0, 500),
        body: n.body ? render(n.body, u.locale).slice(0, 10000) : null, taskId: n.taskId ?? null, createdAt: now, readAt: null,
      });
    }
  }
  await repo.insertNotifications(trx, rows);
  return rows.length;
}

/** Robot messages are written in the deployment's language (the groups are Chinese). */
const ROBOT_LOCALE: Locale = 'zh-CN';

export interface RobotMessage { title: Text; lines: readonly Text[] }

/**
 * Queues one robot message for each enabled webhook of these units (unitIds = null: the region-wide webhooks).
 * Sent later by the deliver-webhooks job, retried with backoff.
 */
export async function pushToWebhooks(ctx: Ctx, trx: Trx, target: { regionCode: string; unitIds: readonly string[] | null }, msg: RobotMessage): Promise<number> {
  const hooks = await repo.targetWebhooks(trx, target.regionCode, target.unitIds);
  if (!hooks.length) return 0;
  const title = render(msg.title, ROBOT_LOCALE);
  const text = markdownText(title, msg.lines.map((l) => render(l, ROBOT_LOCALE)), (n) => message('webhook.more', ROBOT_LOCALE, { count: n }));
  const now = ctx.clock.now().toISOString();
  await repo.enqueueDeliveries(trx, hooks.map((h) => ({ id: newId(), webhookId: h.id, payloadJson: JSON.stringify(robotPayload(h.kind as WebhookKind, title, text)), createdAt: now })));
  return hooks.length;
}

/** Digests go out once per key (a user id, 'unit:<id>', 'region:<code>') and day; returns the keys that are ours to send. */
export function claimDigests(ctx: Ctx, trx: Trx, keys: readonly string[], day: string): Promise<Set<string>> {
  return repo.claimDigests(trx, keys, day, ctx.clock.now().toISOString());
}

// ---- the inbox API: a user sees and marks only his own ----
export async function listMine(ctx: Ctx, actor: Actor, f: { unread?: boolean; page?: number; pageSize?: number }) {
  const page = f.page ?? 1; const pageSize = f.pageSize ?? 20;
  const [{ items, total }, unread] = await Promise.all([repo.listNotifications(ctx.db, actor.userId, { unread: f.unread, page, pageSize }), repo.unreadCount(ctx.db, actor.userId)]);
  return { items, total, unread, page, pageSize };
}

export async function unreadCount(ctx: Ctx, actor: Actor) {
  return { count: await repo.unreadCount(ctx.db, actor.userId) };
}

export async function markRead(ctx: Ctx, actor: Actor, id: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const n = await repo.findNotification(trx, actor.userId, id);
    if (!n) throw new NotFound('notification');
    if (!n.readAt) await repo.markRead(trx, actor.userId, ctx.clock.now().toISOString(), id);
    return (await repo.findNotification(trx, actor.userId, id))!;
  });
}

export async function markAllRead(ctx: Ctx, actor: Actor) {
  return { count: await repo.markRead(ctx.db, actor.userId, ctx.clock.now().toISOString()) };
}
