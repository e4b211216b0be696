// Robot webhooks (钉钉/企业微信群机器人), per unit or region-wide: the 督查室 or the system administrator sets them up.
// The URL holds the robot's token and the DingTalk secret signs messages: neither is ever shown back in full; the
// secret is stored encrypted (SM4, like TOTP secrets).
import type { Ctx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { encryptSecret } from '../../platform/auth/totp.js';
import { newId } from '../../platform/clock.js';
import { Invalid, NotFound, type FieldError } from '../../platform/errors.js';
import { message } from '../../../common/messages.js';
import { unitBelongsTo } from '../units/service.js';
import { sendToRobot, type SendResult } from './delivery.js';
import * as repo from './repository.js';
import type { WebhookCreateInput, WebhookPatchInput, WebhookView } from './schemas.js';
import { markdownText, maskUrl, robotPayload, webhookUrlProblem, type WebhookKind } from './webhook-format.js';

function present(w: repo.WebhookRow, last: { status: string; at: string; error: string | null; attempts: number } | undefined): WebhookView {
  return {
    id: w.id, regionCode: w.regionCode, unit: w.unitId ? { id: w.unitId, name: w.unitName ?? '' } : null, kind: w.kind as WebhookKind,
    url: maskUrl(w.url), hasSecret: !!w.secret, enabled: !!w.enabled, createdAt: w.createdAt, lastDelivery: last ?? null,
  };
}

/** The audit trail records where messages go, never the token or the secret. */
const auditable = (w: { unitId?: string | null; kind?: string; url?: string; secret?: string | null; enabled?: boolean | number }) => ({
  ...(w.unitId !== undefined ? { unitId: w.unitId } : {}), ...(w.kind ? { kind: w.kind } : {}), ...(w.url ? { url: maskUrl(w.url) } : {}),
  ...(w.secret !== undefined ? { hasSecret: !!w.secret } : {}), ...(w.enabled !== undefined ? { enabled: !!w.enabled } : {}),
});

async function check(ctx: Ctx, trx: Parameters<typeof unitBelongsTo>[0], actor: Actor, w: { unitId: string | null; kind: string; url: string; secret: string | null }): Promise<void> {
  const errors: FieldError[] = [];
  const urlProblem = webhookUrlProblem(w.url, ctx.config.webhookAllowHttpLoopback);
  if (urlProblem) errors.push({ field: 'url', code: urlProblem });
  if (w.unitId && !(await unitBelongsTo(trx, actor.regionCode, w.unitId))) errors.push({ field: 'unitId', code: 'invalid.value' });
  if (w.secret && w.kind !== 'dingtalk') errors.push({ field: 'secret', code: 'webhook.secretDingtalkOnly' });
  if (errors.length) throw new Invalid(errors);
}

export async function listWebhooks(ctx: Ctx, actor: Actor): Promise<WebhookView[]> {
  authorize(actor, 'webhooks.manage');
  const rows = await repo.listWebhooks(ctx.db, actor);
  const last = await repo.lastDeliveries(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => present(r, last.get(r.id)));
}

export async function getWebhook(ctx: Ctx, actor: Actor, id: string, trx = ctx.db): Promise<WebhookView> {
  authorize(actor, 'webhooks.manage');
  const w = await repo.findWebhook(trx, actor, id);
  if (!w) throw new NotFound('webhook');
  return present(w, (await repo.lastDeliveries(trx, [id])).get(id));
}

export async function createWebhook(ctx: Ctx, actor: Actor, input: WebhookCreateInput): Promise<WebhookView> {
  authorize(actor, 'webhooks.manage');
  return inTransaction(ctx, async (trx) => {
    const w = { unitId: input.unitId ?? null, kind: input.kind, url: input.url.trim(), secret: input.secret?.trim() || null };
    await check(ctx, trx, actor, w);
    const id = newId();
    await trx.insertInto('webhooks').values({
      id, regionCode: actor.regionCode, unitId: w.unitId, kind: w.kind, url: w.url,
      secret: w.secret ? encryptSecret(w.secret, ctx.config.sessionSecret) : null, enabled: input.enabled === false ? 0 : 1, createdAt: ctx.clock.now().toISOString(),
    }).execute();
    await audit(ctx, trx, actor, { action: 'webhook.create', entityType: 'webhook', entityId: id, after: auditable({ ...w, enabled: input.enabled ?? true }) });
    return getWebhook(ctx, actor, id, trx);
  });
}

export async function updateWebhook(ctx: Ctx, actor: Actor, id: string, input: WebhookPatchInput): Promise<WebhookView> {
  authorize(actor, 'webhooks.manage');
  return inTransaction(ctx, async (trx) => {
    const before = await repo.findWebhook(trx, actor, id);
    if (!before || before.regionCode !== actor.regionCode) throw new NotFound('webhook');
    const secretPlain = input.secret === undefined ? undefined : input.secret?.trim() || null;
    const merged = {
      unitId: input.unitId === undefined ? before.unitId : input.unitId, kind: input.kind ?? before.kind, url: input.url?.trim() ?? before.url,
      // A kept secret is checked for presence only (it stays encrypted).
      secret: secretPlain === undefined ? before.secret : secretPlain,
    };
    await check(ctx, trx, actor, merged);
    const set: Record<string, unknown> = {};
    if (input.unitId !== undefined) set.unitId = input.unitId;
    if (input.kind) set.kind = input.kind;
    if (input.url !== undefined) set.url = merged.url;
    if (secretPlain !== undefined) set.secret = secretPlain ? encryptSecret(secretPlain, ctx.config.sessionSecret) : null;
    if (input.enabled !== undefined) set.enabled = input.enabled ? 1 : 0;
    if (Object.keys(set).length) await trx.updateTable('webhooks').set(set).where('id', '=', id).execute();
    await audit(ctx, trx, actor, { action: 'webhook.update', entityType: 'webhook', entityId: id, before: auditable(before), after: auditable({ ...input, secret: secretPlain }) });
    return getWebhook(ctx, actor, id, trx);
  });
}

export async function deleteWebhook(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'webhooks.manage');
  await inTransaction(ctx, async (trx) => {
    const before = await repo.findWebhook(trx, actor, id);
    if (!before || before.regionCode !== actor.regionCode) throw new NotFound('webhook');
    await trx.deleteFrom('webhookDeliveries').where('webhookId', '=', id).execute();
    await trx.deleteFrom('webhooks').where('id', '=', id).execute();
    await audit(ctx, trx, actor, { action: 'webhook.delete', entityType: 'webhook', entityId: id, before: auditable(before) });
  });
}

/** Sends a test message now and answers with the robot's verdict (the administrator is waiting for exactly that). */
export async function testWebhook(ctx: Ctx, actor: Actor, id: string): Promise<SendResult> {
  authorize(actor, 'webhooks.manage');
  const w = await repo.findWebhook(ctx.db, actor, id);
  if (!w) throw new NotFound('webhook');
  const title = message('webhook.testTitle', 'zh-CN');
  const text = markdownText(title, [message('webhook.testText', 'zh-CN', { by: actor.displayName })], () => '');
  return sendToRobot(ctx, w, JSON.stringify(robotPayload(w.kind as WebhookKind, title, text)));
}
