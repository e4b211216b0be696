// The left navigation: the modules, then administration. Each entry is shown only if access.ts allows it.
import type { ReactNode } from 'react';
import {
  ApartmentOutlined, AuditOutlined, BankOutlined, BarChartOutlined, ClusterOutlined, CustomerServiceOutlined,
  DashboardOutlined, DesktopOutlined, FileTextOutlined, FlagOutlined, FundViewOutlined, InboxOutlined, LineChartOutlined, ProjectOutlined,
  NotificationOutlined, ReconciliationOutlined, SafetyCertificateOutlined, SettingOutlined, TeamOutlined, TrophyOutlined,
} from '@ant-design/icons';
import { CalendarOutlined, ScheduleOutlined } from '@ant-design/icons';
import { PieChartOutlined, SolutionOutlined } from '@ant-design/icons';
import { CheckSquareOutlined, DatabaseOutlined } from '@ant-design/icons';
import { ControlOutlined, OrderedListOutlined } from '@ant-design/icons';
import { AppstoreOutlined } from '@ant-design/icons';
import { DiffOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { Access } from '../../access';
import type { MessageKey } from '../../locales/zh-CN';
import type { T } from '../i18n';

export interface MenuEntry { path: string; label: MessageKey; icon: ReactNode; visible: (a: Access) => boolean; children?: MenuEntry[] }

const business = (a: Access) => a.business;

export const MENU: MenuEntry[] = [
  { path: '/', label: 'menu.home', icon: <DashboardOutlined />, visible: (a) => a.home },
  {
    path: '/tasks', label: 'menu.tasks', icon: <FlagOutlined />, visible: business,
    children: [
      { path: '/tasks/inbox', label: 'menu.tasksInbox', icon: <InboxOutlined />, visible: (a) => a.tasksInbox },
      { path: '/tasks/console', label: 'menu.tasksConsole', icon: <FundViewOutlined />, visible: (a) => a.tasksConsole },
      { path: '/tasks/calendar', label: 'menu.tasksCalendar', icon: <CalendarOutlined />, visible: (a) => a.tasksCalendar },
      { path: '/tasks/assessment', label: 'menu.tasksAssessment', icon: <TrophyOutlined />, visible: (a) => a.tasksAssess },
      { path: '/tasks/bulletins', label: 'menu.tasksBulletins', icon: <NotificationOutlined />, visible: (a) => a.tasksAssess },
      { path: '/tasks/burden', label: 'menu.tasksBurden', icon: <ReconciliationOutlined />, visible: (a) => a.tasksAssess },
    ],
  },
  {
    // A group's key only opens it (never navigated to); 项目库 is /projects itself.
    path: 'group:/projects', label: 'menu.projects', icon: <ProjectOutlined />, visible: business,
    children: [
      { path: '/projects', label: 'menu.projectsLibrary', icon: <AppstoreOutlined />, visible: (a) => a.projects },
      { path: '/projects/overview', label: 'menu.projectsOverview', icon: <FundViewOutlined />, visible: (a) => a.projects },
      { path: '/projects/battle-map', label: 'menu.projectsBattleMap', icon: <ScheduleOutlined />, visible: (a) => a.projects },
    ],
  },
  {
    path: '/mu', label: 'menu.mu', icon: <BarChartOutlined />, visible: business,
    children: [
      { path: '/mu/enterprises', label: 'menu.muEnterprises', icon: <DatabaseOutlined />, visible: (a) => a.muAnalysis },
      { path: '/mu/completeness', label: 'menu.muCompleteness', icon: <CheckSquareOutlined />, visible: (a) => a.muAnalysis },
      { path: '/mu/schemes', label: 'menu.muSchemes', icon: <ControlOutlined />, visible: (a) => a.muAnalysis },
      { path: '/mu/adjustments', label: 'menu.muAdjustments', icon: <DiffOutlined />, visible: (a) => a.muAnalysis },
      { path: '/mu/runs', label: 'menu.muRuns', icon: <OrderedListOutlined />, visible: (a) => a.muAnalysis },
      { path: '/mu/policies', label: 'menu.muPolicies', icon: <SolutionOutlined />, visible: (a) => a.muAnalysis },
      { path: '/mu/analysis', label: 'menu.muAnalysis', icon: <PieChartOutlined />, visible: (a) => a.muAnalysis },
    ],
  },
  { path: '/chains', label: 'menu.chains', icon: <ClusterOutlined />, visible: business },
  { path: '/demands', label: 'menu.demands', icon: <CustomerServiceOutlined />, visible: business },
  { path: '/economy', label: 'menu.economy', icon: <LineChartOutlined />, visible: business },
  { path: '/reports', label: 'menu.reports', icon: <FileTextOutlined />, visible: business },
  {
    path: '/admin', label: 'menu.admin', icon: <SettingOutlined />, visible: () => true,
    children: [
      { path: '/admin/units', label: 'menu.units', icon: <BankOutlined />, visible: (a) => a.units },
      { path: '/admin/leaders', label: 'menu.leaders', icon: <ApartmentOutlined />, visible: (a) => a.leaders },
      { path: '/admin/users', label: 'menu.users', icon: <TeamOutlined />, visible: (a) => a.users },
      { path: '/admin/sessions', label: 'menu.sessions', icon: <DesktopOutlined />, visible: (a) => a.sessions },
      { path: '/admin/settings', label: 'menu.settings', icon: <SafetyCertificateOutlined />, visible: (a) => a.settings },
      { path: '/admin/calendar', label: 'menu.workCalendar', icon: <ScheduleOutlined />, visible: (a) => a.workCalendar },
    ],
  },
  { path: '/audit', label: 'menu.audit', icon: <AuditOutlined />, visible: (a) => a.audit },
];

/** Entries this user may see (a group with no visible child disappears). */
export function visibleMenu(a: Access, entries: MenuEntry[] = MENU): MenuEntry[] {
  return entries.flatMap((e) => {
    if (!e.visible(a)) return [];
    if (!e.children) return [e];
    const children = visibleMenu(a, e.children);
    return children.length ? [{ ...e, children }] : [];
  });
}

export function menuItems(entries: MenuEntry[], t: T): NonNullable<MenuProps['items']> {
  return entries.map((e) => ({
    key: e.path, icon: e.icon, label: t(e.label),
    ...(e.children ? { children: menuItems(e.children, t) } : {}),
  }));
}

/** The first page a user may open (the auditor's is the audit log); '/' when there is none (no roles yet). */
export function firstPage(a: Access): string {
  const first = visibleMenu(a)[0];
  return first ? (first.children?.[0]?.path ?? first.path) : '/';
}

