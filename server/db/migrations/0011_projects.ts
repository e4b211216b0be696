// 重大项目 — the project library: projects, their yearly plans, stage moves and approvals (前期手续).
// Frozen in time: never import app code here.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('serial', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // 投资项目统一代码: 24 characters, 4-6-2-2-6; optional while a project is only 谋划/储备.
    .addColumn('project_code', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('industry_code', 'text')
    // A region code of level 'township'.
    .addColumn('township_code', 'text')
    .addColumn('owner_name', 'text')
    .addColumn('owner_credit_code', 'text')
    .addColumn('content', 'text')
    // 万元
    .addColumn('total_investment', 'double precision', (c) => c.notNull())
    .addColumn('planned_start', 'text')
    .addColumn('actual_start', 'text')
    .addColumn('planned_completion', 'text')
    .addColumn('actual_completion', 'text')
    // 包抓领导: a user with the role leader.
    .addColumn('leader_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('lead_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('task_force', 'text')
    .addColumn('plan_summary', 'text')
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_since', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('projects_serial_uq', ['region_code', 'serial'])
    .execute();
  // NULL codes are distinct on both dialects: several planned projects may have none yet.
  await db.schema.createIndex('projects_code_uq').unique().on('projects').columns(['region_code', 'project_code']).execute();
  await db.schema.createIndex('projects_region_stage_idx').on('projects').columns(['region_code', 'stage']).execute();
  await db.schema.createIndex('projects_region_name_idx').on('projects').columns(['region_code', 'name']).execute();
  await db.schema.createIndex('projects_unit_idx').on('projects').columns(['lead_unit_id']).execute();
  await db.schema.createIndex('projects_leader_idx').on('projects').columns(['leader_user_id']).execute();
  await db.schema.createIndex('projects_township_idx').on('projects').columns(['township_code']).execute();

  await db.schema.createTable('project_year_plans')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('planned_investment', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_year_plans_pk', ['project_id', 'year'])
    .execute();

  await db.schema.createTable('project_stage_moves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('moved_on', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_stage_moves_project_idx').on('project_stage_moves').columns(['project_id', 'moved_on']).execute();
  await db.schema.createIndex('project_stage_moves_to_idx').on('project_stage_moves').columns(['to_stage', 'moved_on']).execute();

  await db.schema.createTable('project_approvals')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // 立项 only: 审批 / 核准 / 备案 ('approval' | 'ratification' | 'filing').
    .addColumn('variant', 'text')
    .addColumn('planned_on', 'text')
    .addColumn('actual_on', 'text')
    .addColumn('doc_ref', 'text')
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text')
    .addPrimaryKeyConstraint('project_approvals_pk', ['project_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['project_approvals', 'project_stage_moves', 'project_year_plans', 'projects']) await db.schema.dropTable(t).ifExists().execute();
}
