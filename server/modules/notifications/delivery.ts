// The `deliver-webhooks` job: sends queued robot messages, marks them delivered, or schedules a retry with
// exponential backoff (MAX_ATTEMPTS, then 'failed'). A delivery is claimed before it is sent, so two processes
// never send the same one; a claim left by a crashed process expires and the delivery is tried again.
import type { Ctx } from '../../context.js';
import { decryptSecret } from '../../platform/auth/totp.js';
import * as repo from './repository.js';
import { backoffMs, MAX_ATTEMPTS, robotAccepted, SEND_TIMEOUT_MS, signedUrl, type WebhookKind } from './webhook-format.js';

const CLAIM_MS = 60_000;
const PARALLEL = 5;

export interface SendResult { ok: boolean; status: number | null; error: string | null }

/** One POST to a robot, signed if it has a secret; never throws. */
export async function sendToRobot(ctx: Ctx, hook: { kind: string; url: string; secret: string | null }, payloadJson: string, timeoutMs = SEND_TIMEOUT_MS): Promise<SendResult> {
  try {
    const secret = hook.secret ? decryptSecret(hook.secret, ctx.config.sessionSecret) : null;
    const res = await fetch(signedUrl(hook.kind as WebhookKind, hook.url, secret, new Date()), {
      method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: payloadJson,
      signal: AbortSignal.timeout(timeoutMs), redirect: 'error',
    });
    const verdict = robotAccepted(res.status, await res.text().catch(() => ''));
    return { ok: verdict.ok, status: res.status, error: verdict.error };
  } catch (err: any) {
    const msg = err?.name === 'TimeoutError' ? `timeout after ${timeoutMs} ms` : String(err?.cause?.code ?? err?.message ?? err);
    return { ok: false, status: null, error: msg.slice(0, 300) };
  }
}

async function deliverOne(ctx: Ctx, id: string, now: Date): Promise<'delivered' | 'retry' | 'failed' | 'taken'> {
  const nowIso = now.toISOString();
  if (!(await repo.claimDelivery(ctx.db, id, nowIso, new Date(now.getTime() + CLAIM_MS).toISOString()))) return 'taken';
  const d = await repo.deliveryWithWebhook(ctx.db, id);
  if (!d) return 'taken';
  if (!d.enabled) {
    await repo.finishDelivery(ctx.db, id, { status: 'failed', lastError: 'webhook disabled' });
    return 'failed';
  }
  const r = await sendToRobot(ctx, d, d.payloadJson);
  if (r.ok) {
    await repo.finishDelivery(ctx.db, id, { status: 'delivered', deliveredAt: ctx.clock.now().toISOString(), lastError: null });
    return 'delivered';
  }
  // d.attempts already counts this attempt (the claim added it).
  if (d.attempts >= MAX_ATTEMPTS) {
    await repo.finishDelivery(ctx.db, id, { status: 'failed', lastError: r.error });
    return 'failed';
  }
  await repo.finishDelivery(ctx.db, id, { status: 'pending', lastError: r.error, nextAttemptAt: new Date(now.getTime() + backoffMs(d.attempts)).toISOString() });
  return 'retry';
}

export async function deliverWebhooks(ctx: Ctx, opts: { limit?: number } = {}) {
  const now = ctx.clock.now();
  const due = await repo.dueDeliveries(ctx.db, now.toISOString(), opts.limit ?? 200);
  const counts = { delivered: 0, retry: 0, failed: 0, taken: 0 };
  for (const c of repo.chunks(due, PARALLEL)) {
    const outcomes = await Promise.all(c.map((d) => deliverOne(ctx, d.id, now)));
    for (const o of outcomes) counts[o]++;
  }
  return counts;
}
