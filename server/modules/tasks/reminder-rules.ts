// 催办: which reminders a task is due, from its stored facts. Pure. Each reminder has a key that names the fact it
// is about (the deadline, the report due date, the number of missed reports, the acceptance limit), so that it goes
// out once: a new deadline (extension) or a new missed report makes a new reminder, a second run does not.
import type { IsoDate, WorkCalendar } from '../../platform/calendar/working-days.js';
import type { Role } from '../../../common/roles.js';

/** Who hears about a task's reminders and steps: the lead unit's administrators and staff. */
export const UNIT_RECIPIENT_ROLES: readonly Role[] = ['unit_admin', 'unit_staff'];

export const REMINDER_KINDS = ['deadline_near', 'overdue', 'report_due', 'report_missed', 'accept_overdue'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface ReminderFacts {
  status: string;
  deadline: IsoDate;
  acceptDue: IsoDate;
  nextReportDue: IsoDate | null;
  missedReports: number;
}

export interface DueReminder { kind: ReminderKind; dueKey: string; date: IsoDate | null; count: number | null }

/**
 * Reminders go to the lead unit while the work is in its hands (assigned: to accept or return; in progress: to do and
 * report). Returned tasks wait on the 督查室, tasks asking for completion on its verification: no reminder then.
 *   deadline_near  — the deadline is `daysBefore` working days away or fewer (and not passed)
 *   overdue        — the deadline has passed
 *   accept_overdue — neither accepted nor returned by the acceptance limit
 *   report_due     — the next progress report is due today or on the next working day
 *   report_missed  — a progress report was missed (the key is the count, so each new miss reminds once)
 */
export function dueReminders(cal: WorkCalendar, t: ReminderFacts, today: IsoDate, daysBefore: number): DueReminder[] {
  const out: DueReminder[] = [];
  if (t.status !== 'assigned' && t.status !== 'in_progress') return out;
  if (today > t.deadline) out.push({ kind: 'overdue', dueKey: t.deadline, date: t.deadline, count: null });
  else if (cal.workdaysBetween(today, t.deadline) <= daysBefore) out.push({ kind: 'deadline_near', dueKey: t.deadline, date: t.deadline, count: null });
  if (t.status === 'assigned' && today > t.acceptDue) out.push({ kind: 'accept_overdue', dueKey: t.acceptDue, date: t.acceptDue, count: null });
  if (t.status === 'in_progress') {
    if (t.nextReportDue && t.nextReportDue >= today && t.nextReportDue <= cal.addWorkdays(today, 1)) {
      out.push({ kind: 'report_due', dueKey: t.nextReportDue, date: t.nextReportDue, count: null });
    }
    if (t.missedReports > 0) out.push({ kind: 'report_missed', dueKey: String(t.missedReports), date: null, count: t.missedReports });
  }
  return out;
}

/**
 * The widest SQL pre-filter that cannot miss a due reminder: deadline before `deadlineBefore`, acceptance limit
 * passed, a report due by `reportBy`, or a missed report.
 */
export function reminderWindow(cal: WorkCalendar, today: IsoDate, daysBefore: number): { deadlineBefore: IsoDate; reportBy: IsoDate } {
  return { deadlineBefore: cal.addWorkdays(today, daysBefore + 1), reportBy: cal.addWorkdays(today, 1) };
}
