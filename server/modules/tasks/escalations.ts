// 督办: a red task gets a numbered escalation notice (督办通知单) from the 督查室. The notice is written to the task's
// timeline as an 'escalate' event (with the colour and reasons of that day, so the document can be reproduced),
// audited and announced to the lead unit (inbox and robot group), in one transaction; its number (示督办〔2026〕3号) runs per region and year, the unique key deciding
// between simultaneous issuers.
import type { Ctx, Trx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { newId, shanghaiDate } from '../../platform/clock.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/errors.js';
import { getSettings, type Settings } from '../../platform/settings.js';
import { isUniqueViolation } from '../../db/db-errors.js';
import { buildOfficialDoc, chineseDate, type Block } from '../../platform/documents/official-doc.js';
import { message } from '../../../common/messages.js';
import { RAG_LABELS, TASK_SOURCE_LABELS, TASK_STATUS_LABELS } from '../../../common/task-labels.js';
import { loadCalendar } from '../calendar/service.js';
import { notify, pushToWebhooks, type Text } from '../notifications/service.js';
import { unitMembers } from '../users/unit-members.js';
import { UNIT_RECIPIENT_ROLES } from './reminder-rules.js';
import { refreshRag } from './rag-refresh.js';
import { isOpen, type TaskStatus } from './task-states.js';
import { sidesOf, today } from './service.js';
import * as repo from './repository.js';
import * as erepo from './escalation-repository.js';
import type { EscalationInput, EscalationView } from './escalation-schemas.js';

/** Working days a unit has to reply when the supervisor gives no date. */
export const DEFAULT_REPLY_WORKDAYS = 3;

export function escalationNumber(settings: Pick<Settings, 'documents.escalationPrefix'>, regionCode: string, year: number, seq: number): string {
  const prefixes = settings['documents.escalationPrefix'] ?? {};
  const prefix = prefixes[regionCode] ?? prefixes['*'] ?? '督办';
  return `${prefix}〔${year}〕${seq}号`;
}

/** 落款 / 发文机关标志: the settings' template with the region's name. */
export const issuerName = (settings: Pick<Settings, 'documents.issuer'>, region: string) => settings['documents.issuer'].replace(/\{region\}/g, region);

type EscalationRow = Awaited<ReturnType<typeof erepo.escalationsOfTask>>[number];
const present = (r: EscalationRow): EscalationView => ({
  id: r.id, taskId: r.taskId, number: r.number, year: r.year, seq: r.seq, requirement: r.requirement, replyBy: r.replyBy,
  issuedAt: r.issuedAt, issuedBy: r.issuerName ?? null,
});

async function escalateOnce(ctx: Ctx, trx: Trx, actor: Actor, taskId: string, input: EscalationInput): Promise<EscalationView> {
  const t = await repo.findTaskRow(trx, actor, taskId);
  if (!t) throw new NotFound('task');
  if (!sidesOf(actor, { regionCode: t.regionCode, leadUnitId: t.leadUnitId, leaderUserId: t.leaderUserId }).has('supervisor')) throw new Forbidden();
  const status = t.status as TaskStatus;
  if (!isOpen(status)) {
    throw new Conflict('escalation.notOpen', { status: TASK_STATUS_LABELS[status]?.[actor.locale] ?? status }, { taskStatus: status });
  }
  const cal = await loadCalendar(ctx, trx);
  // The stored colour may be yesterday's: recompute it from the facts before deciding.
  await refreshRag(ctx, trx, taskId, cal);
  const now = await trx.selectFrom('tasks').select(['rag', 'ragReasons', 'progress']).where('id', '=', taskId).executeTakeFirstOrThrow();
  const reasons: { code: string; params?: Record<string, string | number> }[] = JSON.parse(now.ragReasons || '[]');
  if (now.rag !== 'red') {
    throw new Conflict('escalation.notRed', { rag: RAG_LABELS[now.rag]?.[actor.locale] ?? now.rag }, {
      rag: now.rag, ragReasons: reasons.map((r) => ({ ...r, message: message(r.code, actor.locale, r.params) })),
    });
  }
  const day = today(ctx);
  const replyBy = input.replyBy ?? cal.addWorkdays(day, DEFAULT_REPLY_WORKDAYS);
  if (replyBy < day) throw new Invalid({ field: 'replyBy', code: 'escalation.replyByPast' });
  const settings = await getSettings(ctx, trx);
  const year = Number(day.slice(0, 4));
  const seq = await erepo.nextEscalationSeq(trx, t.regionCode, year);
  const number = escalationNumber(settings, t.regionCode, year, seq);
  const id = newId();
  const issuedAt = ctx.clock.now().toISOString();
  const requirement = input.requirement.trim();
  await erepo.insertEscalation(trx, { id, regionCode: t.regionCode, taskId, year, seq, number, requirement, replyBy, issuedAt, issuedBy: actor.userId });
  await trx.insertInto('taskEvents').values({
    id: newId(), taskId, at: issuedAt, action: 'escalate', actorId: actor.userId, actorName: actor.displayName, unitId: t.leadUnitId,
    comment: requirement, reason: null, progress: null, fieldsTyped: 0, attachmentsJson: null,
    dataJson: JSON.stringify({ escalationId: id, number, replyBy, status, progress: now.progress, rag: now.rag, ragReasons: reasons }),
  }).execute();
  await audit(ctx, trx, actor, { action: 'task.escalate', entityType: 'escalation', entityId: id, after: { taskId, number, requirement, replyBy } });
  // The lead unit (and the responsible leader) hear of it in the inbox; the unit's robot group gets it too.
  const params = { serial: t.serial, title: t.title, number, replyBy, requirement };
  const title: Text = { key: 'notice.escalate', params }; const body: Text = { key: 'notice.escalateBody', params };
  const to = (await unitMembers(trx, [t.leadUnitId], UNIT_RECIPIENT_ROLES)).map((m) => m.id);
  if (t.leaderUserId) to.push(t.leaderUserId);
  await notify(ctx, trx, to, { kind: 'task.escalate', title, body, taskId });
  await pushToWebhooks(ctx, trx, { regionCode: t.regionCode, unitIds: [t.leadUnitId] }, { title, lines: [body] });
  return { id, taskId, number, year, seq, requirement, replyBy, issuedAt, issuedBy: actor.displayName };
}

/** Issues a 督办通知单 for a red open task. 409 with the reason when the task is not open or not red. */
export async function escalate(ctx: Ctx, actor: Actor, taskId: string, input: EscalationInput): Promise<EscalationView> {
  authorize(actor, 'tasks.supervise');
  for (let attempt = 0; ; attempt++) {
    try {
      return await inTransaction(ctx, (trx) => escalateOnce(ctx, trx, actor, taskId, input));
    } catch (e) {
      // Another notice took the number: the whole transaction is retried (PostgreSQL aborts it on the violation).
      if (isUniqueViolation(e) && attempt < 8) continue;
      throw e;
    }
  }
}

export async function listEscalations(ctx: Ctx, actor: Actor, taskId: string): Promise<EscalationView[]> {
  authorize(actor, 'tasks.read');
  if (!(await repo.findTaskRow(ctx.db, actor, taskId))) throw new NotFound('task');
  return (await erepo.escalationsOfTask(ctx.db, taskId)).map(present);
}

/** The 督办通知单 as a GB/T 9704 .docx, addressed to the lead unit. */
export async function escalationDocx(ctx: Ctx, actor: Actor, id: string): Promise<{ filename: string; body: Buffer }> {
  authorize(actor, 'tasks.read');
  const e = await erepo.findEscalation(ctx.db, actor, id);
  if (!e) throw new NotFound('escalation');
  const t = await repo.findTaskRow(ctx.db, actor, e.taskId);
  if (!t) throw new NotFound('task');
  const [settings, region, snapshot] = await Promise.all([getSettings(ctx), erepo.regionName(ctx.db, e.regionCode), erepo.escalationEvent(ctx.db, e.taskId, e.id)]);
  const issuer = issuerName(settings, region);
  const issuedOn = shanghaiDate(new Date(e.issuedAt));
  const status = (snapshot?.status ?? t.status) as string;
  const reasons = (snapshot?.ragReasons ?? JSON.parse(t.ragReasons || '[]')).map((r: { code: string; params?: Record<string, unknown> }) => message(r.code, 'zh-CN', r.params));
  const source = [TASK_SOURCE_LABELS[t.source]?.['zh-CN'] ?? t.source, t.sourceRef, t.sourceTitle].filter(Boolean).join('　');
  const form: Block = {
    kind: 'table', headerRow: false, labelColumn: true,
    columns: [{ header: '项目', width: 1 }, { header: '内容', width: 3.6 }],
    rows: [
      ['督办事项', `${t.title}（编号${t.serial}）`],
      ['事项来源', source],
      ['交办时间', chineseDate(shanghaiDate(new Date(t.assignedAt)))],
      ['截止时限', chineseDate(t.deadline) + (t.deadline !== t.originalDeadline ? `（原定${chineseDate(t.originalDeadline)}）` : '')],
      ['当前状态', `${TASK_STATUS_LABELS[status]?.['zh-CN'] ?? status}，进度${snapshot?.progress ?? t.progress}%`],
      ['红灯原因', reasons.map((r: string, i: number) => (reasons.length > 1 ? `${i + 1}.${r}` : r)).join('\n')],
      ['督办要求', e.requirement],
      ['回复期限', chineseDate(e.replyBy)],
    ],
  };
  const body = await buildOfficialDoc({
    organ: issuer,
    number: e.number,
    title: '督办通知单',
    addressee: t.leadUnitName,
    body: [
      { kind: 'p', text: `你单位牵头承办的“${t.title}”事项，截至${chineseDate(issuedOn)}未按要求推进，已亮红灯。根据督查督办工作有关规定，现予督办。具体如下：` },
      form,
      { kind: 'p', text: `请于${chineseDate(e.replyBy)}前将办理情况、存在问题及整改措施书面报送${issuer}。逾期未回复或督办后仍无实质进展的，将予以通报。` },
    ],
    signature: { organ: issuer, date: issuedOn },
  });
  return { filename: `督办通知单-${e.number}.docx`, body };
}
