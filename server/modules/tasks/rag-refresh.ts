// Recomputes a task's colour from its facts (task-rag.ts) and stores it for filtering and counting.
import type { Ctx, Trx } from '../../context.js';
import { shanghaiDate } from '../../platform/clock.js';
import type { WorkCalendar } from '../../platform/calendar/working-days.js';
import { getSettings } from '../../platform/settings.js';
import { computeRag, type Cadence, type RagReason } from './task-rag.js';
import type { TaskStatus } from './task-states.js';

export async function refreshRag(ctx: Ctx, trx: Trx, taskId: string, cal: WorkCalendar): Promise<void> {
  const t = await trx.selectFrom('tasks').select(['status', 'startDate', 'deadline', 'progress', 'cadence', 'cadenceDay', 'acceptedAt', 'completedAt', 'acceptDue'])
    .where('id', '=', taskId).executeTakeFirstOrThrow();
  const [reports, milestones, s] = await Promise.all([
    trx.selectFrom('taskEvents').select('at').where('taskId', '=', taskId).where('action', '=', 'report').execute(),
    trx.selectFrom('taskMilestones').select(['dueDate', 'expectedProgress', 'doneAt']).where('taskId', '=', taskId).execute(),
    getSettings(ctx, trx),
  ]);
  const today = shanghaiDate(ctx.clock.now());
  const r = computeRag(cal, {
    status: t.status as TaskStatus, startDate: t.startDate, deadline: t.deadline, progress: t.progress, cadence: t.cadence as Cadence,
    cadenceDay: t.cadenceDay, acceptedOn: t.acceptedAt ? shanghaiDate(new Date(t.acceptedAt)) : null,
    reportDates: reports.map((x) => shanghaiDate(new Date(x.at))), milestones: milestones.map((m) => ({ ...m, doneAt: m.doneAt ? m.doneAt.slice(0, 10) : null })),
    completedOn: t.completedAt ? shanghaiDate(new Date(t.completedAt)) : null, today,
  }, { nearDeadlineDays: s['tasks.nearDeadlineDays'], trailPoints: s['tasks.trailPoints'], missedReportsRed: s['tasks.missedReportsRed'], reportGraceDays: 0 });
  let rag = r.rag; const reasons: RagReason[] = r.reasons;
  if ((t.status === 'assigned' || t.status === 'returned') && today > t.acceptDue) {
    if (rag === 'green') rag = 'yellow';
    reasons.unshift({ code: 'rag.acceptOverdue', params: { days: cal.workdaysBetween(t.acceptDue, today) } });
    if (reasons.at(-1)?.code === 'rag.onTrack') reasons.pop();
  }
  await trx.updateTable('tasks').set({
    rag, ragReasons: JSON.stringify(reasons), ragOn: today, expectedProgress: r.expectedProgress, missedReports: r.missedReports, nextReportDue: r.nextReportDue,
  }).where('id', '=', taskId).execute();
}

/** The daily pass (and after calendar or settings changes): recompute every open task not yet computed today. */
export async function refreshStale(ctx: Ctx, cal: WorkCalendar, limit = 5000): Promise<number> {
  const today = shanghaiDate(ctx.clock.now());
  const stale = await ctx.db.selectFrom('tasks').select('id').where('ragOn', '<', today)
    .where('status', 'in', ['assigned', 'returned', 'in_progress', 'completion_requested']).limit(limit).execute();
  for (const { id } of stale) await ctx.db.transaction().execute((trx) => refreshRag(ctx, trx, id, cal));
  return stale.length;
}
