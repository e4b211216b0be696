import { describe, expect, it } from 'vitest';
import { addDays, makeCalendar } from '../../platform/calendar/working-days.js';
import { dueReminders, reminderWindow, type ReminderFacts } from './reminder-rules.js';

// Monday–Friday only, so that the boundaries do not depend on the year's holidays.
const cal = makeCalendar(new Map(), []);
const MON = '2026-11-02';
const t = (o: Partial<ReminderFacts>): ReminderFacts => ({ status: 'assigned', deadline: '2026-12-31', acceptDue: '2026-11-05', nextReportDue: null, missedReports: 0, ...o });
const kinds = (f: ReminderFacts, today = MON, days = 3) => dueReminders(cal, f, today, days).map((r) => `${r.kind}:${r.dueKey}`);

describe('due reminders (催办)', () => {
  it.each([
    ['2026-11-02', ['deadline_near:2026-11-02']], // the deadline is today: 0 working days left
    ['2026-11-05', ['deadline_near:2026-11-05']], // Thursday: exactly 3 working days away
    ['2026-11-06', []], // Friday: 4 working days away
    ['2026-11-07', []], // Saturday: still 4 working days away
    ['2026-11-01', ['overdue:2026-11-01']], // yesterday (a Sunday)
    ['2026-10-30', ['overdue:2026-10-30']],
  ])('deadline %s seen on Monday 2026-11-02 with 3 days before → %j', (deadline, want) => {
    expect(kinds(t({ deadline }))).toEqual(want);
  });

  it('counts working days: on Friday a deadline next Wednesday is 3 working days away', () => {
    expect(kinds(t({ deadline: '2026-11-11', acceptDue: '2026-11-06' }), '2026-11-06')).toEqual(['deadline_near:2026-11-11']);
    expect(kinds(t({ deadline: '2026-11-12', acceptDue: '2026-11-06' }), '2026-11-06')).toEqual([]);
  });

  it('with 0 days before, reminds on the deadline itself only', () => {
    expect(kinds(t({ deadline: '2026-11-03' }), MON, 0)).toEqual([]);
    expect(kinds(t({ deadline: MON }), MON, 0)).toEqual([`deadline_near:${MON}`]);
  });

  it('reminds to accept once the acceptance limit has passed (not on the day)', () => {
    expect(kinds(t({ acceptDue: MON }))).toEqual([]);
    expect(kinds(t({ acceptDue: '2026-10-30' }))).toEqual(['accept_overdue:2026-10-30']);
    expect(kinds(t({ status: 'in_progress', acceptDue: '2026-10-30' }))).toEqual([]);
  });

  it('reminds of a report due today or on the next working day, and of each missed report', () => {
    const p = (o: Partial<ReminderFacts>, today = MON) => kinds(t({ status: 'in_progress', ...o }), today);
    expect(p({ nextReportDue: MON })).toEqual([`report_due:${MON}`]);
    expect(p({ nextReportDue: '2026-11-03' })).toEqual(['report_due:2026-11-03']);
    expect(p({ nextReportDue: '2026-11-04' })).toEqual([]);
    expect(p({ nextReportDue: '2026-11-09' }, '2026-11-06')).toEqual(['report_due:2026-11-09']); // Friday → Monday
    expect(p({ missedReports: 1 })).toEqual(['report_missed:1']);
    expect(p({ missedReports: 2 })).toEqual(['report_missed:2']); // a new miss is a new reminder
    expect(kinds(t({ nextReportDue: '2026-11-03' }))).toEqual([]); // not accepted yet: no report is due
  });

  it('sends nothing while the task is not in the unit\'s hands', () => {
    for (const status of ['returned', 'completion_requested', 'completed', 'closed', 'cancelled']) {
      expect(kinds(t({ status, deadline: '2026-10-01', acceptDue: '2026-09-01', missedReports: 3 }))).toEqual([]);
    }
  });

  it('the SQL window never leaves out a due deadline reminder', () => {
    for (const days of [0, 1, 3, 5]) {
      for (let i = -10; i < 30; i++) {
        const today = addDays(MON, i % 7);
        const deadline = addDays(today, i);
        const { deadlineBefore } = reminderWindow(cal, today, days);
        const due = dueReminders(cal, t({ deadline, acceptDue: '2099-01-01' }), today, days).length > 0;
        expect(due, `${today} ${deadline} ${days}`).toBe(deadline < deadlineBefore);
      }
    }
  });
});
