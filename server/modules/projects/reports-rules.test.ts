import { describe, expect, it } from 'vitest';
import { makeCalendar } from '../../platform/calendar/working-days.js';
import { addPeriods, canReport, cumulate, isClosed, isLate, isPeriod, lastEndedPeriod, monthFromYearToDate, owesMonthlyReport, periodLastDay, reportDueOn } from './reports-rules.js';

const cal = makeCalendar();

describe('月报 due dates', () => {
  it('is due on the setting day of the next month when it is a working day', () => {
    expect(reportDueOn('2026-10', 5, cal)).toBe('2026-11-05'); // Thursday
    expect(reportDueOn('2026-12', 5, cal)).toBe('2027-01-05'); // across the year
  });
  it('moves to the next working day over weekends and holidays', () => {
    expect(reportDueOn('2026-08', 5, cal)).toBe('2026-09-07'); // 2026-09-05 is a Saturday
    expect(reportDueOn('2026-09', 5, cal)).toBe('2026-10-08'); // National Day holiday 1–7 October
  });
  it('clamps a due day past the month end', () => {
    expect(reportDueOn('2026-01', 31, cal)).toBe('2026-02-28'); // a Saturday made a working day (调休)
    expect(reportDueOn('2026-01', 31, makeCalendar(new Map([['2026-02-28', false]])))).toBe('2026-03-02');
  });
  it('flags late after the due date, closes the period the day after', () => {
    expect(isLate('2026-11-05', '2026-11-05')).toBe(false);
    expect(isLate('2026-11-06', '2026-11-05')).toBe(true);
    expect(isClosed('2026-11-05', '2026-11-05')).toBe(false);
    expect(isClosed('2026-11-06', '2026-11-05')).toBe(true);
  });
  it('knows periods', () => {
    expect(isPeriod('2026-13')).toBe(false);
    expect(isPeriod('2026-09')).toBe(true);
    expect(addPeriods('2026-01', -1)).toBe('2025-12');
    expect(addPeriods('2026-11', 14)).toBe('2028-01');
    expect(lastEndedPeriod('2026-01-03')).toBe('2025-12');
    expect(canReport('2026-11', '2026-11-29')).toBe(true);
    expect(canReport('2026-12', '2026-11-29')).toBe(false);
  });
});

describe('derived cumulative figures', () => {
  it('sums the year to date and since the start, restarting 1-N月 each January', () => {
    const c = cumulate([{ period: '2026-01', amount: 100 }, { period: '2025-12', amount: 50 }, { period: '2026-02', amount: 30.5 }]);
    expect(c).toEqual([
      { period: '2025-12', amount: 50, yearToDate: 50, sinceStart: 50 },
      { period: '2026-01', amount: 100, yearToDate: 100, sinceStart: 150 },
      { period: '2026-02', amount: 30.5, yearToDate: 130.5, sinceStart: 180.5 },
    ]);
  });
  it('turns a ledger 1-N月 figure into the month’s own', () => {
    expect(monthFromYearToDate(1000, [300, 200.25])).toBe(499.75);
    expect(monthFromYearToDate(100, [])).toBe(100);
  });
});

describe('who owes a month’s report (by the dates, not today’s stage)', () => {
  const owes = (actualStart: string | null, actualCompletion: string | null, period: string) => owesMonthlyReport({ actualStart, actualCompletion }, period);
  it('knows the last day of a month', () => {
    expect(['2026-02', '2028-02', '2026-04', '2026-12'].map(periodLastDay)).toEqual(['2026-02-28', '2028-02-29', '2026-04-30', '2026-12-31']);
  });
  it('owes from the month it started: started on the last day owes, started the day after does not', () => {
    expect(owes('2026-10-31', null, '2026-10')).toBe(true);
    expect(owes('2026-10-01', null, '2026-10')).toBe(true);
    expect(owes('2026-11-01', null, '2026-10')).toBe(false);
    expect(owes('2026-02-28', null, '2026-02')).toBe(true);
    expect(owes('2026-03-01', null, '2026-02')).toBe(false);
    expect(owes('2025-01-01', null, '2026-10')).toBe(true);
  });
  it('owes up to the month it was completed in, not after', () => {
    expect(owes('2026-03-01', '2026-10-01', '2026-10')).toBe(true); // completed on the first day of the month: still owed
    expect(owes('2026-03-01', '2026-10-31', '2026-10')).toBe(true);
    expect(owes('2026-03-01', '2026-09-30', '2026-10')).toBe(false); // completed the day before the month began
    expect(owes('2026-03-01', '2026-12-20', '2026-10')).toBe(true); // completed later: October was still owed
    expect(owes('2026-10-10', '2026-10-20', '2026-10')).toBe(true); // started and completed inside the month
  });
  it('a project never started owes nothing, whatever its stage says', () => {
    const building = { stage: 'construction', actualStart: null, actualCompletion: null };
    expect(owesMonthlyReport(building, '2026-10')).toBe(false);
    expect(owes(null, '2026-10-15', '2026-10')).toBe(false);
  });
});
