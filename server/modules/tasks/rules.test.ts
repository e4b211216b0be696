import { describe, expect, it } from 'vitest';
import { makeCalendar } from '../../platform/calendar/working-days.js';
import { allowedActions, canDo, type ActorSide } from './task-states.js';
import { computeRag, expectedProgress, reportDueDates, type RagInput } from './task-rag.js';

const cal = makeCalendar();
const base: RagInput = {
  status: 'in_progress', startDate: '2026-11-02', deadline: '2026-12-31', progress: 40, cadence: 'once', cadenceDay: null,
  acceptedOn: '2026-11-02', reportDates: [], milestones: [], completedOn: null, today: '2026-11-30',
};
const sides = (...s: ActorSide[]) => new Set(s);

describe('task state machine', () => {
  const facts = { status: 'assigned' as const, pendingExtension: false, needsLeaderSignoff: false, signedOff: false };
  it('lets the lead unit accept or return an assigned task, and nothing else', () => {
    expect(allowedActions(facts, sides('lead_unit'))).toEqual(['accept', 'return']);
    expect(allowedActions(facts, sides('supervisor'))).toEqual(['reassign', 'cancel']);
  });
  it('refuses out-of-order steps with the reason', () => {
    expect(canDo(facts, 'complete', sides('supervisor'))).toBe('state');
    expect(canDo({ ...facts, status: 'in_progress' }, 'report', sides('supervisor'))).toBe('side');
    expect(canDo({ ...facts, status: 'in_progress', pendingExtension: true }, 'request_extension', sides('lead_unit'))).toBe('state');
    expect(canDo({ ...facts, status: 'in_progress', pendingExtension: true }, 'approve_extension', sides('supervisor'))).toBeNull();
  });
  it('needs the leader to sign off a meeting decision before it can be closed', () => {
    const done = { status: 'completed' as const, pendingExtension: false, needsLeaderSignoff: true, signedOff: false };
    expect(canDo(done, 'close', sides('supervisor'))).toBe('state');
    expect(canDo(done, 'sign_off', sides('leader'))).toBeNull();
    expect(canDo({ ...done, signedOff: true }, 'close', sides('supervisor'))).toBeNull();
  });
});

describe('trajectory (时序进度)', () => {
  it('runs straight by working days from start to deadline', () => {
    expect(expectedProgress(cal, '2026-11-02', '2026-11-13', [], '2026-11-02')).toBe(0);
    expect(expectedProgress(cal, '2026-11-02', '2026-11-13', [], '2026-11-13')).toBe(100);
    // 9 working days in (11-02, 11-13]; on 11-06 four have passed (Tue–Fri) → 44%.
    expect(expectedProgress(cal, '2026-11-02', '2026-11-13', [], '2026-11-06')).toBe(44);
    // The weekend adds nothing.
    expect(expectedProgress(cal, '2026-11-02', '2026-11-13', [], '2026-11-08')).toBe(44);
  });
  it('goes through the milestones when they carry an expected progress', () => {
    const ms = [{ dueDate: '2026-11-06', expectedProgress: 80, doneAt: null }];
    expect(expectedProgress(cal, '2026-11-02', '2026-11-13', ms, '2026-11-06')).toBe(80);
    expect(expectedProgress(cal, '2026-11-02', '2026-11-13', ms, '2026-11-13')).toBe(100);
  });
});

describe('report due dates', () => {
  it('weekly reports fall on Fridays, or the working day before a holiday Friday', () => {
    expect(reportDueDates(cal, 'weekly', null, '2026-11-02', '2026-11-30')).toEqual(['2026-11-06', '2026-11-13', '2026-11-20', '2026-11-27']);
    // 2025-10-03 is a holiday Friday (国庆): the first period starts after it.
    expect(reportDueDates(cal, 'weekly', null, '2025-09-22', '2025-10-10')[0]).toBe('2025-09-26');
  });
  it('monthly reports fall on the last working day; day-of-month on that day or the next working day', () => {
    expect(reportDueDates(cal, 'monthly', null, '2026-09-01', '2026-11-30')).toEqual(['2026-09-30', '2026-10-30', '2026-11-30']);
    // 2026-11-28 is a Saturday → Monday 11-30.
    expect(reportDueDates(cal, 'day_of_month', 28, '2026-10-01', '2026-11-30')).toEqual(['2026-10-28', '2026-11-30']);
  });
});

describe('RAG', () => {
  it('is green on track, with the reason', () => {
    const r = computeRag(cal, { ...base, progress: 60 });
    expect(r.rag).toBe('green');
    expect(r.reasons[0].code).toBe('rag.onTrack');
  });
  it('is red the working day after the deadline, not on the deadline day', () => {
    expect(computeRag(cal, { ...base, deadline: '2026-11-30', progress: 99 }).rag).toBe('yellow'); // deadline day: near, not red
    const r = computeRag(cal, { ...base, deadline: '2026-11-27', progress: 99 });
    expect(r.rag).toBe('red');
    expect(r.reasons).toContainEqual({ code: 'rag.overdue', params: { days: 1 } });
  });
  it('treats a holiday deadline by working days (the deadline near)', () => {
    const r = computeRag(cal, { ...base, today: '2025-09-30', startDate: '2025-09-01', deadline: '2025-10-09', acceptedOn: '2025-09-01', progress: 100 });
    expect(r.reasons).toContainEqual({ code: 'rag.nearDeadline', params: { days: 1 } });
  });
  it('turns yellow when progress trails the trajectory by more than the setting, exactly at the boundary not', () => {
    const exp = expectedProgress(cal, base.startDate, base.deadline, [], base.today);
    expect(computeRag(cal, { ...base, progress: exp - 20 }).rag).toBe('green');
    const r = computeRag(cal, { ...base, progress: exp - 21 });
    expect(r.rag).toBe('yellow');
    expect(r.reasons[0].code).toBe('rag.behind');
  });
  it('yellow after one missed report, red after two in a row; a report resets the run', () => {
    const weekly = { ...base, cadence: 'weekly' as const, progress: 60 };
    expect(computeRag(cal, { ...weekly, today: '2026-11-09', reportDates: [] }).rag).toBe('yellow');
    const red = computeRag(cal, { ...weekly, today: '2026-11-16', reportDates: [] });
    expect(red.rag).toBe('red');
    expect(red.missedReports).toBe(2);
    // A later report ends the run: nothing is overdue now.
    expect(computeRag(cal, { ...weekly, today: '2026-11-16', reportDates: ['2026-11-13'] }).rag).toBe('green');
    // Reported for the first week, missed the second: yellow.
    expect(computeRag(cal, { ...weekly, today: '2026-11-16', reportDates: ['2026-11-05'] }).rag).toBe('yellow');
    expect(computeRag(cal, { ...weekly, today: '2026-11-16', reportDates: ['2026-11-05', '2026-11-12'] }).rag).toBe('green');
  });
  it('calls a finished task green and says whether it was late', () => {
    const r = computeRag(cal, { ...base, status: 'completed', completedOn: '2027-01-05', deadline: '2026-12-31' });
    expect(r.rag).toBe('green');
    expect(r.reasons[0].code).toBe('rag.doneLate');
  });
});
