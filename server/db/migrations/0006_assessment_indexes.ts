// Indexes the 督查考核 assessment and the 减负 burden meter read by: timeline events by kind, task and time (a task's last
// completion request, its reports in a window, the returns of a period), tasks by assignment time, reminders by the
// time they went out. Not (action, at) alone: SQLite would then answer "the last request of this task" by walking every
// task's requests in time order.
// Frozen in time: never import app code here.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('task_events_action_task_idx').on('task_events').columns(['action', 'task_id', 'at']).execute();
  await db.schema.createIndex('tasks_region_assigned_idx').on('tasks').columns(['region_code', 'assigned_at']).execute();
  await db.schema.createIndex('reminders_created_idx').on('reminders').columns(['created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of ['reminders_created_idx', 'tasks_region_assigned_idx', 'task_events_action_task_idx']) await db.schema.dropIndex(i).ifExists().execute();
}
