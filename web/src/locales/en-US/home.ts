import type zh from '../zh-CN/home';

const en: typeof zh = {
  'home.morning': 'Good morning, {name}',
  'home.afternoon': 'Good afternoon, {name}',
  'home.evening': 'Good evening, {name}',
  'home.scope': 'Data scope: {scope}',
  'home.now': 'What is here now',
  'home.units': 'Units',
  'home.users': 'Users',
  'home.leaders': 'Leaders',
  'home.unitsHint': 'Bureaus, offices, townships and state companies',
  'home.usersHint': 'Accounts that may sign in',
  'home.leadersHint': 'County leaders with their domains and units',
  'home.modules': 'Modules',
  'home.modulesHint': 'Supervision (督查督办), Major projects (重大项目) and Per-mu evaluation (亩均论英雄) are in use; the other modules arrive one by one — open one to see what it will do.',
  'home.admin': 'Administration',
  'home.adminUnits': 'Keep the list of units; bulk import from Excel',
  'home.adminLeaders': 'Set each leader\'s domains and units',
  'home.adminUsers': 'Open accounts, reset passwords, grant roles',
  'home.adminSessions': 'See who is signed in; end a session',
  'home.adminSettings': 'Idle timeout, lockout and one-time code policy',
  'home.adminAudit': 'Read and export the audit log; verify its hash chain',
  'home.noRoles': '{name}, your account holds no roles yet',
  'home.noRolesHint': 'Ask the security administrator to grant the roles you need. You can change your password from the user menu at the top right.',
  'home.open': 'Open',
};
export default en;
