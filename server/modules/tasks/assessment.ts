// 督查考核: per-unit assessment for a period, from the record. The facts come from a handful of grouped statements
// (assessment-repository.ts); the rates, points, total, rank and sentence from the pure rules (assessment-rules.ts).
// Report timeliness needs each task's due dates on the working-day calendar, which SQL cannot produce on both
// databases: the tasks owing reports and their report instants are read in two statements and the dates computed here.
import type { Ctx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { businessScope } from '../../platform/access/scope.js';
import { shanghaiDate } from '../../platform/clock.js';
import type { IsoDate, WorkCalendar } from '../../platform/calendar/working-days.js';
import { writeTable } from '../../platform/excel/excel.js';
import { Invalid, NotFound } from '../../platform/errors.js';
import { getSetting } from '../../platform/settings.js';
import { loadCalendar } from '../calendar/service.js';
import { listUnits } from '../units/service.js';
import { assessmentPeriod, NO_FACTS, reportTimeliness, scoreUnits, WEIGHT_KEYS, type Period, type UnitFacts } from './assessment-rules.js';
import * as q from './assessment-repository.js';
import { reportDueDates, type Cadence } from './task-rag.js';
import { today } from './service.js';

export interface UnitRef { id: string; name: string; shortName: string | null }

/** The units whose rows the actor may see: the region's for the 督查室 and viewers, the portfolio's for a leader. */
export async function unitsInScope(ctx: Ctx, actor: Actor): Promise<UnitRef[]> {
  const scope = businessScope(actor);
  if (scope.kind === 'none') return [];
  const { items } = await listUnits(ctx, actor, { page: 1, pageSize: 100_000 });
  const mine = scope.kind === 'units' ? new Set(scope.unitIds) : null;
  return items.filter((u) => !mine || mine.has(u.id)).map((u) => ({ id: u.id, name: u.name, shortName: u.shortName }));
}

export function periodOf(ctx: Ctx, from: IsoDate, to: IsoDate): Period {
  if (to < from) throw new Invalid({ field: 'to', code: 'assessment.periodOrder' });
  return assessmentPeriod(from, to, today(ctx));
}

type ReportTask = Awaited<ReturnType<typeof q.reportTasks>>[number];

/**
 * The Shanghai day of stored instants, memoised by the UTC hour: the day turns at 16:00Z, so every instant of an hour
 * falls on the same day (tens of thousands of report instants, a few thousand distinct hours).
 */
export function shanghaiDays(): (at: string) => IsoDate {
  const memo = new Map<string, IsoDate>();
  return (at) => {
    if (at.length < 20 || at[10] !== 'T' || !at.endsWith('Z')) return shanghaiDate(new Date(at));
    const hour = at.slice(0, 13);
    let d = memo.get(hour);
    if (d === undefined) { d = shanghaiDate(new Date(at)); memo.set(hour, d); }
    return d;
  };
}

/** Each task's report due dates up to `until` (memoised: tasks accepted the same day at the same cadence share them). */
export function dueDatesOf(cal: WorkCalendar, until: IsoDate, dayOf: (at: string) => IsoDate = shanghaiDays()) {
  const memo = new Map<string, IsoDate[]>();
  return (t: Pick<ReportTask, 'acceptedAt' | 'cadence' | 'cadenceDay' | 'deadline' | 'doneAt'>): IsoDate[] => {
    const acceptedOn = dayOf(t.acceptedAt!);
    const key = `${t.cadence}|${t.cadenceDay}|${acceptedOn}`;
    let all = memo.get(key);
    if (!all) { all = reportDueDates(cal, t.cadence as Cadence, t.cadenceDay, acceptedOn, until); memo.set(key, all); }
    // No report is owed after the deadline, nor from the day the unit asked for completion.
    const doneOn = t.doneAt ? dayOf(t.doneAt) : null;
    return all.filter((d) => d <= t.deadline && (!doneOn || d < doneOn));
  };
}

/**
 * Report timeliness of every task owing reports in the period. The rows come one per report (task columns repeated),
 * ordered by nothing in particular: grouped here by task. Without `unitId` (the ranking of all units) the titles are
 * not read — nothing shows them.
 */
async function reportFacts(ctx: Ctx, actor: Actor, cal: WorkCalendar, p: Period, unitId?: string) {
  const b = q.boundsOf(p);
  const rows = await q.reportTasks(ctx.db, actor, b, { unitId, withReports: true, titles: !!unitId });
  const dayOf = shanghaiDays();
  const tasks = new Map<string, { task: ReportTask; reports: IsoDate[] }>();
  for (const r of rows) {
    let t = tasks.get(r.id);
    if (!t) tasks.set(r.id, (t = { task: r, reports: [] }));
    if (r.reportAt) t.reports.push(dayOf(r.reportAt));
  }
  const dues = dueDatesOf(cal, p.to, dayOf);
  return [...tasks.values()].map(({ task, reports }) => ({ task, ...reportTimeliness(dues(task), reports, dayOf(task.acceptedAt!), p.from, p.cutoff, p.asOf) }));
}

/** Facts of every unit in scope for the period, keyed by unit id. */
export async function unitFacts(ctx: Ctx, actor: Actor, p: Period, cal: WorkCalendar): Promise<Map<string, UnitFacts>> {
  const b = q.boundsOf(p);
  const [counts, returns, reports] = await Promise.all([
    q.taskFactsByUnit(ctx.db, actor, b), q.returnsByUnit(ctx.db, actor, b), reportFacts(ctx, actor, cal, p),
  ]);
  const out = new Map<string, UnitFacts>();
  const get = (id: string) => { let f = out.get(id); if (!f) { f = { ...NO_FACTS }; out.set(id, f); } return f; };
  for (const c of counts) {
    Object.assign(get(c.unitId), {
      assigned: c.assigned, acceptDue: c.acceptedOnTime + c.acceptLate, acceptedOnTime: c.acceptedOnTime,
      completionDue: c.completedOnTime + c.completeLate, completedOnTime: c.completedOnTime, active: c.active, overdue: c.overdue,
      qualityCount: c.qualityCount, qualitySum: c.qualitySum,
    });
  }
  for (const [unitId, n] of returns) get(unitId).returns = n;
  for (const r of reports) { const f = get(r.task.leadUnitId); f.reportsDue += r.due; f.reportsOnTime += r.onTime; }
  return out;
}

export async function assessment(ctx: Ctx, actor: Actor, from: IsoDate, to: IsoDate) {
  authorize(actor, 'tasks.assess');
  const p = periodOf(ctx, from, to);
  const cal = await loadCalendar(ctx);
  const [weights, units, facts] = await Promise.all([getSetting(ctx, 'assessment.weights'), unitsInScope(ctx, actor), unitFacts(ctx, actor, p, cal)]);
  const rows = scoreUnits(units.map((unit) => ({ unit, facts: facts.get(unit.id) ?? NO_FACTS })), weights, actor.locale);
  return { period: p, weights, rows };
}

/** One unit's row with the tasks behind each of its numbers. */
export async function assessmentOfUnit(ctx: Ctx, actor: Actor, unitId: string, from: IsoDate, to: IsoDate) {
  const all = await assessment(ctx, actor, from, to);
  const row = all.rows.find((r) => r.unit.id === unitId);
  if (!row) throw new NotFound('unit');
  const b = q.boundsOf(all.period);
  const cal = await loadCalendar(ctx);
  const [flags, returns, reports] = await Promise.all([
    q.taskFlagsOfUnit(ctx.db, actor, b, unitId), q.returnsOfUnit(ctx.db, actor, b, unitId), reportFacts(ctx, actor, cal, all.period, unitId),
  ]);
  const item = (t: (typeof flags)[number]) => ({
    id: t.id, serial: t.serial, title: t.title, status: t.status, acceptDue: t.acceptDue, acceptedAt: t.acceptedAt ?? null, deadline: t.deadline, doneAt: t.doneAt,
  });
  const where = (k: 'assigned' | 'acceptedOnTime' | 'acceptLate' | 'completedOnTime' | 'completeLate' | 'overdue') => flags.filter((t) => Number(t[k]) === 1).map(item);
  return {
    period: all.period, weights: all.weights, row,
    tasks: {
      assigned: where('assigned'), acceptedOnTime: where('acceptedOnTime'), acceptLate: where('acceptLate'),
      completedOnTime: where('completedOnTime'), completeLate: where('completeLate'), overdue: where('overdue'),
      quality: flags.filter((t) => Number(t.doneIn) === 1 && t.quality !== null).map((t) => ({ ...item(t), quality: t.quality! })),
      reports: reports.flatMap((r) => [
        ...r.met.map((due) => ({ taskId: r.task.id, serial: r.task.serial, title: r.task.title, due, met: true })),
        ...r.missed.map((due) => ({ taskId: r.task.id, serial: r.task.serial, title: r.task.title, due, met: false })),
      ]).sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.serial < b.serial ? -1 : 1)),
      returns: returns.map((r) => ({ taskId: r.id, serial: r.serial, title: r.title, at: r.at, reason: r.reason ?? null, comment: r.comment ?? null })),
    },
  };
}

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

export async function assessmentXlsx(ctx: Ctx, actor: Actor, from: IsoDate, to: IsoDate): Promise<Buffer> {
  const a = await assessment(ctx, actor, from, to);
  type Row = (typeof a.rows)[number];
  const w = a.weights;
  return writeTable('督查考核', `督查考核排名（${from} 至 ${to}）`, [
    { header: '排名', width: 8, value: (r: Row) => r.rank ?? '—' },
    { header: '单位', width: 30, value: (r) => r.unit.name },
    { header: '总分', width: 10, value: (r) => r.total ?? '—' },
    { header: '交办事项', width: 10, value: (r) => r.facts.assigned },
    { header: `按期签收（${w.acceptOnTime}分）`, width: 18, value: (r) => `${r.facts.acceptedOnTime}/${r.facts.acceptDue} ${pct(r.rates.acceptOnTime)}` },
    { header: `按期反馈（${w.reportOnTime}分）`, width: 18, value: (r) => `${r.facts.reportsOnTime}/${r.facts.reportsDue} ${pct(r.rates.reportOnTime)}` },
    { header: `按期办结（${w.completeOnTime}分）`, width: 18, value: (r) => `${r.facts.completedOnTime}/${r.facts.completionDue} ${pct(r.rates.completeOnTime)}` },
    { header: `超期未办结（${w.overdue}分）`, width: 18, value: (r) => `${r.facts.overdue}/${r.facts.active}` },
    { header: `退回（${w.returns}分）`, width: 12, value: (r) => r.facts.returns },
    { header: `办结质量（${w.quality}分）`, width: 14, value: (r) => r.facts.meanQuality ?? '—' },
    ...WEIGHT_KEYS.map((k) => ({ header: `${LABEL[k]}得分`, width: 12, value: (r: Row) => r.points[k] ?? '—' })),
    { header: '得分说明', width: 80, value: (r) => r.explanation },
  ], a.rows);
}

const LABEL: Record<(typeof WEIGHT_KEYS)[number], string> = {
  acceptOnTime: '按期签收', reportOnTime: '按期反馈', completeOnTime: '按期办结', overdue: '超期', returns: '退回', quality: '质量',
};
