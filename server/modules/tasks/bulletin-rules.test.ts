import { describe, expect, it } from 'vitest';
import { makeCalendar } from '../../platform/calendar/working-days.js';
import { bulletinPeriod, colourOn, periodErrors, periodName, stateOn, type TaskFacts } from './bulletin-rules.js';
import { DEFAULT_RAG_SETTINGS } from './task-rag.js';

const cal = makeCalendar();
const facts = (events: [string, string, (number | null)?, Record<string, unknown>?][], over: Partial<TaskFacts> = {}): TaskFacts => ({
  id: 't', startDate: '2026-10-12', originalDeadline: '2026-10-30', cadence: 'once', cadenceDay: null, milestones: [],
  events: events.map(([day, action, progress, data]) => ({ day, action, progress: progress ?? null, data: data ?? null })), ...over,
});

describe('通报 rules', () => {
  it.each([
    ['2026-11-01', '2026-11-30', '2026年11月'],
    ['2026-02-01', '2026-02-28', '2026年2月'],
    ['2026-10-01', '2026-12-31', '2026年第四季度'],
    ['2026-01-01', '2026-06-30', '2026年上半年'],
    ['2026-01-01', '2026-12-31', '2026年'],
    ['2026-09-01', '2026-11-30', '2026年9月至11月'],
    ['2026-11-01', '2026-11-15', '2026年11月1日至11月15日'],
    ['2026-12-16', '2027-01-15', '2026年12月16日至2027年1月15日'],
  ])('names the period %s – %s “%s”', (from, to, name) => {
    expect(periodName(from, to)).toBe(name);
  });

  it('takes states at the period end, or today while it runs; the cutoff is the last day that is over', () => {
    expect(bulletinPeriod('2026-11-01', '2026-11-30', '2026-12-02')).toEqual({ from: '2026-11-01', to: '2026-11-30', asOf: '2026-11-30', cutoff: '2026-11-30', previous: '2026-10-31' });
    expect(bulletinPeriod('2026-11-01', '2026-11-30', '2026-11-16')).toMatchObject({ asOf: '2026-11-16', cutoff: '2026-11-15' });
    expect(periodErrors('2026-11-02', '2026-11-01', '2026-12-01')).toEqual([{ field: 'to', code: 'bulletin.periodOrder' }]);
    expect(periodErrors('2026-01-01', '2026-12-31', '2027-01-01')).toEqual([]);
    expect(periodErrors('2026-12-01', '2026-12-31', '2026-11-30')).toEqual([{ field: 'from', code: 'bulletin.periodFuture' }]);
  });

  it('replays a timeline: acceptance, reports, an approved extension, completion sent back and redone', () => {
    const t = facts([
      ['2026-10-12', 'assign'], ['2026-10-13', 'accept'], ['2026-10-20', 'report', 40], ['2026-10-21', 'escalate', null, { number: 'x' }],
      ['2026-10-22', 'request_extension', null, { from: '2026-10-30', to: '2026-11-20' }], ['2026-10-23', 'approve_extension', null, { from: '2026-10-30', to: '2026-11-20' }],
      ['2026-11-10', 'request_completion'], ['2026-11-11', 'complete'], ['2026-11-12', 'close'],
    ]);
    expect(stateOn(t, '2026-10-11')).toBeNull();
    expect(stateOn(t, '2026-10-12')).toMatchObject({ status: 'assigned', acceptedOn: null, deadline: '2026-10-30' });
    expect(stateOn(t, '2026-10-22')).toMatchObject({ status: 'in_progress', acceptedOn: '2026-10-13', progress: 40, deadline: '2026-10-30', reportDates: ['2026-10-20'] });
    expect(stateOn(t, '2026-10-23')!.deadline).toBe('2026-11-20');
    expect(stateOn(t, '2026-11-10')!.status).toBe('completion_requested');
    expect(stateOn(t, '2026-11-11')).toMatchObject({ status: 'completed', completedOn: '2026-11-11', progress: 100 });
    expect(stateOn(t, '2026-12-01')!.status).toBe('closed');
    const back = facts([['2026-10-12', 'assign'], ['2026-10-13', 'accept'], ['2026-10-20', 'request_completion'], ['2026-10-21', 'send_back']]);
    expect(stateOn(back, '2026-10-21')).toMatchObject({ status: 'in_progress', completedOn: null });
  });

  it('colours a past day by the live rules: red the working day after the deadline, green once completed, yellow when not accepted in time', () => {
    const t = facts([['2026-10-12', 'assign'], ['2026-10-13', 'accept'], ['2026-11-10', 'request_completion'], ['2026-11-11', 'complete']]);
    expect(colourOn(cal, t, '2026-10-30', DEFAULT_RAG_SETTINGS, 3)!.rag).toBe('yellow'); // the deadline day: near, not late
    const late = colourOn(cal, t, '2026-11-02', DEFAULT_RAG_SETTINGS, 3)!;
    expect(late.rag).toBe('red');
    expect(late.reasons[0]).toEqual({ code: 'rag.overdue', params: { days: 1 } });
    expect(colourOn(cal, t, '2026-11-11', DEFAULT_RAG_SETTINGS, 3)!.reasons[0].code).toBe('rag.doneLate');
    const unaccepted = facts([['2026-11-02', 'assign']], { startDate: '2026-11-02', originalDeadline: '2026-12-31' });
    expect(colourOn(cal, unaccepted, '2026-11-05', DEFAULT_RAG_SETTINGS, 3)!.rag).toBe('green'); // within 3 working days
    const overdueAccept = colourOn(cal, unaccepted, '2026-11-06', DEFAULT_RAG_SETTINGS, 3)!;
    expect(overdueAccept.rag).toBe('yellow');
    expect(overdueAccept.reasons).toEqual([{ code: 'rag.acceptOverdue', params: { days: 1 } }]);
  });
});
