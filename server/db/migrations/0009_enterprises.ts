// 亩均论英雄 — the enterprise registry (企业库): enterprises keyed by 统一社会信用代码, their land parcels, tenancies
// (an enterprise renting plant on another's parcel), yearly figures from each source bureau and the import batches.
// Frozen in time: never import app code here.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('enterprises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('credit_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('industry_code', 'text')
    .addColumn('township_code', 'text', (c) => c.references('regions.code'))
    .addColumn('park', 'text')
    .addColumn('above_scale', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('land_area_mu', 'double precision')
    .addColumn('producing_since', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('code_override_reason', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('enterprises_credit_code_uq', ['region_code', 'credit_code'])
    .execute();
  await db.schema.createIndex('enterprises_township_idx').on('enterprises').columns(['region_code', 'township_code']).execute();

  await db.schema.createTable('enterprise_parcels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('certificate_no', 'text')
    .addColumn('location', 'text')
    .addColumn('area_mu', 'double precision', (c) => c.notNull())
    .addColumn('land_use', 'text')
    .addColumn('acquired_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('enterprise_parcels_enterprise_idx').on('enterprise_parcels').columns(['enterprise_id']).execute();

  await db.schema.createTable('enterprise_tenancies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('landlord_id', 'text', (c) => c.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('parcel_id', 'text', (c) => c.references('enterprise_parcels.id').onDelete('set null'))
    .addColumn('area_mu', 'double precision', (c) => c.notNull())
    .addColumn('from_date', 'text')
    .addColumn('to_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('enterprise_tenancies_tenant_idx').on('enterprise_tenancies').columns(['tenant_id']).execute();
  await db.schema.createIndex('enterprise_tenancies_landlord_idx').on('enterprise_tenancies').columns(['landlord_id']).execute();

  await db.schema.createTable('enterprise_data_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('money_unit', 'text')
    .addColumn('row_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('enterprise_data_batches_region_idx').on('enterprise_data_batches').columns(['region_code', 'created_at']).execute();

  await db.schema.createTable('enterprise_year_data')
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text', (c) => c.references('enterprise_data_batches.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('enterprise_year_data_pk', ['enterprise_id', 'year', 'field'])
    .execute();
  await db.schema.createIndex('enterprise_year_data_year_idx').on('enterprise_year_data').columns(['year', 'field']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['enterprise_year_data', 'enterprise_data_batches', 'enterprise_tenancies', 'enterprise_parcels', 'enterprises']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
