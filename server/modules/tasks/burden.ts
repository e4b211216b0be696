// 减负 burden meter: the load the 督查室 puts on each unit, month by month — reports asked for (due dates from each
// task's cadence), reports filed, fields typed, reminders sent, tasks assigned — beside its results (done on time,
// overdue), so that the supervisors see what they ask for against what it yields.
import type { Ctx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { addDays, type IsoDate } from '../../platform/calendar/working-days.js';
import { writeTable } from '../../platform/excel/excel.js';
import { Invalid } from '../../platform/errors.js';
import { loadCalendar } from '../calendar/service.js';
import { assessmentPeriod } from './assessment-rules.js';
import * as q from './assessment-repository.js';
import { dueDatesOf, unitsInScope, type UnitRef } from './assessment.js';
import { today } from './service.js';

export const BURDEN_MAX_MONTHS = 12;
export interface BurdenQuery { year?: number; month?: number; from?: string; to?: string }
export interface BurdenCounts {
  tasksAssigned: number; reportsRequested: number; reportsFiled: number; fieldsTyped: number; remindersSent: number;
  completedOnTime: number; completeLate: number; overdue: number;
}
const ZERO: BurdenCounts = { tasksAssigned: 0, reportsRequested: 0, reportsFiled: 0, fieldsTyped: 0, remindersSent: 0, completedOnTime: 0, completeLate: 0, overdue: 0 };

const monthEnd = (m: string): IsoDate => addDays(addDays(`${m}-01`, 32).slice(0, 7) + '-01', -1);
const nextMonth = (m: string): string => addDays(`${m}-01`, 32).slice(0, 7);

/** The months asked for: from/to (YYYY-MM), or a year with an optional month, or the current month. */
export function monthsOf(query: BurdenQuery, todayIso: IsoDate): string[] {
  let from: string; let to: string;
  if (query.from || query.to) {
    from = query.from ?? query.to!; to = query.to ?? query.from!;
  } else if (query.year) {
    from = query.month ? `${query.year}-${String(query.month).padStart(2, '0')}` : `${query.year}-01`;
    to = query.month ? from : `${query.year}-12`;
  } else {
    if (query.month) throw new Invalid({ field: 'year', code: 'invalid.required' });
    from = to = todayIso.slice(0, 7);
  }
  if (to < from) throw new Invalid({ field: 'to', code: 'assessment.periodOrder' });
  const months: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) {
    months.push(m);
    if (months.length > BURDEN_MAX_MONTHS) throw new Invalid({ field: 'to', code: 'burden.range', params: { limit: BURDEN_MAX_MONTHS } });
  }
  return months;
}

export async function burden(ctx: Ctx, actor: Actor, query: BurdenQuery) {
  authorize(actor, 'tasks.assess');
  const t = today(ctx);
  const months = monthsOf(query, t);
  const whole = q.boundsOf(assessmentPeriod(`${months[0]}-01`, monthEnd(months.at(-1)!), t));
  const cal = await loadCalendar(ctx);
  const [units, assigned, typing, reminders, reportTasks, results] = await Promise.all([
    unitsInScope(ctx, actor),
    q.assignedByUnitMonth(ctx.db, actor, months),
    q.typingByUnitMonth(ctx.db, actor, months),
    q.remindersByUnitMonth(ctx.db, actor, months),
    q.reportTasks(ctx.db, actor, whole),
    // Results per month: the assessment's own flags, every month in one pass.
    q.resultsByUnitPeriod(ctx.db, actor, whole, months.map((m) => q.boundsOf(assessmentPeriod(`${m}-01`, monthEnd(m), t)))),
  ]);
  const cells = new Map<string, BurdenCounts>();
  const cell = (unitId: string | null, month: string) => {
    const k = `${unitId}|${month}`;
    let c = cells.get(k);
    if (!c) { c = { ...ZERO }; cells.set(k, c); }
    return c;
  };
  for (const r of assigned) cell(r.unitId, r.month).tasksAssigned += Number(r.n);
  for (const r of typing) { const c = cell(r.unitId, r.month); c.reportsFiled += Number(r.reports); c.fieldsTyped += Number(r.fields ?? 0); }
  for (const r of reminders) cell(r.unitId, r.month).remindersSent += Number(r.n);
  const dues = dueDatesOf(cal, whole.to);
  for (const task of reportTasks) {
    for (const d of dues(task)) if (d >= whole.from && d <= whole.to) cell(task.leadUnitId, d.slice(0, 7)).reportsRequested++;
  }
  for (const r of results) r.periods.forEach((x, i) => Object.assign(cell(r.unitId, months[i]), x));
  const rows = units.map((unit) => {
    const perMonth = months.map((month) => ({ month, ...(cells.get(`${unit.id}|${month}`) ?? ZERO) }));
    const total = { ...ZERO };
    for (const m of perMonth) for (const k of Object.keys(ZERO) as (keyof BurdenCounts)[]) total[k] += m[k];
    // Overdue is a count at the end of each month, not a flow: the total carries the last month's.
    total.overdue = perMonth.at(-1)!.overdue;
    return { unit, total, months: perMonth };
  });
  // Heaviest load first: reports asked for, then reminders.
  rows.sort((a, b) => b.total.reportsRequested - a.total.reportsRequested || b.total.remindersSent - a.total.remindersSent);
  return { months, rows };
}

export async function burdenXlsx(ctx: Ctx, actor: Actor, query: BurdenQuery): Promise<Buffer> {
  const b = await burden(ctx, actor, query);
  type Line = { unit: UnitRef; month: string } & BurdenCounts;
  const lines: Line[] = b.rows.flatMap((r) => r.months.map((m) => ({ unit: r.unit, ...m })));
  return writeTable('减负监测', `基层减负监测（${b.months[0]} 至 ${b.months.at(-1)}）`, [
    { header: '单位', width: 30, value: (l: Line) => l.unit.name },
    { header: '月份', width: 10, value: (l) => l.month },
    { header: '交办事项', width: 10, value: (l) => l.tasksAssigned },
    { header: '要求反馈次数', width: 14, value: (l) => l.reportsRequested },
    { header: '实际反馈次数', width: 14, value: (l) => l.reportsFiled },
    { header: '填报字段数', width: 12, value: (l) => l.fieldsTyped },
    { header: '催办次数', width: 10, value: (l) => l.remindersSent },
    { header: '按期办结', width: 10, value: (l) => l.completedOnTime },
    { header: '逾期办结或未办结', width: 16, value: (l) => l.completeLate },
    { header: '月末超期未办结', width: 16, value: (l) => l.overdue },
  ], lines);
}
