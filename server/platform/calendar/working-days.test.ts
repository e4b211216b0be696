import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import chineseDays from 'chinese-days';
import { addDays, makeCalendar, OFFICIAL_YEARS, type IsoDate, type WorkCalendar } from './working-days.js';

const cal = makeCalendar();

describe('working days (official schedule with 调休)', () => {
  it.each([
    ['2025-10-11', true, '调休 Saturday is a working day'],
    ['2025-10-01', false, '国庆'],
    ['2025-10-08', false, '国庆 (8 days in 2025)'],
    ['2025-10-09', true, 'back to work'],
    ['2026-11-28', false, 'an ordinary Saturday'],
    ['2026-11-30', true, 'an ordinary Monday'],
    ['2026-01-01', false, '元旦'],
  ])('%s working day = %s (%s)', (d, want) => {
    expect(cal.isWorkday(d)).toBe(want);
  });

  it('knows the years whose schedule is published', () => {
    expect(OFFICIAL_YEARS).toContain(2025);
    expect(OFFICIAL_YEARS).toContain(2026);
  });

  it('adds working days across a holiday and a 调休 Saturday', () => {
    // 2025-09-30 (Tue) + 1 → 10-09 (Thu) — the holiday runs 10-01..10-08.
    expect(cal.addWorkdays('2025-09-30', 1)).toBe('2025-10-09');
    // 2025-10-10 (Fri) + 1 → 10-11, the 调休 Saturday.
    expect(cal.addWorkdays('2025-10-10', 1)).toBe('2025-10-11');
    expect(cal.addWorkdays('2026-11-27', 1)).toBe('2026-11-30');
    expect(cal.addWorkdays('2026-11-28', 0)).toBe('2026-11-30');
    expect(cal.addWorkdays('2026-11-30', 0)).toBe('2026-11-30');
    expect(cal.addWorkdays('2026-11-30', -1)).toBe('2026-11-27');
    expect(cal.addWorkdays('2025-10-09', -1)).toBe('2025-09-30');
  });

  it('counts working days between dates, signed, across a year change', () => {
    expect(cal.workdaysBetween('2026-11-30', '2026-11-30')).toBe(0);
    expect(cal.workdaysBetween('2026-11-27', '2026-11-30')).toBe(1);
    expect(cal.workdaysBetween('2026-11-30', '2026-11-27')).toBe(-1);
    // 2025-12-31 (Wed) → 2026-01-05 (Mon): 01-01..01-03 holiday, 01-04 Sunday is a 调休 working day in 2026.
    expect(cal.workdaysBetween('2025-12-31', '2026-01-05')).toBe(cal.isWorkday('2026-01-04') ? 2 : 1);
  });

  it("lets the administrator's entries override the official data, and falls back to Mon–Fri for unknown years", () => {
    const c = makeCalendar(new Map([['2026-11-30', false], ['2026-11-28', true]]));
    expect(c.isWorkday('2026-11-30')).toBe(false);
    expect(c.isWorkday('2026-11-28')).toBe(true);
    const future = makeCalendar(new Map(), [2026]);
    expect(future.isWorkday('2099-01-05')).toBe(true); // a Monday
    expect(future.isWorkday('2099-01-03')).toBe(false); // a Saturday
  });
});

describe('working days at the boundaries', () => {
  it('counts the deadline day itself, and nothing on the same day', () => {
    // Today Friday 2026-11-27, deadline Monday 11-30: one working day left (the deadline day), 0 on it, −1 the day after.
    expect(cal.workdaysBetween('2026-11-27', '2026-11-30')).toBe(1);
    expect(cal.workdaysBetween('2026-11-30', '2026-11-30')).toBe(0);
    expect(cal.workdaysBetween('2026-12-01', '2026-11-30')).toBe(-1);
    expect(cal.workdaysIn('2026-11-30', '2026-11-30')).toBe(1);
    expect(cal.workdaysIn('2026-11-28', '2026-11-29')).toBe(0);
    expect(cal.workdaysIn('2026-12-01', '2026-11-30')).toBe(0); // an empty range
  });

  it('treats a deadline on a holiday like the working day before it for counting, and moves it forward with n = 0', () => {
    // 2025-10-01..08 国庆: from 09-30 to the holiday deadline 10-05 no working day passes.
    expect(cal.workdaysBetween('2025-09-30', '2025-10-05')).toBe(0);
    expect(cal.workdaysBetween('2025-09-29', '2025-10-05')).toBe(1);
    expect(cal.addWorkdays('2025-10-05', 0)).toBe('2025-10-09');
    expect(cal.addWorkdays('2025-10-05', -1)).toBe('2025-09-30');
    expect(cal.addWorkdays('2025-10-05', 1)).toBe('2025-10-09');
  });

  it('counts a 调休 Saturday, and steps onto it', () => {
    // 2025-09-28 (Sunday) is a 调休 working day before 国庆.
    expect(cal.isWorkday('2025-09-28')).toBe(true);
    expect(cal.workdaysBetween('2025-09-26', '2025-09-29')).toBe(2); // Sunday 28 and Monday 29
    expect(cal.addWorkdays('2025-09-26', 1)).toBe('2025-09-28');
    expect(cal.addWorkdays('2025-09-29', -1)).toBe('2025-09-28');
  });

  it('crosses a year change and a Spring Festival', () => {
    expect(cal.addWorkdays('2025-12-31', 1)).toBe(cal.isWorkday('2026-01-04') ? '2026-01-04' : '2026-01-05');
    expect(cal.workdaysIn('2025-12-29', '2026-01-09')).toBe(naive().workdaysIn('2025-12-29', '2026-01-09'));
    // 春节 2026: 02-15..02-23 off, 02-14 (Saturday) and 02-28 (Saturday) on.
    expect(cal.addWorkdays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkdays('2026-02-14', 1)).toBe('2026-02-24');
    expect(cal.addWorkdays('2026-02-24', -1)).toBe('2026-02-14');
  });

  it('works on dates outside the indexed years (before the first and after the last official year), Monday–Friday', () => {
    const first = Math.min(...OFFICIAL_YEARS); const last = Math.max(...OFFICIAL_YEARS);
    const ref = naive();
    for (const [a, b] of [[`${first - 3}-12-20`, `${first}-01-10`], [`${last}-12-20`, `${last + 2}-01-10`], ['1990-02-01', '1990-03-01'], ['2099-12-25', '2100-01-08'], [`${first - 1}-06-01`, `${last + 1}-06-01`]]) {
      expect(cal.workdaysBetween(a, b)).toBe(ref.workdaysBetween(a, b));
      expect(cal.workdaysBetween(b, a)).toBe(ref.workdaysBetween(b, a) || 0);
      expect(cal.workdaysIn(a, b)).toBe(ref.workdaysIn(a, b));
      for (const n of [-12, -1, 0, 1, 12, 400]) expect(cal.addWorkdays(a, n)).toBe(ref.addWorkdays(a, n));
    }
    expect(cal.addWorkdays('2099-01-03', 0)).toBe('2099-01-05'); // Saturday → Monday
    expect(cal.addWorkdays(`${last}-12-31`, 260)).toBe(ref.addWorkdays(`${last}-12-31`, 260));
    expect(cal.addWorkdays(`${first}-01-01`, -260)).toBe(ref.addWorkdays(`${first}-01-01`, -260));
  });

  it('applies an administrator entry far outside the official years', () => {
    const c = makeCalendar(new Map([['2040-05-04', false], ['2040-05-05', true], ['2026-02-30', true]]));
    const ref = naive(new Map([['2040-05-04', false], ['2040-05-05', true], ['2026-02-30', true]]));
    expect(c.isWorkday('2040-05-04')).toBe(false); // a Friday made a holiday
    expect(c.isWorkday('2040-05-05')).toBe(true); // a Saturday made a working day
    expect(c.addWorkdays('2040-05-03', 1)).toBe('2040-05-05');
    expect(c.workdaysBetween('2030-01-01', '2040-06-01')).toBe(ref.workdaysBetween('2030-01-01', '2040-06-01'));
    expect(c.isWorkday('2026-03-02')).toBe(true); // the impossible date changed nothing
  });

  it('reads the official schedule exactly as chinese-days does, every day of every official year', () => {
    for (const y of OFFICIAL_YEARS) {
      for (let d = `${y}-01-01`; d <= `${y}-12-31`; d = addDays(d, 1)) {
        if (cal.isWorkday(d) !== chineseDays.isWorkday(d)) expect(`${d}: ${cal.isWorkday(d)}`).toBe(`${d}: ${chineseDays.isWorkday(d)}`);
      }
    }
  });
});

/** The reference: day by day, as the calendar was computed before the index (the definition of the arithmetic). */
function naive(overrides: ReadonlyMap<IsoDate, boolean> = new Map(), officialYears: readonly number[] = OFFICIAL_YEARS): WorkCalendar {
  const known = new Set(officialYears);
  const memo = new Map<IsoDate, boolean>();
  const isWorkday = (d: IsoDate): boolean => {
    const o = overrides.get(d);
    if (o !== undefined) return o;
    let v = memo.get(d);
    if (v === undefined) {
      const w = new Date(`${d}T00:00:00Z`).getUTCDay();
      v = known.has(Number(d.slice(0, 4))) ? chineseDays.isWorkday(d) : w !== 0 && w !== 6;
      memo.set(d, v);
    }
    return v;
  };
  const workdaysIn = (a: IsoDate, b: IsoDate) => { let n = 0; for (let d = a; d <= b; d = addDays(d, 1)) if (isWorkday(d)) n++; return n; };
  return {
    isWorkday,
    addWorkdays(d, n) {
      let cur = d;
      if (n < 0) { let back = -n; while (back > 0) { cur = addDays(cur, -1); if (isWorkday(cur)) back--; } return cur; }
      if (n === 0) { while (!isWorkday(cur)) cur = addDays(cur, 1); return cur; }
      let left = n; while (left > 0) { cur = addDays(cur, 1); if (isWorkday(cur)) left--; } return cur;
    },
    workdaysBetween: (a, b) => (a === b ? 0 : a < b ? workdaysIn(addDays(a, 1), b) : -workdaysIn(addDays(b, 1), a)),
    workdaysIn,
  };
}

describe('the index agrees with the day-by-day reference (property)', () => {
  const first = Math.min(...OFFICIAL_YEARS); const last = Math.max(...OFFICIAL_YEARS);
  // Dates from a few years before the official data to a few after it, so that both ends of the index are crossed.
  const lo = Date.UTC(first - 3, 0, 1); const hi = Date.UTC(last + 4, 11, 31);
  const anyDate = fc.integer({ min: 0, max: (hi - lo) / 86_400_000 }).map((i) => new Date(lo + i * 86_400_000).toISOString().slice(0, 10));
  // …and often the days that matter: holidays, 调休 working weekends, the ends of the index.
  const special = fc.constantFrom('2025-10-01', '2025-09-28', '2025-10-11', '2026-02-14', '2026-02-23', '2026-01-04', '2026-01-01', '2004-01-17',
    `${first}-01-01`, `${first - 1}-12-31`, `${last}-12-31`, `${last + 1}-01-01`);
  const date = fc.oneof(anyDate, special);
  const near = (span: number) => fc.tuple(date, fc.integer({ min: -span, max: span })).map(([d, k]) => [d, addDays(d, k)] as const);
  const setup = fc.record({
    overrides: fc.array(fc.tuple(date, fc.boolean()), { maxLength: 12 }),
    years: fc.subarray([...OFFICIAL_YEARS, last + 1, last + 2]),
  });

  it('isWorkday, workdaysBetween, workdaysIn and addWorkdays give the same answers', () => {
    fc.assert(fc.property(setup, fc.array(near(400), { minLength: 1, maxLength: 6 }), fc.array(fc.tuple(date, fc.integer({ min: -150, max: 150 })), { minLength: 1, maxLength: 6 }), (s, pairs, steps) => {
      const overrides = new Map(s.overrides);
      const fast = makeCalendar(overrides, s.years); const ref = naive(overrides, s.years);
      for (const [a, b] of pairs) {
        expect(fast.isWorkday(a)).toBe(ref.isWorkday(a));
        expect(fast.workdaysBetween(a, b)).toBe(ref.workdaysBetween(a, b) || 0); // the reference says −0 for none before
        expect(fast.workdaysIn(a, b)).toBe(ref.workdaysIn(a, b));
      }
      for (const [d, n] of steps) expect(fast.addWorkdays(d, n)).toBe(ref.addWorkdays(d, n));
    }), { numRuns: 150 });
  });
});
