// 督查督办: tasks, their timeline, the working-day calendar, notifications and the records that follow a red task.
// Frozen in time: never import app code here.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('calendar_days')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('workday', 'integer', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema.createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text')
    .execute();

  await db.schema.createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('serial', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('source_title', 'text')
    .addColumn('source_date', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text')
    .addColumn('leader_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('lead_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('cadence', 'text', (c) => c.notNull())
    .addColumn('cadence_day', 'integer')
    .addColumn('cadence_reason', 'text')
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('original_deadline', 'text', (c) => c.notNull())
    .addColumn('accept_due', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pending_extension_to', 'text')
    .addColumn('needs_leader_signoff', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('signed_off_at', 'text')
    .addColumn('origin_type', 'text')
    .addColumn('origin_id', 'text')
    .addColumn('recurring_id', 'text')
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('last_report_at', 'text')
    .addColumn('quality', 'integer')
    // RAG is derived by rules (task-rag.ts) from the facts above and stored only so that lists can filter and count
    // by colour; every write and the daily job recompute it. Never typed in.
    .addColumn('rag', 'text', (c) => c.notNull().defaultTo('green'))
    .addColumn('rag_reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('rag_on', 'text', (c) => c.notNull())
    .addColumn('expected_progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('missed_reports', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_report_due', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('tasks_serial_uq', ['region_code', 'serial'])
    .execute();
  await db.schema.createIndex('tasks_region_status_idx').on('tasks').columns(['region_code', 'status', 'deadline']).execute();
  await db.schema.createIndex('tasks_unit_status_idx').on('tasks').columns(['lead_unit_id', 'status', 'deadline']).execute();
  await db.schema.createIndex('tasks_leader_idx').on('tasks').columns(['leader_user_id', 'status']).execute();
  await db.schema.createIndex('tasks_region_rag_idx').on('tasks').columns(['region_code', 'rag', 'status']).execute();
  await db.schema.createIndex('tasks_origin_idx').on('tasks').columns(['origin_type', 'origin_id']).execute();

  await db.schema.createTable('task_co_units')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('task_co_units_pk', ['task_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('task_co_units_unit_idx').on('task_co_units').columns(['unit_id']).execute();

  await db.schema.createTable('task_milestones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('expected_progress', 'integer')
    .addColumn('done_at', 'text')
    .execute();
  await db.schema.createIndex('task_milestones_task_idx').on('task_milestones').columns(['task_id', 'due_date']).execute();

  await db.schema.createTable('task_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('unit_id', 'text')
    .addColumn('comment', 'text')
    .addColumn('reason', 'text')
    .addColumn('progress', 'integer')
    .addColumn('data_json', 'text')
    .addColumn('attachments_json', 'text')
    .addColumn('fields_typed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('task_events_task_idx').on('task_events').columns(['task_id', 'at']).execute();
  await db.schema.createIndex('task_events_unit_idx').on('task_events').columns(['unit_id', 'at']).execute();

  await db.schema.createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.references('tasks.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_path', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('escalations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('requirement', 'text', (c) => c.notNull())
    .addColumn('reply_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text')
    .addUniqueConstraint('escalations_number_uq', ['region_code', 'year', 'seq'])
    .execute();

  await db.schema.createTable('accountability_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('task_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('task_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'read_at', 'created_at']).execute();

  // One row per reminder that must go out once, whatever the number of server processes (unique key).
  await db.schema.createTable('reminders')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('digested_at', 'text')
    .addPrimaryKeyConstraint('reminders_pk', ['task_id', 'kind', 'due_key'])
    .execute();
  await db.schema.createTable('digests')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('digests_pk', ['user_id', 'day'])
    .execute();

  await db.schema.createTable('webhooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('webhook_deliveries_due_idx').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();

  await db.schema.createTable('recurring_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('template_json', 'text', (c) => c.notNull())
    .addColumn('next_run_on', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('saved_filters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['saved_filters', 'recurring_tasks', 'webhook_deliveries', 'webhooks', 'digests', 'reminders', 'notifications',
    'accountability_actions', 'escalations', 'attachments', 'task_events', 'task_milestones', 'task_co_units', 'tasks', 'calendar_years', 'calendar_days']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
