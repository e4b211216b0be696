// With CI=true a missing PostgreSQL is a failure, not a skip.
import pg from 'pg';

export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    if (process.env.CI === 'true') throw new Error('CI=true but TEST_DATABASE_URL is not set: database tests must run on PostgreSQL too');
    console.warn('TEST_DATABASE_URL not set: database tests run on SQLite only');
    return;
  }
  const client = new pg.Client({ connectionString: url });
  try { await client.connect(); await client.query('select 1'); } catch (e) {
    throw new Error(`TEST_DATABASE_URL=${url} is not reachable: ${(e as Error).message}`);
  } finally { await client.end().catch(() => {}); }
}
