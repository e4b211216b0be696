// 简体中文（默认）。角色、单位类型和错误信息来自 common/，这里不重复。
import common from './zh-CN/common';
import auth from './zh-CN/auth';
import home from './zh-CN/home';
import org from './zh-CN/org';
import users from './zh-CN/users';
import system from './zh-CN/system';
import modules from './zh-CN/modules';
import tasks from './zh-CN/tasks';
import assessment from './zh-CN/assessment';
import notices from './zh-CN/notices';
import projectsTracking from './zh-CN/projects-tracking';
import projects from './zh-CN/projects';
import muPolicies from './zh-CN/mu-policies';
import enterprises from './zh-CN/enterprises';
import mu from './zh-CN/mu';
import muAdjustments from './zh-CN/mu-adjustments';

export const messages = { ...common, ...auth, ...home, ...org, ...users, ...system, ...tasks, ...assessment, ...notices, ...projectsTracking, ...projects, ...muPolicies, ...enterprises, ...mu, ...muAdjustments, 'module.title': '这一模块将提供', 'module.who': '谁来用', 'module.status': '本模块正在建设，上线后在此办理。它使用的单位名录、领导分管和用户账号已经可用，由系统管理员维护。', 'date.format': 'YYYY年M月D日 HH:mm', 'date.day': 'YYYY年M月D日' };
export type MessageKey = keyof typeof messages;
export { modules };
