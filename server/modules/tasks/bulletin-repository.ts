// The queries of a bulletin: the tasks in the actor's scope that may have been open in the period, with their
// timelines and milestones. Scope in SQL (taskScope); the exact "open in the period" test is in bulletin-rules.ts.
import type { Trx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { taskScope } from './repository.js';

const CHUNK = 500;

/**
 * Tasks created before `untilIso` and not finished before `fromIso` (open ones, and done or cancelled ones whose
 * last change is in or after the period; the timeline replay decides).
 */
export async function bulletinTasks(db: Trx, actor: Actor, fromIso: string, untilIso: string) {
  return db.selectFrom('tasks').innerJoin('units as leadUnit', 'leadUnit.id', 'tasks.leadUnitId')
    .select(['tasks.id', 'tasks.serial', 'tasks.title', 'tasks.leadUnitId', 'leadUnit.name as leadUnitName', 'leadUnit.sortOrder as leadUnitSort',
      'tasks.startDate', 'tasks.originalDeadline', 'tasks.cadence', 'tasks.cadenceDay'])
    .where((eb) => taskScope(eb as any, actor))
    .where('tasks.createdAt', '<', untilIso)
    .where((eb) => eb.or([
      eb('tasks.status', 'in', ['assigned', 'returned', 'in_progress', 'completion_requested']),
      eb('tasks.updatedAt', '>=', fromIso),
      eb('tasks.completedAt', '>=', fromIso),
    ]))
    .orderBy('tasks.serial')
    .execute();
}

export async function timelinesOf(db: Trx, taskIds: string[], untilIso: string) {
  const events = new Map<string, { at: string; action: string; progress: number | null; dataJson: string | null }[]>();
  const milestones = new Map<string, { dueDate: string; expectedProgress: number | null; doneAt: string | null }[]>();
  for (let i = 0; i < taskIds.length; i += CHUNK) {
    const ids = taskIds.slice(i, i + CHUNK);
    const [ev, ms] = await Promise.all([
      db.selectFrom('taskEvents').select(['taskId', 'at', 'action', 'progress', 'dataJson']).where('taskId', 'in', ids).where('at', '<', untilIso)
        .orderBy('taskId').orderBy('at').orderBy('id').execute(),
      db.selectFrom('taskMilestones').select(['taskId', 'dueDate', 'expectedProgress', 'doneAt']).where('taskId', 'in', ids).execute(),
    ]);
    for (const e of ev) { const list = events.get(e.taskId); if (list) list.push(e); else events.set(e.taskId, [e]); }
    for (const m of ms) { const list = milestones.get(m.taskId); if (list) list.push(m); else milestones.set(m.taskId, [m]); }
  }
  return { events, milestones };
}
