// 审计日志中操作代码的中文名称（未列出的显示原代码）。
export const ENTITY_TYPES = ['user', 'unit', 'leader', 'session', 'settings', 'region', 'task', 'calendar', 'webhook'] as const;

const actions: Record<string, string> = {
  'auth.login': '登录', 'auth.login_failed': '登录失败', 'auth.locked': '账号锁定', 'auth.logout': '退出登录',
  'auth.mfa': '动态口令验证', 'auth.mfa_failed': '动态口令错误', 'auth.mfa_recovery_code': '使用恢复码',
  'auth.password_changed': '修改密码', 'auth.totp_setup': '开始绑定动态口令', 'auth.totp_enabled': '绑定动态口令',
  'user.create': '新建用户', 'user.update': '修改用户', 'user.disable': '停用用户', 'user.import': '导入用户', 'user.locale': '切换界面语言',
  'user.roles': '授予角色', 'user.password_reset': '重置密码', 'user.totp_reset': '重置动态口令',
  'unit.create': '新建单位', 'unit.update': '修改单位', 'unit.delete': '删除单位', 'unit.import': '导入单位',
  'leader.create': '新增领导', 'leader.update': '修改分管', 'leader.delete': '移除领导',
  'session.revoke': '强制下线', 'settings.update': '修改系统设置', 'system.seed_demo': '初始化演示数据',
  'calendar.set_day': '设置工作日', 'calendar.clear_day': '恢复法定日历', 'calendar.confirm_year': '确认年度日历',
  'task.assign': '交办', 'task.escalate': '督办', 'task.attachment_add': '添加附件',
};
export const entityTypes: Record<string, string> = {
  user: '用户', unit: '单位', leader: '领导', session: '会话', settings: '系统设置', region: '行政区划', task: '督办事项', calendar: '工作日历', webhook: '消息推送',
};
export default actions;
