// 常态化: the periods of a recurring task and the day each period's task opens. Pure.
// A rule: frequency (monthly | quarterly | yearly); the month of the period it opens in (periodMonth: 1 for monthly,
// 1–3 for quarterly, 1–12 for yearly); the n-th working day of that month (openWorkday); the deadline that many
// working days after opening (deadlineWorkdays).
import { addDays, type IsoDate, type WorkCalendar } from '../../platform/calendar/working-days.js';

export const FREQUENCIES = ['monthly', 'quarterly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const MONTHS_IN: Record<Frequency, number> = { monthly: 1, quarterly: 3, yearly: 12 };

export interface RecurringRule { frequency: Frequency; periodMonth: number; openWorkday: number; deadlineWorkdays: number }

/** A period: its key (unique per recurring task: '2026-11', '2026-Q4', '2026'), year and first month. */
export interface Period { key: string; year: number; firstMonth: number }

export function periodOf(frequency: Frequency, d: IsoDate): Period {
  const year = Number(d.slice(0, 4)); const month = Number(d.slice(5, 7));
  if (frequency === 'monthly') return { key: `${year}-${String(month).padStart(2, '0')}`, year, firstMonth: month };
  if (frequency === 'quarterly') { const q = Math.ceil(month / 3); return { key: `${year}-Q${q}`, year, firstMonth: q * 3 - 2 }; }
  return { key: String(year), year, firstMonth: 1 };
}

export function nextPeriod(frequency: Frequency, p: Period): Period {
  let m = p.firstMonth + MONTHS_IN[frequency]; let y = p.year;
  if (m > 12) { m -= 12; y++; }
  return periodOf(frequency, `${y}-${String(m).padStart(2, '0')}-01`);
}

export function previousPeriod(frequency: Frequency, p: Period): Period {
  let m = p.firstMonth - MONTHS_IN[frequency]; let y = p.year;
  if (m < 1) { m += 12; y--; }
  return periodOf(frequency, `${y}-${String(m).padStart(2, '0')}-01`);
}

/** The n-th working day of the rule's month in the period (the month's last working day if it has fewer). */
export function openDate(cal: WorkCalendar, rule: RecurringRule, p: Period): IsoDate {
  const month = p.firstMonth + rule.periodMonth - 1;
  const first = `${p.year}-${String(month).padStart(2, '0')}-01`;
  const d = cal.addWorkdays(addDays(first, -1), rule.openWorkday);
  if (d.slice(0, 7) === first.slice(0, 7)) return d;
  let last = addDays(`${d.slice(0, 7)}-01`, -1);
  while (!cal.isWorkday(last) && last > first) last = addDays(last, -1);
  return last;
}

export const deadlineOf = (cal: WorkCalendar, rule: RecurringRule, opened: IsoDate): IsoDate => cal.addWorkdays(opened, rule.deadlineWorkdays);

/** The first period to open for a rule defined on `today`: this one if its day has not passed, else the next. */
export function firstOpening(cal: WorkCalendar, rule: RecurringRule, today: IsoDate): { period: Period; on: IsoDate } {
  const p = periodOf(rule.frequency, today);
  const on = openDate(cal, rule, p);
  if (on >= today) return { period: p, on };
  const n = nextPeriod(rule.frequency, p);
  return { period: n, on: openDate(cal, rule, n) };
}

/**
 * What the job does today for a rule whose next opening was planned on `nextRunOn`: the period to open now (the
 * latest one whose day has come, not before the planned one — a server that was down opens only the latest), and
 * the next planned opening.
 */
export function dueOpening(cal: WorkCalendar, rule: RecurringRule, nextRunOn: IsoDate, today: IsoDate): { open: { period: Period; on: IsoDate } | null; nextRunOn: IsoDate } {
  let p = periodOf(rule.frequency, today);
  if (openDate(cal, rule, p) > today) p = previousPeriod(rule.frequency, p);
  const planned = periodOf(rule.frequency, nextRunOn);
  if (p.key < planned.key) return { open: null, nextRunOn };
  const n = nextPeriod(rule.frequency, p);
  return { open: { period: p, on: openDate(cal, rule, p) }, nextRunOn: openDate(cal, rule, n) };
}

/** The period in a task's title (data, written in Chinese like the rest of the ledger): 2026年11月, 2026年第4季度, 2026年度. */
export function periodLabel(frequency: Frequency, p: Period): string {
  if (frequency === 'monthly') return `${p.year}年${p.firstMonth}月`;
  if (frequency === 'quarterly') return `${p.year}年第${Math.ceil(p.firstMonth / 3)}季度`;
  return `${p.year}年度`;
}
