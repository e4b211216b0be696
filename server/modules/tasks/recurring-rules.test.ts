import { describe, expect, it } from 'vitest';
import { makeCalendar } from '../../platform/calendar/working-days.js';
import { deadlineOf, dueOpening, firstOpening, nextPeriod, openDate, periodLabel, periodOf, previousPeriod, type RecurringRule } from './recurring-rules.js';

const cal = makeCalendar(new Map(), []); // Monday–Friday
const monthly: RecurringRule = { frequency: 'monthly', periodMonth: 1, openWorkday: 1, deadlineWorkdays: 10 };

describe('recurring periods (常态化)', () => {
  it('names the period of a day', () => {
    expect(periodOf('monthly', '2026-11-15')).toEqual({ key: '2026-11', year: 2026, firstMonth: 11 });
    expect(periodOf('quarterly', '2026-11-15')).toEqual({ key: '2026-Q4', year: 2026, firstMonth: 10 });
    expect(periodOf('yearly', '2026-11-15')).toEqual({ key: '2026', year: 2026, firstMonth: 1 });
  });
  it('steps over the year end both ways', () => {
    expect(nextPeriod('monthly', periodOf('monthly', '2026-12-01')).key).toBe('2027-01');
    expect(nextPeriod('quarterly', periodOf('quarterly', '2026-12-01')).key).toBe('2027-Q1');
    expect(nextPeriod('yearly', periodOf('yearly', '2026-12-01')).key).toBe('2027');
    expect(previousPeriod('monthly', periodOf('monthly', '2027-01-05')).key).toBe('2026-12');
    expect(previousPeriod('quarterly', periodOf('quarterly', '2027-02-05')).key).toBe('2026-Q4');
  });
  it('opens on the n-th working day of the rule\'s month, or the month\'s last working day', () => {
    expect(openDate(cal, monthly, periodOf('monthly', '2026-11-20'))).toBe('2026-11-02'); // 1 November 2026 is a Sunday
    expect(openDate(cal, { ...monthly, openWorkday: 3 }, periodOf('monthly', '2026-11-20'))).toBe('2026-11-04');
    expect(openDate(cal, { ...monthly, frequency: 'quarterly', periodMonth: 3 }, periodOf('quarterly', '2026-11-20'))).toBe('2026-12-01');
    expect(openDate(cal, { ...monthly, frequency: 'yearly', periodMonth: 12, openWorkday: 2 }, periodOf('yearly', '2026-03-01'))).toBe('2026-12-02');
    expect(openDate(cal, { ...monthly, openWorkday: 23 }, periodOf('monthly', '2026-02-10'))).toBe('2026-02-27'); // February has 20
  });
  it('sets the deadline in working days after opening', () => {
    expect(deadlineOf(cal, monthly, '2026-11-02')).toBe('2026-11-16');
  });
  it('opens first in this period if its day has not passed, else in the next', () => {
    expect(firstOpening(cal, monthly, '2026-11-02')).toEqual({ period: periodOf('monthly', '2026-11-02'), on: '2026-11-02' });
    expect(firstOpening(cal, monthly, '2026-11-03').on).toBe('2026-12-01');
  });
  it('opens the planned period on its day, and only the latest one after a pause', () => {
    expect(dueOpening(cal, monthly, '2026-11-02', '2026-10-30')).toEqual({ open: null, nextRunOn: '2026-11-02' });
    const onDay = dueOpening(cal, monthly, '2026-11-02', '2026-11-02');
    expect(onDay.open?.period.key).toBe('2026-11');
    expect(onDay.nextRunOn).toBe('2026-12-01');
    const late = dueOpening(cal, monthly, '2026-09-01', '2026-11-20');
    expect(late.open).toEqual({ period: periodOf('monthly', '2026-11-01'), on: '2026-11-02' });
    expect(late.nextRunOn).toBe('2026-12-01');
  });
  it('labels the period for the task title', () => {
    expect(periodLabel('monthly', periodOf('monthly', '2026-11-02'))).toBe('2026年11月');
    expect(periodLabel('quarterly', periodOf('quarterly', '2026-11-02'))).toBe('2026年第4季度');
    expect(periodLabel('yearly', periodOf('yearly', '2026-11-02'))).toBe('2026年度');
  });
});
