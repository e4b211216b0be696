// Paging the console by deadline, and Chinese substring search over tasks:
// SQLite — an FTS5 table with the trigram tokenizer kept in step by triggers; PostgreSQL — pg_trgm GIN index.
// (Both index queries of 3 characters or more; shorter ones fall back to a scan, still correct.)
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Gapless numbers per key (e.g. task serials per region and year), taken atomically with an upsert.
  await db.schema.createTable('counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tasks_region_deadline_idx').on('tasks').columns(['region_code', 'deadline', 'id']).execute();
  await db.schema.createIndex('tasks_unit_deadline_idx').on('tasks').columns(['lead_unit_id', 'deadline', 'id']).execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // The extension is database-wide: keep it in public (not in whatever schema is first on the search path) and
    // name its operator class by the schema it actually lives in.
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    const { rows } = await sql<{ s: string }>`select extnamespace::regnamespace::text as s from pg_extension where extname = 'pg_trgm'`.execute(db);
    await sql`create index tasks_search_trgm_idx on tasks using gin (search_text ${sql.ref(rows[0].s)}.gin_trgm_ops)`.execute(db);
  } else {
    await sql`create virtual table tasks_fts using fts5(search_text, content='tasks', content_rowid='rowid', tokenize='trigram')`.execute(db);
    await sql`insert into tasks_fts(rowid, search_text) select rowid, search_text from tasks`.execute(db);
    await sql`create trigger tasks_fts_ai after insert on tasks begin insert into tasks_fts(rowid, search_text) values (new.rowid, new.search_text); end`.execute(db);
    await sql`create trigger tasks_fts_ad after delete on tasks begin insert into tasks_fts(tasks_fts, rowid, search_text) values ('delete', old.rowid, old.search_text); end`.execute(db);
    await sql`create trigger tasks_fts_au after update of search_text on tasks begin insert into tasks_fts(tasks_fts, rowid, search_text) values ('delete', old.rowid, old.search_text); insert into tasks_fts(rowid, search_text) values (new.rowid, new.search_text); end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop index if exists tasks_search_trgm_idx`.execute(db);
  } else {
    for (const t of ['tasks_fts_ai', 'tasks_fts_ad', 'tasks_fts_au']) await sql.raw(`drop trigger if exists ${t}`).execute(db);
    await sql`drop table if exists tasks_fts`.execute(db);
  }
  await db.schema.dropIndex('tasks_unit_deadline_idx').ifExists().execute();
  await db.schema.dropIndex('tasks_region_deadline_idx').ifExists().execute();
  await db.schema.dropTable('counters').ifExists().execute();
}
