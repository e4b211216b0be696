import { describe, expect, it } from 'vitest';
import { lateDays, milestoneState, slipDays } from './milestones-rules.js';

describe('挂图作战 milestones', () => {
  it('marks done (红旗), overdue (黑旗), due soon and planned', () => {
    expect(milestoneState({ plannedEnd: '2026-05-01', actualEnd: '2026-05-03', baselineEnd: null }, '2026-06-01')).toBe('done');
    expect(milestoneState({ plannedEnd: '2026-05-31', actualEnd: null, baselineEnd: null }, '2026-06-01')).toBe('overdue');
    expect(milestoneState({ plannedEnd: '2026-06-01', actualEnd: null, baselineEnd: null }, '2026-06-01')).toBe('due_soon');
    expect(milestoneState({ plannedEnd: '2026-06-08', actualEnd: null, baselineEnd: null }, '2026-06-01')).toBe('due_soon');
    expect(milestoneState({ plannedEnd: '2026-06-09', actualEnd: null, baselineEnd: null }, '2026-06-01')).toBe('planned');
  });
  it('measures the slip from the approved baseline and the days late', () => {
    expect(slipDays({ plannedEnd: '2026-07-10', actualEnd: null, baselineEnd: '2026-06-30' })).toBe(10);
    expect(slipDays({ plannedEnd: '2026-06-20', actualEnd: null, baselineEnd: '2026-06-30' })).toBe(-10);
    expect(slipDays({ plannedEnd: '2026-06-20', actualEnd: null, baselineEnd: null })).toBeNull();
    expect(lateDays({ plannedEnd: '2026-06-20', actualEnd: '2026-06-25', baselineEnd: null }, '2026-09-01')).toBe(5);
    expect(lateDays({ plannedEnd: '2026-06-20', actualEnd: null, baselineEnd: null }, '2026-06-22')).toBe(2);
    expect(lateDays({ plannedEnd: '2026-06-20', actualEnd: '2026-06-01', baselineEnd: null }, '2026-09-01')).toBe(0);
  });
});
