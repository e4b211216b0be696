// 常态化: one row per (recurring task, period) that has been opened, so that each period's task opens exactly once
// whatever the number of server processes; plus the indexes the reminder digest and the recurring job read by.
// Frozen in time: never import app code here.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('recurring_periods')
    .addColumn('recurring_id', 'text', (c) => c.notNull().references('recurring_tasks.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull()) // '2026-11' | '2026-Q4' | '2026'
    .addColumn('task_id', 'text')
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('recurring_periods_pk', ['recurring_id', 'period'])
    .execute();
  // A second guard: two tasks of one recurring definition never start on the same day.
  await db.schema.createIndex('tasks_recurring_start_uq').on('tasks').columns(['recurring_id', 'start_date']).unique().execute();
  await db.schema.createIndex('reminders_digested_idx').on('reminders').columns(['digested_at', 'task_id']).execute();
  await db.schema.createIndex('recurring_tasks_due_idx').on('recurring_tasks').columns(['active', 'next_run_on']).execute();
  await db.schema.createIndex('webhooks_region_unit_idx').on('webhooks').columns(['region_code', 'unit_id']).execute();
  await db.schema.createIndex('digests_day_idx').on('digests').columns(['day']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of ['digests_day_idx', 'webhooks_region_unit_idx', 'recurring_tasks_due_idx', 'reminders_digested_idx', 'tasks_recurring_start_uq']) {
    await db.schema.dropIndex(i).ifExists().execute();
  }
  await db.schema.dropTable('recurring_periods').ifExists().execute();
}
