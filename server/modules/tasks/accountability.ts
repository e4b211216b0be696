// 问责: the 督查室 records an accountability action (约谈, 通报批评, 责令检查, 诫勉 …) against a unit, optionally for a
// task. Written by the supervisor only, audited; read by supervisors, leaders (their portfolio) and viewers.
import type { Ctx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { newId } from '../../platform/clock.js';
import { Invalid, NotFound, type FieldError } from '../../platform/errors.js';
import type { Locale } from '../../../common/roles.js';
import { unitBelongsTo } from '../units/service.js';
import { today } from './service.js';
import * as erepo from './escalation-repository.js';
import type { AccountabilityFilter, AccountabilityInput, AccountabilityKind, AccountabilityView } from './escalation-schemas.js';

export const ACCOUNTABILITY_KIND_LABELS: Record<AccountabilityKind, Record<Locale, string>> = {
  interview: { 'zh-CN': '约谈', 'en-US': 'Interview' },
  circular_criticism: { 'zh-CN': '通报批评', 'en-US': 'Circulated criticism' },
  ordered_review: { 'zh-CN': '责令检查', 'en-US': 'Ordered self-review' },
  admonition: { 'zh-CN': '诫勉', 'en-US': 'Admonition' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

type Row = Awaited<ReturnType<typeof erepo.listAccountability>>['items'][number];
const present = (r: Row, locale: Locale): AccountabilityView => ({
  id: r.id, unit: { id: r.unitId, name: r.unitName }, task: r.taskId ? { id: r.taskId, serial: r.taskSerial ?? '', title: r.taskTitle ?? '' } : null,
  kind: r.kind as AccountabilityKind, kindName: ACCOUNTABILITY_KIND_LABELS[r.kind as AccountabilityKind]?.[locale] ?? r.kind,
  reason: r.reason, decidedOn: r.decidedOn, createdBy: r.creatorName ?? null, createdAt: r.createdAt,
});

export async function recordAccountability(ctx: Ctx, actor: Actor, input: AccountabilityInput): Promise<AccountabilityView> {
  authorize(actor, 'tasks.supervise');
  return inTransaction(ctx, async (trx) => {
    const errors: FieldError[] = [];
    const reason = input.reason.trim();
    if (reason.length < 2) errors.push({ field: 'reason', code: 'invalid.minLength', params: { limit: 2 } });
    if (input.decidedOn > today(ctx)) errors.push({ field: 'decidedOn', code: 'accountability.decidedInFuture' });
    if (!(await unitBelongsTo(trx, actor.regionCode, input.unitId))) errors.push({ field: 'unitId', code: 'invalid.value' });
    else if (input.taskId) {
      const involved = await erepo.taskInvolvesUnit(trx, actor.regionCode, input.taskId, input.unitId);
      if (involved === null) errors.push({ field: 'taskId', code: 'invalid.value' });
      else if (!involved) errors.push({ field: 'taskId', code: 'accountability.taskNotOfUnit' });
    }
    if (errors.length) throw new Invalid(errors);
    const id = newId();
    const row = {
      id, regionCode: actor.regionCode, unitId: input.unitId, taskId: input.taskId ?? null, kind: input.kind, reason, decidedOn: input.decidedOn,
      createdBy: actor.userId, createdAt: ctx.clock.now().toISOString(),
    };
    await erepo.insertAccountability(trx, row);
    await audit(ctx, trx, actor, { action: 'accountability.record', entityType: 'accountability_action', entityId: id, after: row });
    const saved = await erepo.findAccountability(trx, actor, id);
    if (!saved) throw new NotFound('accountability_action');
    return present(saved, actor.locale);
  });
}

export async function listAccountability(ctx: Ctx, actor: Actor, f: AccountabilityFilter) {
  authorize(actor, 'tasks.assess');
  if (f.from && f.to && f.from > f.to) throw new Invalid({ field: 'to', code: 'bulletin.periodOrder' });
  const r = await erepo.listAccountability(ctx.db, actor, f);
  return { ...r, items: r.items.map((x) => present(x, actor.locale)) };
}
