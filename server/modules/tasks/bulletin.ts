// 通报: for a period, the counts by status and colour, the red list (with the tasks red in two consecutive bulletins
// or escalated), and the units' ranking (the assessment's, 督查考核). States and colours are those at the end of the
// period, replayed from the timeline (bulletin-rules.ts), so a past period's bulletin does not change with time.
// The same figures come out as JSON (preview), as a GB/T 9704 .docx and as an .xlsx (bulletin-documents.ts).
import type { Ctx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { shanghaiDate } from '../../platform/clock.js';
import { addDays } from '../../platform/calendar/working-days.js';
import { Invalid } from '../../platform/errors.js';
import { getSettings } from '../../platform/settings.js';
import { message } from '../../../common/messages.js';
import { loadCalendar } from '../calendar/service.js';
import { assessment } from './assessment.js';
import { assess, bulletinPeriod, periodErrors, periodName, unitCounts, type BulletinTask } from './bulletin-rules.js';
import * as brepo from './bulletin-repository.js';
import type { Cadence } from './task-rag.js';
import { TASK_STATUSES, type TaskStatus } from './task-states.js';
import { today } from './service.js';

/** The instant a Shanghai day starts, as stored (ISO-8601 UTC). */
const dayStartUtc = (d: string): string => new Date(`${d}T00:00:00+08:00`).toISOString();

interface UnitRef { id: string; name: string; sort: number }

export async function bulletinData(ctx: Ctx, actor: Actor, from: string, to: string) {
  authorize(actor, 'tasks.assess');
  const day = today(ctx);
  const errors = periodErrors(from, to, day);
  if (errors.length) throw new Invalid(errors);
  const p = bulletinPeriod(from, to, day);
  const untilIso = dayStartUtc(addDays(p.asOf, 1));
  const [cal, settings, rows] = await Promise.all([loadCalendar(ctx), getSettings(ctx), brepo.bulletinTasks(ctx.db, actor, dayStartUtc(from), untilIso)]);
  const { events, milestones } = await brepo.timelinesOf(ctx.db, rows.map((r) => r.id), untilIso);
  const tasks: (BulletinTask<UnitRef> & { serial: string; title: string })[] = rows.map((r) => ({
    id: r.id, serial: r.serial, title: r.title, unit: { id: r.leadUnitId, name: r.leadUnitName, sort: r.leadUnitSort },
    startDate: r.startDate, originalDeadline: r.originalDeadline, cadence: r.cadence as Cadence, cadenceDay: r.cadenceDay,
    events: (events.get(r.id) ?? []).map((e) => ({ day: shanghaiDate(new Date(e.at)), action: e.action, progress: e.progress, data: e.dataJson ? JSON.parse(e.dataJson) : null })),
    milestones: (milestones.get(r.id) ?? []).map((m) => ({ dueDate: m.dueDate, expectedProgress: m.expectedProgress, doneOn: m.doneAt ? shanghaiDate(new Date(m.doneAt)) : null })),
  }));
  const ragSettings = { nearDeadlineDays: settings['tasks.nearDeadlineDays'], trailPoints: settings['tasks.trailPoints'], missedReportsRed: settings['tasks.missedReportsRed'], reportGraceDays: 0 };
  const assessed = assess(cal, tasks, p, ragSettings, settings['tasks.acceptDays']);

  const byStatus = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
  const byRag = { red: 0, yellow: 0, green: 0 };
  let escalatedInPeriod = 0;
  for (const a of assessed) {
    byStatus[a.now.state.status]++;
    byRag[a.now.rag]++;
    escalatedInPeriod += a.task.events.filter((e) => e.action === 'escalate' && e.day >= from).length;
  }
  const red = assessed.filter((a) => a.now.rag === 'red').map((a) => {
    const t = a.task as (typeof tasks)[number];
    const esc = t.events.filter((e) => e.action === 'escalate');
    const redBefore = a.before?.rag === 'red';
    return {
      taskId: t.id, serial: t.serial, title: t.title, leadUnit: { id: t.unit.id, name: t.unit.name }, deadline: a.now.state.deadline,
      status: a.now.state.status, progress: a.now.state.progress,
      reasons: a.now.reasons.map((r) => ({ ...r, message: message(r.code, actor.locale, r.params) })),
      escalations: esc.length, lastEscalation: (esc.at(-1)?.data?.number as string | undefined) ?? null,
      redBefore, repeated: redBefore || esc.length > 0, unitSort: t.unit.sort,
    };
  }).sort((x, y) => x.deadline.localeCompare(y.deadline) || x.unitSort - y.unitSort || x.serial.localeCompare(y.serial))
    .map(({ unitSort: _s, ...r }) => r);

  const counts = unitCounts(assessed, p, (u) => u.id);
  const scored = await assessment(ctx, actor, from, to);
  const ranking = scored.rows.map((r) => {
    const c = counts.get(r.unit.id) ?? { tasks: 0, due: 0, completed: 0, completedOnTime: 0, onTimeRate: null, red: 0 };
    return { rank: r.rank, unit: { id: r.unit.id, name: r.unit.name }, ...c, score: r.total, explanation: r.explanation };
  });

  const name = periodName(from, to);
  return {
    from, to, asOf: p.asOf, periodName: name, title: `关于${name}重点工作督查情况的通报`,
    totals: {
      tasks: assessed.length, assignedInPeriod: assessed.filter((a) => a.assignedInPeriod).length,
      completedInPeriod: assessed.filter((a) => a.completedInPeriod).length, escalatedInPeriod,
    },
    byStatus, byRag, red, repeatedRed: red.filter((r) => r.repeated).map((r) => r.taskId), ranking,
  };
}

export type BulletinData = Awaited<ReturnType<typeof bulletinData>>;
