// Kysely's habit: every database test runs on each dialect — SQLite in memory always, PostgreSQL when
// TEST_DATABASE_URL is set. Each suite gets its own PostgreSQL schema, dropped at the end: no shared state.
import { afterAll, beforeAll, describe } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type Dialect } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';

export const DIALECTS: Dialect[] = ['sqlite', ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];

export async function openTestDatabase(dialect: Dialect): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const database = openDatabase('sqlite::memory:');
    await migrateToLatest(database.db);
    return { database, drop: () => database.close() };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = openDatabase(url, { searchPath: schema, poolSize: 5 });
  await migrateToLatest(database.db);
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

/** describe() once per dialect; `get()` gives the suite's database. */
export function describeEachDb(name: string, fn: (get: () => Database, dialect: Dialect) => void): void {
  for (const dialect of DIALECTS) {
    describe(`${name} [${dialect}]`, () => {
      let h: Awaited<ReturnType<typeof openTestDatabase>>;
      beforeAll(async () => { h = await openTestDatabase(dialect); });
      afterAll(async () => { await h?.drop(); });
      fn(() => h.database, dialect);
    });
  }
}
