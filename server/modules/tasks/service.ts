// 督查督办: creating, reading and listing tasks. The loop's steps are in actions.ts; colour in rag-refresh.ts.
import { sql } from 'kysely';
import type { Ctx, Trx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize, can } from '../../platform/access/policies.js';
import { newId, shanghaiDate } from '../../platform/clock.js';
import { Invalid, NotFound, type FieldError } from '../../platform/errors.js';
import { getSettings } from '../../platform/settings.js';
import { nextNumber } from '../../db/counters.js';
import { message } from '../../../common/messages.js';
import { loadCalendar } from '../calendar/service.js';
import { unitBelongsTo } from '../units/service.js';
import { expectedProgress } from './task-rag.js';
import { allowedActions, type ActorSide } from './task-states.js';
import { refreshRag } from './rag-refresh.js';
import { presentTask } from './present.js';
import { noticeStep } from './task-notices.js';
import * as repo from './repository.js';
import type { TaskCreateInput, TaskListFilter, TaskView } from './schemas.js';
import { isRegionLeader } from '../leaders/repository.js';

export const today = (ctx: Ctx) => shanghaiDate(ctx.clock.now());

const FREQ_DAYS = { weekly: 7, fortnightly: 14, monthly: 30, day_of_month: 30, once: 1e9 } as const;

/** Who the actor is to this task: the lead unit's people, the 督查室, the responsible leader. */
export function sidesOf(actor: Actor, t: { regionCode: string; leadUnitId: string; leaderUserId: string | null }): Set<ActorSide> {
  const s = new Set<ActorSide>();
  if (actor.unitId === t.leadUnitId && (actor.roles.has('unit_admin') || actor.roles.has('unit_staff'))) s.add('lead_unit');
  if (actor.roles.has('supervisor') && actor.regionCode === t.regionCode) s.add('supervisor');
  if (actor.roles.has('leader') && t.leaderUserId === actor.userId) s.add('leader');
  return s;
}

/** Checks a new task's fields; returns the problems (all of them), for the API and for imports alike. */
export async function checkTaskInput(ctx: Ctx, trx: Trx, regionCode: string, input: TaskCreateInput, start: string): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const settings = await getSettings(ctx, trx);
  if (input.deadline < start) errors.push({ field: 'deadline', code: 'task.deadlineBeforeStart' });
  if (!(await unitBelongsTo(trx, regionCode, input.leadUnitId))) errors.push({ field: 'leadUnitId', code: 'invalid.value' });
  for (const [i, u] of (input.coUnitIds ?? []).entries()) {
    if (u === input.leadUnitId || !(await unitBelongsTo(trx, regionCode, u))) errors.push({ field: `coUnitIds/${i}`, code: 'invalid.value' });
  }
  if (input.leaderUserId) {
    if (!(await isRegionLeader(trx, input.leaderUserId, regionCode))) errors.push({ field: 'leaderUserId', code: 'invalid.value' });
  }
  const cadence = input.cadence ?? 'once';
  const cap = settings['tasks.maxReportFrequency'];
  if (FREQ_DAYS[cadence] < FREQ_DAYS[cap] && !(input.level === 'urgent' && input.cadenceReason?.trim())) {
    errors.push({ field: 'cadence', code: 'task.cadenceTooFrequent', params: { limit: { weekly: '周', fortnightly: '两周', monthly: '月' }[cap] } });
  }
  if (cadence === 'day_of_month' && !input.cadenceDay) errors.push({ field: 'cadenceDay', code: 'invalid.required' });
  for (const [i, m] of (input.milestones ?? []).entries()) {
    if (m.dueDate < start || m.dueDate > input.deadline) errors.push({ field: `milestones/${i}/dueDate`, code: 'invalid.value' });
  }
  return errors;
}

const normTitle = (s: string) => s.replace(/[\s\p{P}]/gu, '');
function bigrams(s: string): Set<string> { const b = new Set<string>(); for (let i = 0; i < s.length - 1; i++) b.add(s.slice(i, i + 2)); return b; }
/** Asking a unit the same thing under two tasks is flagged (减负): open tasks of the lead unit with a similar title. */
export async function similarTasks(trx: Trx, regionCode: string, leadUnitId: string, title: string) {
  const a = bigrams(normTitle(title));
  if (a.size < 2) return [];
  return (await repo.similarOpen(trx, regionCode, leadUnitId)).filter((t) => {
    const b = bigrams(normTitle(t.title));
    let inter = 0; for (const x of a) if (b.has(x)) inter++;
    return inter / Math.min(a.size, b.size) >= 0.6;
  });
}

/**
 * Opens a task (交办). Used by the API and by other modules (project problems, demands) through this service:
 * `origin` is their typed reference; `by` is who assigns.
 */
export async function openTask(ctx: Ctx, trx: Trx, by: Actor, input: TaskCreateInput, origin?: { type: string; id: string }): Promise<string> {
  const start = input.startDate ?? today(ctx);
  const errors = await checkTaskInput(ctx, trx, by.regionCode, input, start);
  if (errors.length) throw new Invalid(errors);
  const cal = await loadCalendar(ctx, trx);
  const settings = await getSettings(ctx, trx);
  const now = ctx.clock.now().toISOString();
  const id = newId();
  const year = start.slice(0, 4);
  const serial = `${year}-${String(await nextNumber(trx, `task-serial:${by.regionCode}:${year}`)).padStart(4, '0')}`;
  await trx.insertInto('tasks').values({
    id, regionCode: by.regionCode, serial, source: input.source, sourceRef: input.sourceRef?.trim() || null, sourceTitle: input.sourceTitle?.trim() || null,
    sourceDate: input.sourceDate ?? null, title: input.title.trim(), content: input.content?.trim() || null, leaderUserId: input.leaderUserId ?? null,
    leadUnitId: input.leadUnitId, level: input.level ?? 'normal', cadence: input.cadence ?? 'once', cadenceDay: input.cadenceDay ?? null,
    cadenceReason: input.cadenceReason?.trim() || null, startDate: start, deadline: input.deadline, originalDeadline: input.deadline,
    acceptDue: cal.addWorkdays(today(ctx), settings['tasks.acceptDays']), status: 'assigned', progress: 0,
    needsLeaderSignoff: (input.needsLeaderSignoff ?? input.source === 'meeting') ? 1 : 0, originType: origin?.type ?? null, originId: origin?.id ?? null,
    assignedAt: now, ragOn: today(ctx), searchText: `${serial} ${input.title} ${input.content ?? ''} ${input.sourceRef ?? ''} ${input.sourceTitle ?? ''}`.toLowerCase(),
    createdBy: by.userId, createdAt: now, updatedAt: now,
  }).execute();
  if (input.coUnitIds?.length) await trx.insertInto('taskCoUnits').values(input.coUnitIds.map((unitId) => ({ taskId: id, unitId }))).execute();
  if (input.milestones?.length) {
    await trx.insertInto('taskMilestones').values(input.milestones.map((m) => ({ id: newId(), taskId: id, title: m.title.trim(), dueDate: m.dueDate, expectedProgress: m.expectedProgress ?? null, doneAt: null }))).execute();
  }
  await trx.insertInto('taskEvents').values({ id: newId(), taskId: id, at: now, action: 'assign', actorId: by.userId, actorName: by.displayName, unitId: by.unitId, comment: null, reason: null, progress: null, dataJson: JSON.stringify({ deadline: input.deadline, coUnitIds: input.coUnitIds ?? [] }), attachmentsJson: null, fieldsTyped: 0 }).execute();
  await refreshRag(ctx, trx, id, cal);
  await audit(ctx, trx, by, { action: 'task.assign', entityType: 'task', entityId: id, after: { ...input, origin } });
  await noticeStep(ctx, trx, by, id, 'assign');
  return id;
}

export async function createTask(ctx: Ctx, actor: Actor, input: TaskCreateInput) {
  authorize(actor, 'tasks.assign');
  return inTransaction(ctx, async (trx) => {
    const similar = await similarTasks(trx, actor.regionCode, input.leadUnitId, input.title);
    const id = await openTask(ctx, trx, actor, input);
    const task = await getTaskView(ctx, actor, id, trx);
    return { task, warnings: similar.map((s) => ({ code: 'task.similarOpen', message: message('task.similarOpen', actor.locale, { serial: s.serial }), taskId: s.id, serial: s.serial, title: s.title })) };
  });
}

export async function getTaskView(ctx: Ctx, actor: Actor, id: string, trx: Trx = ctx.db): Promise<TaskView> {
  const row = await repo.findTaskRow(trx, actor, id);
  if (!row) throw new NotFound('task');
  const cal = await loadCalendar(ctx, trx);
  return presentTask(row, (await repo.coUnitsOf(trx, [id])).get(id) ?? [], cal, today(ctx), actor.locale);
}

export async function listTasks(ctx: Ctx, actor: Actor, f: TaskListFilter) {
  authorize(actor, 'tasks.read');
  const t = today(ctx);
  const [{ items, total, counts }, cal] = await Promise.all([repo.listTasks(ctx.db, actor, f, t), loadCalendar(ctx)]);
  const co = await repo.coUnitsOf(ctx.db, items.map((i) => i.id));
  return { items: items.map((r) => presentTask(r, co.get(r.id) ?? [], cal, t, actor.locale)), total, counts, page: f.page ?? 1, pageSize: f.pageSize ?? 50 };
}

export async function taskDetail(ctx: Ctx, actor: Actor, id: string) {
  authorize(actor, 'tasks.read');
  const task = await getTaskView(ctx, actor, id);
  const [milestones, events, reports, cal] = await Promise.all([repo.milestonesOf(ctx.db, id), repo.eventsOf(ctx.db, id), repo.reportsOf(ctx.db, id), loadCalendar(ctx)]);
  const sides = sidesOf(actor, { regionCode: task.regionCode, leadUnitId: task.leadUnit.id, leaderUserId: task.leader?.id ?? null });
  const facts = { status: task.status, pendingExtension: !!task.pendingExtensionTo, needsLeaderSignoff: task.needsLeaderSignoff, signedOff: !!task.signedOffAt };
  // Trajectory: expected progress at each report date and today, against what was reported.
  const points = new Map<string, number | null>();
  points.set(task.startDate, 0);
  for (const r of reports) points.set(shanghaiDate(new Date(r.at)), r.progress);
  const end = task.status === 'completed' || task.status === 'closed' ? shanghaiDate(new Date(task.completedAt ?? task.deadline)) : today(ctx);
  if (!points.has(end)) points.set(end, null);
  if (!points.has(task.deadline)) points.set(task.deadline, null);
  const trajectory = [...points.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, reported]) => ({ date, expected: expectedProgress(cal, task.startDate, task.deadline, milestones, date), reported }));
  const last = reports.at(-1);
  return {
    task, milestones, allowedActions: can(actor, 'tasks.read') ? allowedActions(facts, sides) : [],
    events: events.map((e) => ({ id: e.id, at: e.at, action: e.action, actorName: e.actorName, unitName: e.unitName ?? null, comment: e.comment, reason: e.reason, progress: e.progress, data: e.dataJson ? JSON.parse(e.dataJson) : null, attachments: e.attachmentsJson ? JSON.parse(e.attachmentsJson) : [] })),
    trajectory, lastReport: last ? { at: last.at, progress: last.progress, comment: last.comment } : null,
  };
}

/** 我的待办: the unit's tasks to accept, to report on, and overdue. */
export async function inbox(ctx: Ctx, actor: Actor, tab: 'accept' | 'report' | 'overdue' | 'all', page = 1, pageSize = 50) {
  authorize(actor, 'tasks.read');
  const t = today(ctx);
  const unitId = actor.unitId;
  if (!unitId) return { items: [], total: 0, counts: { accept: 0, report: 0, overdue: 0 }, page, pageSize };
  const mine = (q: any) => q.where('tasks.leadUnitId', '=', unitId);
  const defs = {
    accept: (q: any) => mine(q).where('tasks.status', '=', 'assigned'),
    // Every task under way: those with a report due come with it, a one-off task waits for its completion request.
    report: (q: any) => mine(q).where('tasks.status', '=', 'in_progress'),
    overdue: (q: any) => mine(q).where('tasks.status', 'in', ['assigned', 'in_progress']).where('tasks.deadline', '<', t),
    all: (q: any) => mine(q).where('tasks.status', 'in', ['assigned', 'returned', 'in_progress', 'completion_requested']),
  };
  const baseQ = () => repo.filtered(ctx.db, actor, {}, t);
  // Every tab's count in one statement over the unit's open tasks (each tab's set is a part of 'all').
  const countAll = async () => {
    const c = await defs.all(repo.filteredCore(ctx.db, actor, {}, t)).select([
      sql<number>`sum(case when tasks.status = 'assigned' then 1 else 0 end)`.as('accept'),
      sql<number>`sum(case when tasks.status = 'in_progress' then 1 else 0 end)`.as('report'),
      sql<number>`sum(case when tasks.status in ('assigned', 'in_progress') and tasks.deadline < ${t} then 1 else 0 end)`.as('overdue'),
      sql<number>`count(*)`.as('all'),
    ]).executeTakeFirst();
    return { accept: Number(c?.accept ?? 0), report: Number(c?.report ?? 0), overdue: Number(c?.overdue ?? 0), all: Number(c?.all ?? 0) };
  };
  const [rows, counts, cal] = await Promise.all([
    defs[tab](baseQ()).select(repo.TASK_COLUMNS).orderBy('tasks.deadline').orderBy('tasks.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    countAll(),
    loadCalendar(ctx),
  ]);
  const co = await repo.coUnitsOf(ctx.db, rows.map((r: any) => r.id));
  return {
    items: rows.map((r: any) => presentTask(r, co.get(r.id) ?? [], cal, t, actor.locale)),
    total: counts[tab], counts: { accept: counts.accept, report: counts.report, overdue: counts.overdue }, page, pageSize,
  };
}
