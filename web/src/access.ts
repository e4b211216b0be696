// What the current user may see: menus, pages and buttons ask here. The server still decides every request;
// this only reads `me.permissions` (the server's own table, served by /auth/me).
import type { Permission } from '../../server/platform/access/policies';
import type { Me } from './api/types';
import { useSession } from './app/auth';

export function accessFor(me: Pick<Me, 'permissions'> & Partial<Pick<Me, 'roles'>> | null | undefined) {
  const granted = new Set(me?.permissions ?? []);
  const has = (p: Permission) => granted.has(p);
  return {
    /** 首页: everyone who reads the directory (the auditor's home is the audit log). */
    home: has('org.read'),
    business: has('business.read'),
    orgRead: has('org.read'),
    units: has('units.write'),
    leaders: has('leaders.write'),
    users: has('users.read'),
    usersWrite: has('users.write'),
    resetPassword: has('users.resetPassword'),
    grantRoles: has('roles.grant'),
    resetTotp: has('totp.reset'),
    sessions: has('sessions.manage'),
    settings: has('settings.read'),
    settingsWrite: has('settings.write'),
    audit: has('audit.read'),
    /** 督查督办: 我的待办 for unit people, 督办台 for the supervisor, leaders and viewers; 交办 for the supervisor. */
    tasksInbox: has('tasks.read') && !!me?.roles?.some((r) => r === 'unit_admin' || r === 'unit_staff'),
    tasksConsole: has('tasks.read') && !!me?.roles?.some((r) => r === 'supervisor' || r === 'leader' || r === 'viewer'),
    tasksAssign: has('tasks.assign'),
    /** 重大项目 项目库: reading; creating and importing is decided by the server (library units, 督查室) and offered by /projects/options. */
    projects: has('projects.read'),
    /** 督办通知单 and 问责 are issued by the 督查室; 问责 records are read by those who read the assessment. */
    tasksSupervise: has('tasks.supervise'),
    tasksAssess: has('tasks.assess'),
    /** 截止日历: the console's people (supervisor, leaders, viewers). */
    tasksCalendar: has('tasks.read') && !!me?.roles?.some((r) => r === 'supervisor' || r === 'leader' || r === 'viewer'),
    /** 工作日历 (节假日与调休): shown to those who read the settings; entered by those who write them (calendar routes). */
    workCalendar: has('settings.read'),
    workCalendarWrite: has('settings.write'),
    /** 亩均 政策清单 and 统计分析: whoever reads enterprises (the server narrows a township to its own; editing: the 亩均 office). */
    muAnalysis: has('enterprises.read'),
  };
}

export type Access = ReturnType<typeof accessFor>;

export function useAccess(): Access {
  const { data } = useSession();
  return accessFor(data?.me);
}
