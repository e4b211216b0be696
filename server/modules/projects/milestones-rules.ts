// 挂图作战 rules. Pure: a milestone's state on a day and how far it moved from the baseline.
//   done     : it has an actual finish date (红旗)
//   overdue  : not done and its planned finish is before today (黑旗)
//   due_soon : not done and due within `soonDays` calendar days
//   planned  : otherwise
// Slip: days between the baseline finish (kept when the plan was first approved) and the current planned finish;
// positive = later than the approved plan. Milestones added after the approval have no baseline (null slip).
import { daysBetween } from '../../platform/calendar/working-days.js';

export type MilestoneState = 'done' | 'overdue' | 'due_soon' | 'planned';

export interface MilestoneFacts {
  plannedEnd: string;
  actualEnd: string | null;
  baselineEnd: string | null;
}

export function milestoneState(m: MilestoneFacts, today: string, soonDays = 7): MilestoneState {
  if (m.actualEnd) return 'done';
  if (m.plannedEnd < today) return 'overdue';
  if (daysBetween(today, m.plannedEnd) <= soonDays) return 'due_soon';
  return 'planned';
}

export const slipDays = (m: MilestoneFacts): number | null => (m.baselineEnd ? daysBetween(m.baselineEnd, m.plannedEnd) : null);

/** Days late of a finished milestone against its planned finish (positive = late), or of an open one up to today. */
export function lateDays(m: MilestoneFacts, today: string): number {
  const end = m.actualEnd ?? today;
  return Math.max(0, daysBetween(m.plannedEnd, end));
}
