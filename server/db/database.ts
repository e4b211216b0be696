// Opens Kysely on SQLite (embedded, default) or PostgreSQL (production) from one URL.
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { withStatementCache } from './statement-cache.js';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DB } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  dialect: Dialect;
  /** The raw better-sqlite3 handle (SQLite only): online backup. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// PostgreSQL returns BIGINT/NUMERIC as strings by default; counts fit in JS numbers.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function openDatabase(url: string, opts: { searchPath?: string; poolSize?: number } = {}): Database {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length) || ':memory:';
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const handle = new SQLite(file);
    handle.pragma('journal_mode = WAL');
    handle.pragma('foreign_keys = ON');
    handle.pragma('busy_timeout = 5000');
    handle.pragma('synchronous = NORMAL');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(handle) }), plugins: [new CamelCasePlugin()] });
    return { db, dialect: 'sqlite', sqlite: handle, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    ...(opts.searchPath ? { options: `-c search_path=${opts.searchPath}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
