// Working-day arithmetic (工作日) on 'YYYY-MM-DD' dates. Pure: the calendar is a function date → workday?,
// built from the official schedule (chinese-days knows 调休) with the administrator's corrections on top.
//
// Built once per calendar into a cumulative index: for every day of the covered years (those with official data or
// corrections), how many working days come before it. Outside those years the week is Monday–Friday, which has a
// closed form. So isWorkday, workdaysBetween, workdaysIn and addWorkdays are a few array reads — no day-by-day walks
// (a task list presents 50 rows, each with its working days left; an assessment computes thousands of due dates).
import chineseDays from 'chinese-days';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type IsoDate = string;

const DAY = 86_400_000;
export const toDate = (d: IsoDate) => new Date(`${d}T00:00:00Z`);
export const fromDate = (d: Date): IsoDate => d.toISOString().slice(0, 10);
export const addDays = (d: IsoDate, n: number): IsoDate => fromDate(new Date(toDate(d).getTime() + n * DAY));
export const daysBetween = (a: IsoDate, b: IsoDate): number => Math.round((toDate(b).getTime() - toDate(a).getTime()) / DAY);

/** Days since 1970-01-01 (UTC) of a 'YYYY-MM-DD' date. */
const dayNo = (d: IsoDate): number => {
  const y = Number(d.slice(0, 4));
  return y >= 100 ? Date.UTC(y, Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY : Math.round(toDate(d).getTime() / DAY);
};
const dayStr = (n: number): IsoDate => new Date(n * DAY).toISOString().slice(0, 10);
/** Monday–Friday? (day 0, 1970-01-01, was a Thursday). */
const weekdayNo = (n: number) => { const w = (((n + 4) % 7) + 7) % 7; return w >= 1 && w <= 5; };
/** Monday–Friday days in [1970-01-05 (a Monday), n) — negative before it; and its inverse (the day of a rank). */
const MONDAY = 4;
const weekRank = (n: number) => { const t = n - MONDAY; const w = Math.floor(t / 7); return 5 * w + Math.min(t - 7 * w, 5); };
const weekRankDay = (k: number) => { const w = Math.floor(k / 5); return MONDAY + 7 * w + (k - 5 * w); };

const pkgDir = (() => { try { return dirname(createRequire(import.meta.url).resolve('chinese-days')); } catch { return null; } })();

/** Years whose official holiday schedule the bundled data knows. */
export const OFFICIAL_YEARS: number[] = (() => {
  try {
    return readdirSync(join(pkgDir!, 'years')).filter((f) => /^\d{4}\.json$/.test(f)).map((f) => Number(f.slice(0, 4))).sort();
  } catch { return []; }
})();

/**
 * The official exceptions to Monday–Friday, as day numbers by year: holidays on weekdays are off, 调休 weekend days
 * are on. Read once from chinese-days' bundled data — chineseDays.isWorkday(d) is exactly "listed as a working day, or
 * a weekday not listed as a holiday" (working-days.test.ts checks every day of every official year against it).
 * Without the data file, it asks chineseDays.isWorkday day by day, once per year.
 */
let official: Map<number, [day: number, workday: boolean][]> | null = null;
function officialExceptions(): Map<number, [number, boolean][]> {
  if (official) return official;
  const byYear = new Map<number, [number, boolean][]>();
  const put = (d: IsoDate, work: boolean) => {
    const y = Number(d.slice(0, 4));
    let list = byYear.get(y);
    if (!list) byYear.set(y, (list = []));
    list.push([dayNo(d), work]);
  };
  try {
    const data = JSON.parse(readFileSync(join(pkgDir!, 'chinese-days.json'), 'utf8')) as { holidays: Record<string, string>; workdays: Record<string, string> };
    for (const d of Object.keys(data.holidays)) if (!data.workdays[d] && weekdayNo(dayNo(d))) put(d, false);
    for (const d of Object.keys(data.workdays)) if (!weekdayNo(dayNo(d))) put(d, true);
  } catch {
    byYear.clear();
    for (const y of OFFICIAL_YEARS) {
      for (let n = dayNo(`${y}-01-01`), end = dayNo(`${y + 1}-01-01`); n < end; n++) {
        const d = dayStr(n); const work = chineseDays.isWorkday(d);
        if (work !== weekdayNo(n)) put(d, work);
      }
    }
  }
  return (official = byYear);
}

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
 * overrides: the administrator's entries (date → working day or not). officialYears: the years whose official
 * schedule applies (the bundled ones and those the administrator confirmed). Other years fall back to Monday–Friday
 * (with the administrator's entries), and the UI warns about them.
 */
export function makeCalendar(overrides: ReadonlyMap<IsoDate, boolean> = new Map(), officialYears: readonly number[] = OFFICIAL_YEARS): WorkCalendar {
  const exceptions = officialExceptions();
  const own: [number, boolean][] = [];
  // An entry that is not a real date ('2026-02-30') never matched any day: it is left out.
  for (const [d, work] of overrides) if (/^\d{4}-\d{2}-\d{2}$/.test(d) && dayStr(dayNo(d)) === d) own.push([dayNo(d), work]);
  const officialIn = officialYears.filter((y) => exceptions.has(y));
  const years = new Set<number>(officialIn);
  for (const [n] of own) years.add(new Date(n * DAY).getUTCFullYear());

  // The index covers whole years from the first to the last year that differs from Monday–Friday.
  const first = years.size ? Math.min(...years) : 1970;
  const L = years.size ? dayNo(`${String(first).padStart(4, '0')}-01-01`) : 0;
  const N = years.size ? dayNo(`${String(Math.max(...years) + 1).padStart(4, '0')}-01-01`) - L : 0;
  const work = new Uint8Array(N);
  for (let i = 0; i < N; i++) work[i] = weekdayNo(L + i) ? 1 : 0;
  for (const y of new Set(officialIn)) for (const [n, w] of exceptions.get(y)!) work[n - L] = w ? 1 : 0;
  for (const [n, w] of own) work[n - L] = w ? 1 : 0; // the administrator's word is last
  /** before[i]: working days in [L, L + i). */
  const before = new Int32Array(N + 1);
  for (let i = 0; i < N; i++) before[i + 1] = before[i] + work[i];
  const total = before[N];
  /** The index's working days in order: the k-th is at list[k]. */
  const list = new Int32Array(total);
  for (let i = 0, k = 0; i < N; i++) if (work[i]) list[k++] = L + i;
  const rankL = weekRank(L); const rankEnd = weekRank(L + N);

  /** Working days in [L, n) — negative for n < L: the Monday–Friday days in [n, L). */
  const rank = (n: number) => (n <= L ? weekRank(n) - rankL : n >= L + N ? total + weekRank(n) - rankEnd : before[n - L]);
  /** The working day whose rank is k: the day d with rank(d) = k that is a working day. */
  const dayOfRank = (k: number) => (k < 0 ? weekRankDay(rankL + k) : k >= total ? weekRankDay(rankEnd + k - total) : list[k]);
  const isWorkdayNo = (n: number) => (n >= L && n < L + N ? work[n - L] === 1 : weekdayNo(n));
  const names: (IsoDate | undefined)[] = [];
  const nameOf = (n: number) => {
    if (n < L || n >= L + N) return dayStr(n);
    return names[n - L] ??= dayStr(n);
  };

  return {
    isWorkday: (d) => isWorkdayNo(dayNo(d)),
    addWorkdays(d, n) {
      if (Number.isNaN(n)) return d;
      const x = dayNo(d);
      if (n === 0) return isWorkdayNo(x) ? d : nameOf(dayOfRank(rank(x)));
      // Working days after d rank from rank(d + 1); those before it down from rank(d) − 1.
      return nameOf(n > 0 ? dayOfRank(rank(x + 1) + Math.ceil(n) - 1) : dayOfRank(rank(x) - Math.ceil(-n)));
    },
    workdaysBetween: (a, b) => (a === b ? 0 : rank(dayNo(b) + 1) - rank(dayNo(a) + 1)),
    workdaysIn: (a, b) => (a > b ? 0 : rank(dayNo(b) + 1) - rank(dayNo(a))),
  };
}
