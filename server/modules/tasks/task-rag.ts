// RAG (红黄绿灯), computed from the stored facts, never typed in. Pure; thresholds are settings.
import { addDays, type IsoDate, type WorkCalendar } from '../../platform/calendar/working-days.js';
import type { TaskStatus } from './task-states.js';

export type Rag = 'green' | 'yellow' | 'red';
export type Cadence = 'once' | 'weekly' | 'fortnightly' | 'monthly' | 'day_of_month';

export interface RagSettings {
  /** Yellow when the deadline is this many working days away or fewer. */
  nearDeadlineDays: number;
  /** Yellow when progress trails the trajectory by more than this many points. */
  trailPoints: number;
  /** Red when this many reports in a row were missed. */
  missedReportsRed: number;
  /** Working days of grace after a report's due date before it counts as missed. */
  reportGraceDays: number;
}
export const DEFAULT_RAG_SETTINGS: RagSettings = { nearDeadlineDays: 3, trailPoints: 20, missedReportsRed: 2, reportGraceDays: 0 };

export interface Milestone { dueDate: IsoDate; expectedProgress: number | null; doneAt: IsoDate | null }

export interface RagInput {
  status: TaskStatus;
  startDate: IsoDate;
  deadline: IsoDate;
  progress: number; // 0–100, the last reported
  cadence: Cadence;
  cadenceDay: number | null;
  acceptedOn: IsoDate | null;
  reportDates: IsoDate[]; // dates of progress reports, any order
  milestones: Milestone[];
  completedOn: IsoDate | null;
  today: IsoDate;
}

export interface RagReason { code: string; params?: Record<string, number | string> }
export interface RagResult { rag: Rag; reasons: RagReason[]; expectedProgress: number; missedReports: number; nextReportDue: IsoDate | null }

/** Report due dates from the first period after acceptance up to `until` (inclusive), moved to working days. */
export function reportDueDates(cal: WorkCalendar, cadence: Cadence, cadenceDay: number | null, from: IsoDate, until: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  if (cadence === 'once' || from > until) return out;
  if (cadence === 'weekly' || cadence === 'fortnightly') {
    const step = cadence === 'weekly' ? 7 : 14;
    // Due on the Friday of each period (or the working day before it), the first period ending ≥ 3 days after `from`.
    let d = from;
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    d = addDays(d, (5 - dow + 7) % 7);
    if (d < addDays(from, 3)) d = addDays(d, 7);
    for (; d <= until || out.length === 0; d = addDays(d, step)) {
      let due = d;
      while (!cal.isWorkday(due) && due > from) due = addDays(due, -1);
      if (due > until) break;
      out.push(due);
    }
    return out;
  }
  // monthly: the last working day of each month; day_of_month: that day (or the next working day).
  let y = Number(from.slice(0, 4)); let m = Number(from.slice(5, 7));
  for (let i = 0; i < 240; i++) {
    let due: IsoDate;
    const mm = String(m).padStart(2, '0');
    if (cadence === 'day_of_month') {
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      due = cal.addWorkdays(`${y}-${mm}-${String(Math.min(cadenceDay ?? 25, last)).padStart(2, '0')}`, 0);
    } else {
      due = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
      while (!cal.isWorkday(due)) due = addDays(due, -1);
    }
    if (due > until) break;
    if (due >= addDays(from, 3)) out.push(due);
    m++; if (m > 12) { m = 1; y++; }
  }
  return out;
}

/** Expected progress on `day`: straight from start (0) to deadline (100) by working days, or through milestones. */
export function expectedProgress(cal: WorkCalendar, start: IsoDate, deadline: IsoDate, milestones: Milestone[], day: IsoDate): number {
  const points: [IsoDate, number][] = [[start, 0]];
  for (const m of [...milestones].filter((m) => m.expectedProgress !== null).sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1))) {
    if (m.dueDate > start && m.dueDate < deadline) points.push([m.dueDate, m.expectedProgress!]);
  }
  points.push([deadline, 100]);
  if (day <= start) return 0;
  if (day >= deadline) return 100;
  for (let i = 1; i < points.length; i++) {
    const [d0, p0] = points[i - 1]; const [d1, p1] = points[i];
    if (day <= d1) {
      const span = cal.workdaysBetween(d0, d1);
      const done = cal.workdaysBetween(d0, day);
      return span <= 0 ? p1 : Math.round(p0 + ((p1 - p0) * done) / span);
    }
  }
  return 100;
}

export function computeRag(cal: WorkCalendar, t: RagInput, s: RagSettings = DEFAULT_RAG_SETTINGS): RagResult {
  const reasons: RagReason[] = [];
  const exp = expectedProgress(cal, t.startDate, t.deadline, t.milestones, t.today);
  if (t.status === 'completed' || t.status === 'closed' || t.status === 'cancelled') {
    const late = t.completedOn && t.completedOn > t.deadline ? cal.workdaysBetween(t.deadline, t.completedOn) : 0;
    return { rag: 'green', reasons: [{ code: late > 0 ? 'rag.doneLate' : 'rag.done', params: { days: late } }], expectedProgress: 100, missedReports: 0, nextReportDue: null };
  }
  // Reports: each due date (after grace) with no report since the previous due date counts as missed.
  let missedInRow = 0; let missedTotal = 0; let nextDue: IsoDate | null = null;
  if (t.acceptedOn && t.status === 'in_progress') {
    const dues = reportDueDates(cal, t.cadence, t.cadenceDay, t.acceptedOn, t.deadline);
    const reports = [...t.reportDates].sort();
    let prev = t.acceptedOn;
    for (const due of dues) {
      const graceEnd = s.reportGraceDays ? cal.addWorkdays(due, s.reportGraceDays) : due;
      if (graceEnd >= t.today) { nextDue = due; break; }
      const reported = reports.some((r) => r > prev && r <= graceEnd);
      if (reported) missedInRow = 0; else { missedInRow++; missedTotal++; }
      prev = due;
    }
  }
  let rag: Rag = 'green';
  const bump = (to: Rag) => { if (to === 'red' || (to === 'yellow' && rag === 'green')) rag = to; };

  const toDeadline = cal.workdaysBetween(t.today, t.deadline);
  if (t.today > t.deadline) {
    bump('red');
    reasons.push({ code: 'rag.overdue', params: { days: Math.max(1, -toDeadline) } });
  } else if (toDeadline <= s.nearDeadlineDays && t.status !== 'completion_requested') {
    bump('yellow');
    reasons.push({ code: 'rag.nearDeadline', params: { days: toDeadline } });
  }
  if (missedInRow >= s.missedReportsRed) { bump('red'); reasons.push({ code: 'rag.missedReports', params: { count: missedInRow } }); }
  else if (missedInRow > 0) { bump('yellow'); reasons.push({ code: 'rag.reportOverdue', params: { count: missedInRow } }); }
  if (t.status === 'in_progress' && exp - t.progress > s.trailPoints) {
    bump('yellow');
    reasons.push({ code: 'rag.behind', params: { progress: t.progress, expected: exp } });
  }
  if (t.status === 'assigned' || t.status === 'returned') {
    // Not yet accepted: flagged by the acceptance limit in the service (it knows the assignment date).
  }
  for (const m of t.milestones) {
    if (!m.doneAt && m.dueDate < t.today) { bump('yellow'); reasons.push({ code: 'rag.milestoneOverdue', params: { date: m.dueDate } }); break; }
  }
  if (!reasons.length) reasons.push({ code: 'rag.onTrack', params: { progress: t.progress, expected: exp } });
  return { rag, reasons, expectedProgress: exp, missedReports: missedTotal, nextReportDue: nextDue };
}
