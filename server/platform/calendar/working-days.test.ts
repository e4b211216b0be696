import { describe, expect, it } from 'vitest';
import { makeCalendar, OFFICIAL_YEARS } from './working-days.js';

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
