// 亩均论英雄 evaluation: schemes (one per county and year, versioned), runs (a scheme version evaluated on a stored data
// snapshot; published runs are frozen), per-enterprise results, and the yearly bonus/deduction inputs per enterprise.
// No foreign key to `enterprises`: results keep the enterprise's name and code as of the run, and this migration stands
// on its own. Amounts are double precision (PostgreSQL's real is single precision). Frozen in time: never import app code here.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('mu_schemes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('definition_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('mu_schemes_version_uq', ['region_code', 'year', 'version'])
    .execute();

  await db.schema.createTable('mu_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('scheme_id', 'text', (c) => c.notNull().references('mu_schemes.id'))
    .addColumn('scheme_version', 'integer', (c) => c.notNull())
    .addColumn('scheme_json', 'text', (c) => c.notNull())
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('mu_runs_region_year_idx').on('mu_runs').columns(['region_code', 'year', 'status']).execute();

  await db.schema.createTable('mu_results')
    .addColumn('run_id', 'text', (c) => c.notNull().references('mu_runs.id').onDelete('cascade'))
    .addColumn('enterprise_id', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('group_key', 'text', (c) => c.notNull())
    .addColumn('group_name', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text')
    .addColumn('park', 'text')
    .addColumn('industry_code', 'text')
    .addColumn('evaluated', 'integer', (c) => c.notNull())
    .addColumn('exclusion_reason', 'text')
    .addColumn('total', 'double precision')
    .addColumn('rank', 'integer')
    .addColumn('class', 'text')
    .addColumn('forced_reason', 'text')
    .addColumn('per_mu_tax', 'double precision')
    .addColumn('per_mu_value_added', 'double precision')
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mu_results_pk', ['run_id', 'enterprise_id'])
    .execute();
  await db.schema.createIndex('mu_results_enterprise_idx').on('mu_results').columns(['enterprise_id', 'run_id']).execute();
  await db.schema.createIndex('mu_results_run_group_idx').on('mu_results').columns(['run_id', 'group_key', 'rank']).execute();

  // Bonus/deduction inputs (安全事故, 高新技术企业, 严重环境违法 …): per enterprise, year and item key of the scheme.
  await db.schema.createTable('mu_adjustments')
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('enterprise_id', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mu_adjustments_pk', ['region_code', 'year', 'enterprise_id', 'item_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['mu_adjustments', 'mu_results', 'mu_runs', 'mu_schemes']) await db.schema.dropTable(t).ifExists().execute();
}
