// Working-day arithmetic (工作日) on 'YYYY-MM-DD' dates. Pure: the calendar is a function date → workday?,
// built from the official schedule (chinese-days knows 调休) with the administrator's corrections on top.
import chineseDays from 'chinese-days';
const officialIsWorkday = (d: string) => chineseDays.isWorkday(d);
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type IsoDate = string;

const DAY = 86_400_000;
export const toDate = (d: IsoDate) => new Date(`${d}T00:00:00Z`);
export const fromDate = (d: Date): IsoDate => d.toISOString().slice(0, 10);
export const addDays = (d: IsoDate, n: number): IsoDate => fromDate(new Date(toDate(d).getTime() + n * DAY));
export const daysBetween = (a: IsoDate, b: IsoDate): number => Math.round((toDate(b).getTime() - toDate(a).getTime()) / DAY);
const isWeekend = (d: IsoDate) => { const w = toDate(d).getUTCDay(); return w === 0 || w === 6; };

/** Years whose official holiday schedule the bundled data knows. */
export const OFFICIAL_YEARS: number[] = (() => {
  try {
    const dir = join(dirname(createRequire(import.meta.url).resolve('chinese-days')), 'years');
    return readdirSync(dir).filter((f) => /^\d{4}\.json$/.test(f)).map((f) => Number(f.slice(0, 4))).sort();
  } catch { return []; }
})();

export interface WorkCalendar {
  isWorkday(d: IsoDate): boolean;
  /** The n-th working day after d (n ≥ 1) or before it (n ≤ −1); n = 0 gives d itself if it is a working day, else the next one. */
  addWorkdays(d: IsoDate, n: number): IsoDate;
  /** Working days in (a, b] — positive when b is after a, negative when before, 0 on the same day. */
  workdaysBetween(a: IsoDate, b: IsoDate): number;
  /** Working days in [a, b] inclusive (a ≤ b). */
  workdaysIn(a: IsoDate, b: IsoDate): number;
}

/**
 * overrides: the administrator's entries (date → working day or not). Years the official data does not know and
 * the administrator has not entered fall back to Monday–Friday, and the UI warns about them.
 */
export function makeCalendar(overrides: ReadonlyMap<IsoDate, boolean> = new Map(), officialYears: readonly number[] = OFFICIAL_YEARS): WorkCalendar {
  const known = new Set(officialYears);
  const cache = new Map<IsoDate, boolean>();
  const isWorkday = (d: IsoDate): boolean => {
    const o = overrides.get(d);
    if (o !== undefined) return o;
    let v = cache.get(d);
    if (v === undefined) {
      v = known.has(Number(d.slice(0, 4))) ? officialIsWorkday(d) : !isWeekend(d);
      cache.set(d, v);
    }
    return v;
  };
  const workdaysIn = (a: IsoDate, b: IsoDate) => {
    let n = 0;
    for (let d = a; d <= b; d = addDays(d, 1)) if (isWorkday(d)) n++;
    return n;
  };
  return {
    isWorkday,
    addWorkdays(d, n) {
      let cur = d;
      if (n < 0) {
        let back = -n;
        while (back > 0) { cur = addDays(cur, -1); if (isWorkday(cur)) back--; }
        return cur;
      }
      if (n === 0) { while (!isWorkday(cur)) cur = addDays(cur, 1); return cur; }
      let left = n;
      while (left > 0) { cur = addDays(cur, 1); if (isWorkday(cur)) left--; }
      return cur;
    },
    workdaysBetween(a, b) {
      if (a === b) return 0;
      return a < b ? workdaysIn(addDays(a, 1), b) : -workdaysIn(addDays(b, 1), a);
    },
    workdaysIn,
  };
}
