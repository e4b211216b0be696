// What other modules may read of a task without touching the tasks table: its state in a few fields. Projects show
// a problem's or a site-visit decision's task this way (the tasks module owns its table; DESIGN.md).
import type { Trx } from '../../context.js';

export interface TaskSummary {
  id: string; serial: string; status: string; rag: string; deadline: string; progress: number; completedAt: string | null;
  leadUnitId: string; leadUnitName: string;
}

/** The tasks of these ids (any missing id is simply absent from the map). No scope: the caller has already decided
 *  that its own record (a project, …) may be read, and the task is shown only as that record's state. */
export async function taskSummaries(db: Trx, ids: readonly string[]): Promise<Map<string, TaskSummary>> {
  const out = new Map<string, TaskSummary>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db.selectFrom('tasks').innerJoin('units', 'units.id', 'tasks.leadUnitId')
      .select(['tasks.id', 'tasks.serial', 'tasks.status', 'tasks.rag', 'tasks.deadline', 'tasks.progress', 'tasks.completedAt', 'tasks.leadUnitId', 'units.name as leadUnitName'])
      .where('tasks.id', 'in', unique.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}
