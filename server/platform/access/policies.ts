// What each role may do. Menus and buttons ask the same table (served by /auth/me); the server decides.
// 三员分立: sysadmin manages accounts and settings but reads no business data and no audit log;
// secadmin grants roles and manages sessions; auditor reads only the audit log.
import type { Role } from '../../../common/roles.js';
import { Forbidden } from '../errors.js';
import type { Actor } from './actor.js';

export const PERMISSIONS = {
  'org.read': ['sysadmin', 'secadmin', 'leader', 'supervisor', 'unit_admin', 'unit_staff', 'viewer'],
  'units.write': ['sysadmin'],
  'leaders.write': ['sysadmin'],
  'users.read': ['sysadmin', 'secadmin', 'unit_admin'],
  'users.write': ['sysadmin'],
  'users.resetPassword': ['sysadmin', 'secadmin', 'unit_admin'],
  'roles.grant': ['secadmin'],
  'sessions.manage': ['secadmin'],
  'totp.reset': ['secadmin'],
  'settings.read': ['sysadmin', 'secadmin'],
  'settings.write': ['sysadmin', 'secadmin'],
  'audit.read': ['auditor'],
  'business.read': ['leader', 'supervisor', 'unit_admin', 'unit_staff', 'viewer'],
  'tasks.read': ['leader', 'supervisor', 'unit_admin', 'unit_staff', 'viewer'],
  'tasks.assign': ['supervisor'],
  'tasks.supervise': ['supervisor'],
  'tasks.assess': ['supervisor', 'leader', 'viewer'],
  'webhooks.manage': ['sysadmin', 'supervisor'],
  // 亩均论英雄: the service narrows reading (a township unit its own township, other units none unless the 亩均 office).
  'enterprises.read': ['leader', 'supervisor', 'unit_admin', 'unit_staff', 'viewer'],
  // The 亩均 office only (setting mu.officeUnitIds, checked by the service): registry, imports, schemes, runs, policies.
  'mu.manage': ['unit_admin', 'unit_staff'],
  'projects.read': ['leader', 'supervisor', 'unit_admin', 'unit_staff', 'viewer'],
  // The service narrows: create/edit by the supervisor or a unit of setting projects.libraryUnitIds; the lead unit its own project.
  'projects.manage': ['supervisor', 'unit_admin', 'unit_staff'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, p: Permission): boolean {
  return (PERMISSIONS[p] as readonly Role[]).some((r) => actor.roles.has(r));
}

export function authorize(actor: Actor, p: Permission): void {
  if (!can(actor, p)) throw new Forbidden();
}

export function permissionsOf(actor: Actor): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(actor, p));
}
