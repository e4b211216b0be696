import type zh from '../zh-CN/settings';

const settings: typeof zh = {
  sections: {
    security: 'Sign-in and session security',
    tasks: 'Task rules',
    notifications: 'Reminders',
    assessment: 'Assessment',
    documents: 'Official documents',
    other: 'Other parameters',
  },
  fields: {
    'security.idleMinutes': { label: 'Idle timeout (minutes)', help: 'Sign in again after this long without activity (5–480)' },
    'security.totpForAll': { label: 'One-time code for every user', help: 'When off, only the three administrator roles must use one' },
    'security.lockoutThreshold': { label: 'Wrong passwords before lockout', help: 'The account is locked for a while after this many (3–20)' },
    'security.lockoutMinutes': { label: 'Lockout (minutes)', help: 'The account unlocks itself afterwards (1–1440)' },
    'tasks.acceptDays': { label: 'Time to accept (working days)', help: 'A unit accepts or returns a task within this time' },
    'tasks.nearDeadlineDays': { label: 'Near-deadline warning (working days)', help: 'Yellow when the deadline is this close or closer' },
    'tasks.trailPoints': { label: 'Allowed lag (points)', help: 'Yellow when progress trails the time elapsed by more than this' },
    'tasks.missedReportsRed': { label: 'Missed reports before red', help: 'Red after this many reports in a row are missed' },
    'tasks.maxReportFrequency': { label: 'Most frequent reporting', help: 'To spare the grassroots, no task may ask for reports more often' },
    'tasks.remindDaysBefore': { label: 'Remind before the deadline (working days)', help: 'Units are reminded from this many days before' },
    'notifications.digestHour': { label: 'Daily reminder hour', help: 'On working days, reminders and digests go out from this hour (0–23)' },
    'assessment.weights': { label: 'Assessment weights', help: 'Results only, never logins, clicks or traces; the weights add up to 100' },
    'assessment.weights.acceptOnTime': { label: 'Accepted on time' },
    'assessment.weights.reportOnTime': { label: 'Reported on time' },
    'assessment.weights.completeOnTime': { label: 'Completed on time' },
    'assessment.weights.overdue': { label: 'Nothing overdue' },
    'assessment.weights.returns': { label: 'Returns' },
    'assessment.weights.quality': { label: 'Quality' },
    'documents.issuer': { label: 'Issuer', help: 'Signs escalation notices and bulletins; {region} stands for the region\'s name' },
    'documents.escalationPrefix': { label: 'Escalation notice number prefix', help: 'By region code, * for any other region' },
    'documents.bulletinAddressee': { label: 'Bulletin addressees' },
    'documents.bulletinRequirements': { label: 'Bulletin "next steps"', help: 'One paragraph each' },
  },
  options: {
    'tasks.maxReportFrequency': { weekly: 'Weekly', fortnightly: 'Fortnightly', monthly: 'Monthly' },
  },
};
export default settings;
