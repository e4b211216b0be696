// 月报 形象进度 photos: optional evidence on a monthly report (减负: never required), at most nine per report. The file
// lies under UPLOAD_DIR like a task's attachment; the row keeps its name, type, size, sha256 and who uploaded it (the
// unit too: a unit removes only what it uploaded). Frozen in time: never import app code here. Runs after
// 0012_project_tracking (its rows reference project_reports).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('project_report_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('project_reports.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_path', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_by_name', 'text')
    .addColumn('uploaded_by_unit_id', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_report_photos_report_idx').on('project_report_photos').columns(['report_id', 'uploaded_at']).execute();
  await db.schema.createIndex('project_report_photos_project_idx').on('project_report_photos').columns(['project_id', 'period']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('project_report_photos').ifExists().execute();
}
