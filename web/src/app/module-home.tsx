// Where a module's own address (/tasks, /mu, /projects) leads: the working page this user may open first.
// Shared by the router and the home page's tiles, so a tile never opens a description of a module that is in use.
import { Navigate } from 'react-router';
import { useAccess, type Access } from '../access';
import type { ModuleId } from '../locales/zh-CN/modules';

/** Modules whose pages are built; the rest keep their description page until they are. */
export const IN_USE: ReadonlySet<ModuleId> = new Set<ModuleId>(['tasks', 'projects', 'mu']);

/** The working page of a module in use for this user, or null (a description page or nothing to open). */
export function moduleHome(id: ModuleId, a: Access): string | null {
  if (id === 'tasks') return a.tasksInbox ? '/tasks/inbox' : a.tasksConsole ? '/tasks/console' : null;
  if (id === 'projects') return a.projects ? '/projects' : null;
  if (id === 'mu') return a.muAnalysis ? '/mu/runs' : null;
  return null;
}

export function ModuleHome({ id }: { id: ModuleId }) {
  const to = moduleHome(id, useAccess());
  return <Navigate to={to ?? '/'} replace />;
}
