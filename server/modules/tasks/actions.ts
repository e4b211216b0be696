// The loop's steps: each action checks the state machine and the actor's side, applies the change with
// optimistic concurrency (version), writes the timeline event and the audit entry in one transaction.
import type { Ctx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { newId } from '../../platform/clock.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors.js';
import { getSettings } from '../../platform/settings.js';
import { loadCalendar } from '../calendar/service.js';
import { unitBelongsTo } from '../units/service.js';
import { allowedActions, canDo, TRANSITIONS, type TaskAction } from './task-states.js';
import { refreshRag } from './rag-refresh.js';
import { noticeStep } from './task-notices.js';
import * as repo from './repository.js';
import type { ActionInput } from './schemas.js';
import { getTaskView, sidesOf, today } from './service.js';

export async function act(ctx: Ctx, actor: Actor, id: string, action: TaskAction, input: ActionInput) {
  authorize(actor, 'tasks.read');
  return inTransaction(ctx, async (trx) => {
    const t = await repo.findTaskRow(trx, actor, id);
    if (!t) throw new NotFound('task');
    const sides = sidesOf(actor, { regionCode: t.regionCode, leadUnitId: t.leadUnitId, leaderUserId: t.leaderUserId });
    const facts = { status: t.status as any, pendingExtension: !!t.pendingExtensionTo, needsLeaderSignoff: !!t.needsLeaderSignoff, signedOff: !!t.signedOffAt };
    const why = canDo(facts, action, sides);
    const allowed = allowedActions(facts, sides);
    if (why === 'side' || (why === 'state' && !sides.size)) throw new Forbidden();
    if (why === 'state') throw new Conflict('task.illegalTransition', { action, allowed: allowed.join(', ') || '—' }, { allowedActions: allowed, taskStatus: t.status });
    if (input.version !== t.version) throw new Conflict('conflict.version', {}, { currentVersion: t.version });
    const rule = TRANSITIONS[action];
    const comment = input.comment?.trim() || null;
    if (rule.needsComment && !comment && !(action === 'return' && input.reason && input.reason !== 'other')) throw new Invalid({ field: 'comment', code: 'invalid.required' });

    const now = ctx.clock.now().toISOString();
    const day = today(ctx);
    const set: Record<string, unknown> = { updatedAt: now };
    if (rule.to) set.status = rule.to;
    let progress: number | null = null; let data: Record<string, unknown> | null = null; let fieldsTyped = 0; let eventComment = comment;
    const cal = await loadCalendar(ctx, trx);

    switch (action) {
      case 'accept': set.acceptedAt = now; break;
      case 'return':
        if (!input.reason) throw new Invalid({ field: 'reason', code: 'invalid.required' });
        // A misdirected task goes back within the acceptance limit; after it the unit works on it or asks the 督查室.
        if (day > t.acceptDue) throw new Conflict('task.returnTooLate', { date: t.acceptDue }, { allowedActions: allowed.filter((a) => a !== 'return') });
        data = { reason: input.reason };
        break;
      case 'reassign': {
        const unit = input.leadUnitId ?? t.leadUnitId;
        if (!(await unitBelongsTo(trx, t.regionCode, unit))) throw new Invalid({ field: 'leadUnitId', code: 'invalid.value' });
        const s = await getSettings(ctx, trx);
        set.leadUnitId = unit; set.acceptDue = cal.addWorkdays(day, s['tasks.acceptDays']); set.assignedAt = now; set.acceptedAt = null;
        data = { from: t.leadUnitId, to: unit };
        break;
      }
      case 'report': {
        const last = (await repo.reportsOf(trx, id)).at(-1);
        if (input.noChange) {
          // "No change since the last report" is one action: the figures are carried over, nothing is typed.
          progress = last?.progress ?? t.progress; eventComment = comment ?? last?.comment ?? null; data = { noChange: true };
        } else {
          if (input.progress === undefined) throw new Invalid({ field: 'progress', code: 'invalid.required' });
          progress = input.progress;
          fieldsTyped = (progress !== (last?.progress ?? t.progress) ? 1 : 0) + (comment && comment !== last?.comment ? 1 : 0);
        }
        set.progress = progress; set.lastReportAt = now;
        if (input.milestoneIds?.length) {
          await trx.updateTable('taskMilestones').set({ doneAt: now }).where('taskId', '=', id).where('id', 'in', input.milestoneIds).where('doneAt', 'is', null).execute();
          data = { ...(data ?? {}), milestonesDone: input.milestoneIds };
        }
        break;
      }
      case 'request_extension':
        if (!input.extendTo) throw new Invalid({ field: 'extendTo', code: 'invalid.required' });
        if (input.extendTo <= t.deadline) throw new Invalid({ field: 'extendTo', code: 'invalid.value' });
        if (day > t.deadline) throw new Invalid({ field: 'extendTo', code: 'task.extensionAfterDeadline' });
        set.pendingExtensionTo = input.extendTo; data = { from: t.deadline, to: input.extendTo };
        break;
      case 'approve_extension': set.deadline = t.pendingExtensionTo; set.pendingExtensionTo = null; data = { from: t.deadline, to: t.pendingExtensionTo }; break;
      case 'deny_extension': set.pendingExtensionTo = null; data = { requested: t.pendingExtensionTo }; break;
      case 'request_completion': if (input.progress !== undefined) set.progress = input.progress; break;
      case 'complete': set.completedAt = now; set.progress = 100; set.quality = input.quality ?? null; data = input.quality ? { quality: input.quality } : null; break;
      case 'send_back': set.completedAt = null; break;
      case 'sign_off': set.signedOffAt = now; break;
      case 'close': set.closedAt = now; break;
      case 'cancel': break;
    }
    let attachments: { id: string; filename: string }[] | null = null;
    if (input.attachmentIds?.length) {
      attachments = await trx.selectFrom('attachments').select(['id', 'filename']).where('taskId', '=', id).where('id', 'in', input.attachmentIds).execute();
      if (attachments.length !== input.attachmentIds.length) throw new Invalid({ field: 'attachmentIds', code: 'invalid.value' });
    }
    if (!(await repo.updateTask(trx, id, t.version, set))) throw new Conflict('conflict.version', {}, { currentVersion: t.version + 1 });
    await trx.insertInto('taskEvents').values({
      id: newId(), taskId: id, at: now, action, actorId: actor.userId, actorName: actor.displayName, unitId: actor.unitId,
      comment: eventComment, reason: input.reason ?? null, progress, dataJson: data ? JSON.stringify(data) : null, attachmentsJson: attachments ? JSON.stringify(attachments) : null, fieldsTyped,
    }).execute();
    await refreshRag(ctx, trx, id, cal);
    await audit(ctx, trx, actor, { action: `task.${action}`, entityType: 'task', entityId: id, before: { status: t.status, deadline: t.deadline, progress: t.progress, version: t.version }, after: { ...set, comment } });
    await noticeStep(ctx, trx, actor, id, action, comment);
    return getTaskView(ctx, actor, id, trx);
  });
}
