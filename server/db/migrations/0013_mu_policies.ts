// 亩均 差别化政策: policies tied to the evaluation classes, as data (who acts on it, what kind, the terms per class and
// consecutive-year tier, the years it is in force). Reads mu runs but does not reference their tables, so it stands
// on its own. Frozen in time: never import app code here.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('mu_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    // The body that acts on the list: 县税务局, 国网示例县供电公司, 县自然资源和规划局 …
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('basis', 'text')
    .addColumn('note', 'text')
    .addColumn('from_year', 'integer', (c) => c.notNull())
    .addColumn('to_year', 'integer')
    // [{ class: 'A'|'B'|'C'|'D', minYears: 1.., value: number|null, text: string|null }], validated by policies-rules.ts
    .addColumn('terms_json', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('mu_policies_name_uq', ['region_code', 'name', 'from_year'])
    .execute();
  await db.schema.createIndex('mu_policies_region_idx').on('mu_policies').columns(['region_code', 'from_year']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mu_policies').execute();
}
