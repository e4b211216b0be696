// Routes. Pages load on demand; each page says which access it needs (the menu asks the same).
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { RequireAuth } from './RequireAuth';
import { BasicLayout } from './layout/BasicLayout';
import { Guard } from './Guard';
import type { Access } from '../access';
import { MODULE_IDS } from '../locales/zh-CN/modules';
import { IN_USE, ModuleHome } from './module-home';
import { NotFoundPage } from '../pages/errors/NotFoundPage';
import { PageLoading } from '../components/PageLoading';
import { registerPage } from './prefetch';

const page = (load: () => Promise<{ default: ComponentType }>) => { const C = lazy(registerPage(load)); return <C />; };
const guarded = (allow: (a: Access) => boolean, el: ReactNode) => <Guard allow={allow}>{el}</Guard>;

const LoginPage = lazy(() => import('../pages/login/LoginPage'));

export const router = createBrowserRouter([
  { path: '/login', element: <Suspense fallback={<PageLoading full />}><LoginPage /></Suspense> },
  {
    path: '/',
    element: <RequireAuth><BasicLayout /></RequireAuth>,
    children: [
      { index: true, element: page(() => import('../pages/home/HomePage')) },
      { path: 'projects', element: guarded((a) => a.projects, page(() => import('../pages/projects/LibraryPage'))) },
      { path: 'projects/:id', element: guarded((a) => a.projects, page(() => import('../pages/projects/ProjectPage'))) },
      // A module in use opens its working page; the others say what they will do.
      { path: 'tasks', element: <ModuleHome id="tasks" /> },
      { path: 'mu', element: <ModuleHome id="mu" /> },
      ...MODULE_IDS.filter((id) => !IN_USE.has(id)).map((id) => ({ path: id, element: guarded((a) => a.business, page(() => import('../pages/modules/ModulePage').then((m) => ({ default: () => <m.default id={id} /> })))) })),
      { path: 'tasks/inbox', element: guarded((a) => a.tasksInbox, page(() => import('../pages/tasks/InboxPage'))) },
      { path: 'tasks/console', element: guarded((a) => a.tasksConsole, page(() => import('../pages/tasks/ConsolePage'))) },
      { path: 'tasks/calendar', element: guarded((a) => a.tasksCalendar, page(() => import('../pages/calendar/DeadlineCalendarPage'))) },
      { path: 'tasks/assessment', element: guarded((a) => a.tasksAssess, page(() => import('../pages/assessment/AssessmentPage'))) },
      { path: 'tasks/bulletins', element: guarded((a) => a.tasksAssess, page(() => import('../pages/assessment/BulletinPage'))) },
      { path: 'tasks/burden', element: guarded((a) => a.tasksAssess, page(() => import('../pages/assessment/BurdenPage'))) },
      { path: 'tasks/:id', element: guarded((a) => a.business, page(() => import('../pages/tasks/TaskPage'))) },
      { path: 'projects/overview', element: guarded((a) => a.business, page(() => import('../pages/projects/OverviewPage'))) },
      { path: 'projects/battle-map', element: guarded((a) => a.business, page(() => import('../pages/projects/BattleMapPage'))) },
      { path: 'mu/enterprises', element: guarded((a) => a.muAnalysis, page(() => import('../pages/enterprises/EnterprisesPage'))) },
      { path: 'mu/enterprises/:id', element: guarded((a) => a.muAnalysis, page(() => import('../pages/enterprises/EnterprisePage'))) },
      { path: 'mu/completeness', element: guarded((a) => a.muAnalysis, page(() => import('../pages/enterprises/CompletenessPage'))) },
      { path: 'mu/adjustments', element: guarded((a) => a.muAnalysis, page(() => import('../pages/mu/MuAdjustmentsPage'))) },
      { path: 'mu/policies', element: guarded((a) => a.muAnalysis, page(() => import('../pages/mu/MuPoliciesPage'))) },
      { path: 'mu/policies/:id', element: guarded((a) => a.muAnalysis, page(() => import('../pages/mu/MuPoliciesListPage'))) },
      { path: 'mu/analysis', element: guarded((a) => a.muAnalysis, page(() => import('../pages/mu/MuAggregatesPage'))) },
      { path: 'mu/schemes', element: guarded((a) => a.muAnalysis, page(() => import('../pages/mu/MuSchemesPage'))) },
      { path: 'mu/schemes/:id', element: guarded((a) => a.muAnalysis, page(() => import('../pages/mu/MuSchemeEditorPage'))) },
      { path: 'mu/runs', element: guarded((a) => a.muAnalysis, page(() => import('../pages/mu/MuRunsPage'))) },
      { path: 'mu/runs/:id', element: guarded((a) => a.muAnalysis, page(() => import('../pages/mu/MuRunPage'))) },
      { path: 'admin', element: <Navigate to="/" replace /> },
      { path: 'admin/units', element: guarded((a) => a.units, page(() => import('../pages/units/UnitsPage'))) },
      { path: 'admin/leaders', element: guarded((a) => a.leaders, page(() => import('../pages/leaders/LeadersPage'))) },
      { path: 'admin/users', element: guarded((a) => a.users, page(() => import('../pages/users/UsersPage'))) },
      { path: 'admin/sessions', element: guarded((a) => a.sessions, page(() => import('../pages/sessions/SessionsPage'))) },
      { path: 'admin/settings', element: guarded((a) => a.settings, page(() => import('../pages/settings/SettingsPage'))) },
      { path: 'admin/calendar', element: guarded((a) => a.workCalendar, page(() => import('../pages/calendar/WorkCalendarPage'))) },
      { path: 'audit', element: guarded((a) => a.audit, page(() => import('../pages/audit/AuditPage'))) },
      { path: 'account/password', element: page(() => import('../pages/account/ChangePasswordPage')) },
      { path: 'notifications', element: page(() => import('../pages/notifications/NotificationsPage')) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
