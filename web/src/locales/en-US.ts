// English. Roles, unit kinds and error messages come from common/.
import type { messages as zh } from './zh-CN';
import common from './en-US/common';
import auth from './en-US/auth';
import home from './en-US/home';
import org from './en-US/org';
import users from './en-US/users';
import system from './en-US/system';
import modules from './en-US/modules';
import tasks from './en-US/tasks';
import assessment from './en-US/assessment';
import notices from './en-US/notices';
import projectsTracking from './en-US/projects-tracking';
import projects from './en-US/projects';
import muPolicies from './en-US/mu-policies';
import enterprises from './en-US/enterprises';
import mu from './en-US/mu';
import muAdjustments from './en-US/mu-adjustments';

export const messages: typeof zh = { ...common, ...auth, ...home, ...org, ...users, ...system, ...tasks, ...assessment, ...notices, ...projectsTracking, ...projects, ...muPolicies, ...enterprises, ...mu, ...muAdjustments, 'module.title': 'What this module will do', 'module.who': 'Who uses it', 'module.status': 'This module is being built and will be used here. The units, leaders\' portfolios and accounts it relies on are already in place, kept by the system administrator.', 'date.format': 'YYYY-MM-DD HH:mm', 'date.day': 'YYYY-MM-DD' };
export { modules };
