// Roles (角色), shared by server and web. 三员分立: sysadmin / secadmin / auditor are kept apart.
export const ROLES = ['sysadmin', 'secadmin', 'auditor', 'leader', 'supervisor', 'unit_admin', 'unit_staff', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { 'zh-CN': string; 'en-US': string }> = {
  sysadmin: { 'zh-CN': '系统管理员', 'en-US': 'System administrator' },
  secadmin: { 'zh-CN': '安全管理员', 'en-US': 'Security administrator' },
  auditor: { 'zh-CN': '审计管理员', 'en-US': 'Audit administrator' },
  leader: { 'zh-CN': '县领导', 'en-US': 'Leader' },
  supervisor: { 'zh-CN': '督查室', 'en-US': 'Supervisor' },
  unit_admin: { 'zh-CN': '单位管理员', 'en-US': 'Unit administrator' },
  unit_staff: { 'zh-CN': '单位经办人', 'en-US': 'Unit staff' },
  viewer: { 'zh-CN': '查阅', 'en-US': 'Viewer' },
};

/** The three administrator roles: TOTP is always required for them. */
export const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];

export const UNIT_KINDS = ['bureau', 'office', 'township', 'company', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, { 'zh-CN': string; 'en-US': string }> = {
  bureau: { 'zh-CN': '局委', 'en-US': 'Bureau' },
  office: { 'zh-CN': '办公室/中心', 'en-US': 'Office' },
  township: { 'zh-CN': '乡镇街道', 'en-US': 'Township' },
  company: { 'zh-CN': '国有企业', 'en-US': 'State company' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
