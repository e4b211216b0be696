// 月报 rules. Pure: periods, due dates, the late flag, the closed period, and the derived cumulative figures.
//
// Due date: the report for month M is due on day `dueDay` (setting projects.reportDueDay, default 5) of month M+1,
// counted in calendar days; when that day is not a working day (weekend, holiday) it moves to the next working day
// (so the 5th falling on a Sunday, or inside the National Day week, gives the first working day after).
// Late: filed (its first submission, Asia/Shanghai date) after the due date.
// Closed: from the day after the due date the period is closed; a report of a closed period changes only as a
// correction with a reason, audited and kept in its history.
// Cumulative: never typed. 1-N月完成投资 = the sum of the year's months up to N; 累计完成投资 (since the start) = the sum of
// every month up to N.
import type { WorkCalendar } from '../../platform/calendar/working-days.js';

/** 'YYYY-MM' */
export type Period = string;

export const isPeriod = (p: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(p);
export const periodOf = (date: string): Period => date.slice(0, 7);

export function addPeriods(p: Period, n: number): Period {
  const y = Number(p.slice(0, 4)); const m = Number(p.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12); const month = ((m % 12) + 12) % 12;
  return `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** The due date of a period's report: day `dueDay` of the next month, moved to the next working day. */
export function reportDueOn(period: Period, dueDay: number, cal: Pick<WorkCalendar, 'isWorkday' | 'addWorkdays'>): string {
  const next = addPeriods(period, 1);
  const last = new Date(Date.UTC(Number(next.slice(0, 4)), Number(next.slice(5, 7)), 0)).getUTCDate();
  const day = `${next}-${String(Math.min(Math.max(1, dueDay), last)).padStart(2, '0')}`;
  return cal.isWorkday(day) ? day : cal.addWorkdays(day, 1);
}

/** A report filed on `filedOn` for a period due on `dueOn` is late when filed after the due date. */
export const isLate = (filedOn: string, dueOn: string): boolean => filedOn > dueOn;

/** The period is closed (corrections only, with a reason) once its due date has passed. */
export const isClosed = (today: string, dueOn: string): boolean => today > dueOn;

/** The latest period whose report is due by `today` (the previous month), and the one now being filed. */
export const lastEndedPeriod = (today: string): Period => addPeriods(periodOf(today), -1);

/** A period may be reported once it has begun (the current month's figure is filed as the month goes). */
export const canReport = (period: Period, today: string): boolean => period <= periodOf(today);

export interface MonthAmount { period: Period; amount: number }

/** 1-N月 and since-start cumulative figures for each reported month, in period order. */
export function cumulate(months: MonthAmount[]): { period: Period; amount: number; yearToDate: number; sinceStart: number }[] {
  const sorted = [...months].sort((a, b) => (a.period < b.period ? -1 : 1));
  let since = 0; let ytd = 0; let year = '';
  return sorted.map((m) => {
    if (m.period.slice(0, 4) !== year) { year = m.period.slice(0, 4); ytd = 0; }
    since = round2(since + m.amount); ytd = round2(ytd + m.amount);
    return { period: m.period, amount: m.amount, yearToDate: ytd, sinceStart: since };
  });
}

/**
 * A ledger gives "1-N月完成投资" (year to date) rather than the month's figure: the month's own figure is that minus
 * what the year's earlier months already hold. Negative results are refused by the caller (a ledger lower than the
 * reports).
 */
export function monthFromYearToDate(yearToDate: number, earlierMonthsOfYear: number[]): number {
  return round2(yearToDate - earlierMonthsOfYear.reduce((s, x) => s + x, 0));
}

export const round2 = (x: number) => Math.round(x * 100) / 100;

/** The first and the last day of a period ('YYYY-MM-DD'). */
export const periodFirstDay = (p: Period): string => `${p}-01`;
export const periodLastDay = (p: Period): string =>
  `${p}-${String(new Date(Date.UTC(Number(p.slice(0, 4)), Number(p.slice(5, 7)), 0)).getUTCDate()).padStart(2, '0')}`;

/**
 * A project owes month M's report (the overview and the month's sheet) when, by its dates, it was being built in M:
 * started by the end of M (actualStart <= last day of M) and not completed before M began (no actualCompletion, or
 * actualCompletion >= the first day of M — the month it was completed in is still owed). Decided by the dates, not by
 * today's stage: a project completed in December still owed October. No actualStart, nothing owed, whatever its stage.
 */
export function owesMonthlyReport(p: { actualStart: string | null; actualCompletion: string | null }, period: Period): boolean {
  if (!p.actualStart || p.actualStart > periodLastDay(period)) return false;
  return !p.actualCompletion || p.actualCompletion >= periodFirstDay(period);
}
