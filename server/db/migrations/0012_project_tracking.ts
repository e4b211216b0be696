// 重大项目 tracking: milestones with the approved baseline (挂图作战), monthly reports (月报) and their corrections,
// problems raised on a project (each a task of the 督查督办 loop), site visits (现场办公) and their decisions.
// Frozen in time: never import app code here. Runs after 0011_projects (its rows reference projects).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('project_milestones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('planned_start', 'text')
    .addColumn('planned_end', 'text', (c) => c.notNull())
    // Done on (红旗); null while open.
    .addColumn('actual_end', 'text')
    // Kept when the plan is first approved; null for milestones added since.
    .addColumn('baseline_start', 'text')
    .addColumn('baseline_end', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_milestones_project_idx').on('project_milestones').columns(['project_id', 'planned_end']).execute();

  // The plan's approval (one per project): when the baseline was taken and by whom.
  await db.schema.createTable('project_plan_approvals')
    .addColumn('project_id', 'text', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
    .addColumn('approved_on', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_by_name', 'text')
    .addColumn('milestone_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // 月报: one row per project and month. 累计 figures are never stored: they are sums (reports-read.ts).
  await db.schema.createTable('project_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    // 当月完成投资, 万元
    .addColumn('amount', 'double precision', (c) => c.notNull())
    // 形象进度
    .addColumn('progress_text', 'text', (c) => c.notNull())
    .addColumn('problems_text', 'text')
    // 'form' (the lead unit's monthly report) or 'ledger' (a 台账 import's 1-N月 figure)
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('form'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .addColumn('filed_by', 'text')
    .addColumn('filed_by_name', 'text')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('corrections', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('project_reports_period_uq', ['project_id', 'period'])
    .execute();
  await db.schema.createIndex('project_reports_region_period_idx').on('project_reports').columns(['region_code', 'year', 'period']).execute();

  // A closed period's report changed: the reason and the figures before and after.
  await db.schema.createTable('project_report_corrections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('project_reports.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text', (c) => c.notNull())
    .addColumn('after_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_report_corrections_report_idx').on('project_report_corrections').columns(['report_id', 'at']).execute();

  // Problems (用地, 资金 …) and red-light referrals to the 督查室 (kind 'red_light'); each is a task of the loop.
  await db.schema.createTable('project_problems')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('raised_by', 'text')
    .addColumn('raised_by_name', 'text')
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_problems_project_idx').on('project_problems').columns(['project_id', 'raised_at']).execute();
  await db.schema.createIndex('project_problems_task_idx').on('project_problems').columns(['task_id']).execute();

  // 现场办公
  await db.schema.createTable('project_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('leader_user_id', 'text', (c) => c.notNull())
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_visits_project_idx').on('project_visits').columns(['project_id', 'visited_on']).execute();
  await db.schema.createTable('project_visit_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text', (c) => c.notNull().references('project_visits.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('project_visit_decisions_visit_idx').on('project_visit_decisions').columns(['visit_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['project_visit_decisions', 'project_visits', 'project_problems', 'project_report_corrections', 'project_reports', 'project_plan_approvals', 'project_milestones']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
