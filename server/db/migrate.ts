import { Migrator, PostgresAdapter, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_account_list.js';
import * as m0003 from './migrations/0003_tasks.js';
import * as m0004 from './migrations/0004_recurring_periods.js';
import * as m0006 from './migrations/0006_assessment_indexes.js';
import * as m0007 from './migrations/0007_task_search.js';
import * as m0008 from './migrations/0008_totp_replay.js';
import * as m0009 from './migrations/0009_enterprises.js';
import * as m0010 from './migrations/0010_mu.js';
import * as m0011 from './migrations/0011_projects.js';
import * as m0012 from './migrations/0012_project_tracking.js';
import * as m0013 from './migrations/0013_mu_policies.js';
import * as m0014 from './migrations/0014_project_report_photos.js';
import * as m0015 from './migrations/0015_mu_run_storage.js';

// Listed explicitly so that migrations travel with any bundle and run in a fixed order.
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_account_list': m0002,
  '0003_tasks': m0003,
  '0004_recurring_periods': m0004,
  '0006_assessment_indexes': m0006,
  '0007_task_search': m0007,
  '0008_totp_replay': m0008,
  '0009_enterprises': m0009,
  '0010_mu': m0010,
  '0011_projects': m0011,
  '0012_project_tracking': m0012,
  '0013_mu_policies': m0013,
  '0014_project_report_photos': m0014,
  '0015_mu_run_storage': m0015,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

// On PostgreSQL the migrator looks for its bookkeeping tables in *any* schema unless told which one; name the current
// schema, or a database holding another luoshi schema (e.g. parallel test suites) is taken as already migrated.
async function currentSchema(db: Db): Promise<string | undefined> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined;
  return (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s ?? undefined;
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  // Numbers are handed out to modules in advance, so one may land after a later one has run (0002 after 0003):
  // run it then rather than refuse to start. Each migration must therefore stand on its own.
  const migrator = new Migrator({ db, provider, migrationTableSchema: await currentSchema(db), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
