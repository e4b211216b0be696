import { Migrator, PostgresAdapter, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0003 from './migrations/0003_tasks.js';
import * as m0004 from './migrations/0004_recurring_periods.js';

// Listed explicitly so that migrations travel with any bundle and run in a fixed order.
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0003_tasks': m0003,
  '0004_recurring_periods': m0004,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

// On PostgreSQL the migrator looks for its bookkeeping tables in *any* schema unless told which one; name the current
// schema, or a database holding another luoshi schema (e.g. parallel test suites) is taken as already migrated.
async function currentSchema(db: Db): Promise<string | undefined> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined;
  return (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s ?? undefined;
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableSchema: await currentSchema(db) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
