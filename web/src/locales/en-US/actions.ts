const actions: Record<string, string> = {
  'auth.login': 'Sign in', 'auth.login_failed': 'Failed sign-in', 'auth.locked': 'Account locked', 'auth.logout': 'Sign out',
  'auth.mfa': 'One-time code', 'auth.mfa_failed': 'Wrong one-time code', 'auth.mfa_recovery_code': 'Recovery code used',
  'auth.password_changed': 'Password changed', 'auth.totp_setup': 'One-time code setup started', 'auth.totp_enabled': 'One-time code set up',
  'user.create': 'User created', 'user.update': 'User changed', 'user.disable': 'User disabled', 'user.import': 'Users imported', 'user.locale': 'Language changed',
  'user.roles': 'Roles granted', 'user.password_reset': 'Password reset', 'user.totp_reset': 'One-time code reset',
  'unit.create': 'Unit created', 'unit.update': 'Unit changed', 'unit.delete': 'Unit deleted', 'unit.import': 'Units imported',
  'leader.create': 'Leader added', 'leader.update': 'Portfolio changed', 'leader.delete': 'Leader removed',
  'session.revoke': 'Session ended', 'settings.update': 'Settings changed', 'system.seed_demo': 'Demo data created',
  'calendar.set_day': 'Working day set', 'calendar.clear_day': 'Official calendar restored', 'calendar.confirm_year': 'Year\'s calendar confirmed',
  'task.assign': 'Task assigned', 'task.escalate': 'Task escalated', 'task.attachment_add': 'Attachment added',
};
export const entityTypes: Record<string, string> = {
  user: 'User', unit: 'Unit', leader: 'Leader', session: 'Session', settings: 'Settings', region: 'Region', task: 'Task', calendar: 'Calendar', webhook: 'Webhook',
};
export default actions;
