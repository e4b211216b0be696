// 通报 rules. Pure: a task's facts and timeline in, its state and colour on any past day out, and the period's
// counts, red list and ranking. The colour is not stored day by day, so a bulletin replays each task's timeline to
// the last day of the period (and to the day before it, for "red in the previous bulletin too"): the October
// bulletin reads the same whenever it is generated.
import { addDays, daysBetween, type IsoDate, type WorkCalendar } from '../../platform/calendar/working-days.js';
import { computeRag, type Cadence, type Milestone, type Rag, type RagReason, type RagSettings } from './task-rag.js';
import { isOpen, TRANSITIONS, type TaskAction, type TaskStatus } from './task-states.js';

export interface TimelineEvent { day: IsoDate; action: string; progress: number | null; data: Record<string, any> | null }

export interface TaskFacts {
  id: string;
  startDate: IsoDate;
  originalDeadline: IsoDate;
  cadence: Cadence;
  cadenceDay: number | null;
  /** The timeline in order, each event with its date in Asia/Shanghai. */
  events: TimelineEvent[];
  milestones: { dueDate: IsoDate; expectedProgress: number | null; doneOn: IsoDate | null }[];
}

export interface StateOn {
  status: TaskStatus; deadline: IsoDate; progress: number; acceptedOn: IsoDate | null; assignedOn: IsoDate; firstAssignedOn: IsoDate;
  completedOn: IsoDate | null; reportDates: IsoDate[];
}

/** The task as it stood at the end of `day`, replayed from its timeline; null if it had not been assigned yet. */
export function stateOn(t: TaskFacts, day: IsoDate): StateOn | null {
  let s: StateOn | null = null;
  for (const e of t.events) {
    if (e.day > day) break;
    if (e.action === 'assign') {
      s = { status: 'assigned', deadline: t.originalDeadline, progress: 0, acceptedOn: null, assignedOn: e.day, firstAssignedOn: e.day, completedOn: null, reportDates: [] };
      continue;
    }
    if (!s) continue;
    const to = TRANSITIONS[e.action as TaskAction]?.to;
    if (to) s.status = to;
    switch (e.action) {
      case 'accept': s.acceptedOn = e.day; break;
      case 'reassign': s.acceptedOn = null; s.assignedOn = e.day; break;
      case 'report': s.reportDates.push(e.day); if (e.progress !== null) s.progress = e.progress; break;
      case 'approve_extension': if (typeof e.data?.to === 'string') s.deadline = e.data.to; break;
      case 'complete': s.completedOn = e.day; s.progress = 100; break;
      case 'send_back': s.completedOn = null; break;
    }
  }
  return s;
}

export interface ColourOn { state: StateOn; rag: Rag; reasons: RagReason[] }

/** The colour at the end of `day`, by the same rules as the live colour (task-rag.ts and the acceptance limit). */
export function colourOn(cal: WorkCalendar, t: TaskFacts, day: IsoDate, s: RagSettings, acceptDays: number): ColourOn | null {
  const state = stateOn(t, day);
  if (!state) return null;
  const milestones: Milestone[] = t.milestones.map((m) => ({ dueDate: m.dueDate, expectedProgress: m.expectedProgress, doneAt: m.doneOn && m.doneOn <= day ? m.doneOn : null }));
  const r = computeRag(cal, {
    status: state.status, startDate: t.startDate, deadline: state.deadline, progress: state.progress, cadence: t.cadence, cadenceDay: t.cadenceDay,
    acceptedOn: state.acceptedOn, reportDates: state.reportDates, milestones, completedOn: state.completedOn, today: day,
  }, s);
  let rag = r.rag; const reasons = [...r.reasons];
  const acceptDue = cal.addWorkdays(state.assignedOn, acceptDays);
  if ((state.status === 'assigned' || state.status === 'returned') && day > acceptDue) {
    if (rag === 'green') rag = 'yellow';
    reasons.unshift({ code: 'rag.acceptOverdue', params: { days: cal.workdaysBetween(acceptDue, day) } });
    if (reasons.at(-1)?.code === 'rag.onTrack') reasons.pop();
  }
  return { state, rag, reasons };
}

/** `asOf`: the day states and colours are taken (the period's last day, or today while it runs); `cutoff`: the last day
 *  that is over (work due by then and not done is late); `previous`: the day before the period (the previous bulletin). */
export interface Period { from: IsoDate; to: IsoDate; asOf: IsoDate; cutoff: IsoDate; previous: IsoDate }

export function bulletinPeriod(from: IsoDate, to: IsoDate, today: IsoDate): Period {
  const past = to < today;
  return { from, to, asOf: past ? to : today, cutoff: past ? to : addDays(today, -1), previous: addDays(from, -1) };
}

/** Problems with a period: order, length (at most a year), not in the future. Field errors for the API. */
export function periodErrors(from: IsoDate, to: IsoDate, today: IsoDate): { field: string; code: string; params?: Record<string, unknown> }[] {
  if (from > to) return [{ field: 'to', code: 'bulletin.periodOrder' }];
  if (daysBetween(from, to) > 366) return [{ field: 'to', code: 'bulletin.periodTooLong', params: { days: 366 } }];
  if (from > today) return [{ field: 'from', code: 'bulletin.periodFuture' }];
  return [];
}

const lastOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
const ymd = (d: IsoDate) => d.split('-').map(Number);

/** 2026年11月, 2026年第四季度, 2026年上半年, 2026年, or 2026年11月1日至11月15日. */
export function periodName(from: IsoDate, to: IsoDate): string {
  const [y1, m1, d1] = ymd(from); const [y2, m2, d2] = ymd(to);
  if (y1 === y2 && d1 === 1 && to === lastOfMonth(y2, m2)) {
    if (m1 === m2) return `${y1}年${m1}月`;
    if (m1 === 1 && m2 === 12) return `${y1}年`;
    if (m1 === 1 && m2 === 6) return `${y1}年上半年`;
    if (m1 === 7 && m2 === 12) return `${y1}年下半年`;
    if ((m1 - 1) % 3 === 0 && m2 === m1 + 2) return `${y1}年第${'一二三四'[(m1 - 1) / 3]}季度`;
    return `${y1}年${m1}月至${m2}月`;
  }
  return y1 === y2 ? `${y1}年${m1}月${d1}日至${m2}月${d2}日` : `${y1}年${m1}月${d1}日至${y2}年${m2}月${d2}日`;
}

export interface BulletinTask<U> extends TaskFacts { unit: U }

export interface Assessed<U> {
  task: BulletinTask<U>;
  now: ColourOn;
  before: ColourOn | null;
  assignedInPeriod: boolean;
  completedInPeriod: boolean;
}

/** The tasks that were open at some time in the period, with their state and colour at its end and the day before it. */
export function assess<U>(cal: WorkCalendar, tasks: BulletinTask<U>[], p: Period, s: RagSettings, acceptDays: number): Assessed<U>[] {
  const out: Assessed<U>[] = [];
  for (const t of tasks) {
    const now = colourOn(cal, t, p.asOf, s, acceptDays);
    if (!now) continue;
    const before = colourOn(cal, t, p.previous, s, acceptDays);
    if (before && !isOpen(before.state.status)) continue; // finished before the period began
    out.push({
      task: t, now, before,
      assignedInPeriod: now.state.firstAssignedOn >= p.from,
      completedInPeriod: !!now.state.completedOn && now.state.completedOn >= p.from,
    });
  }
  return out;
}

export interface UnitCounts { tasks: number; due: number; completed: number; completedOnTime: number; onTimeRate: number | null; red: number }

/**
 * Per lead unit: tasks open in the period, those due (completed, or past the deadline by the cutoff), completed, completed
 * by the deadline, the on-time rate (completed on time ÷ due; null when nothing was due) and red tasks at the end.
 * The bulletin's ranking itself is the assessment's (assessment.ts); these are the figures printed beside it.
 */
export function unitCounts<U>(rows: Assessed<U>[], p: Period, keyOf: (u: U) => string): Map<string, UnitCounts> {
  const by = new Map<string, UnitCounts>();
  for (const r of rows) {
    const k = keyOf(r.task.unit);
    let u = by.get(k);
    if (!u) { u = { tasks: 0, due: 0, completed: 0, completedOnTime: 0, onTimeRate: null, red: 0 }; by.set(k, u); }
    const st = r.now.state;
    u.tasks++;
    const done = st.completedOn !== null && (st.status === 'completed' || st.status === 'closed');
    if (done) { u.completed++; if (st.completedOn! <= st.deadline) u.completedOnTime++; }
    if (done || (st.status !== 'cancelled' && st.deadline <= p.cutoff)) u.due++;
    if (r.now.rag === 'red') u.red++;
  }
  for (const u of by.values()) u.onTimeRate = u.due ? Math.round((u.completedOnTime / u.due) * 10000) / 10000 : null;
  return by;
}
