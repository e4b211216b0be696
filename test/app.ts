// Builds the real app over a test database (no web UI), with a clock the test can move.
import type { Database } from '../server/db/database.js';
import { buildApp } from '../server/app.js';
import { testConfig, type Config } from '../server/config.js';
import { TestClock } from '../server/platform/clock.js';

export async function testApp(database: Database, overrides: Partial<Config> = {}) {
  const clock = new TestClock(new Date());
  const { app, ctx } = await buildApp({ database, config: testConfig(overrides), clock, webDist: null });
  await app.ready();
  return { app, ctx, clock };
}
