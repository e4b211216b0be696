// Read config, open the database, migrate, seed the demo county on first start, listen.
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './app.js';
import { DEMO, isEmpty, seedDemo } from './demo/demo-county.js';
import { seedDemoTasks } from './demo/demo-tasks.js';
import { seedDemoProjects } from './demo/demo-projects.js';
import { seedDemoProjectTracking } from './demo/demo-project-tracking.js';
import { seedDemoEnterprises } from './demo/demo-enterprises.js';
import { seedDemoMu } from './demo/demo-mu.js';
import { seedDemoMuPolicies } from './demo/demo-mu-policies.js';
import { systemClock } from './platform/clock.js';
import { startScheduler } from './platform/jobs/scheduler.js';
import { JOBS } from './jobs.js';

export async function serve(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  const applied = await migrateToLatest(database.db);
  const { app, ctx } = await buildApp({ database, config, clock: systemClock });
  if (applied.length) app.log.info({ applied }, 'migrations applied');
  if (config.seedDemo && (await isEmpty(ctx))) {
    await seedDemo(ctx, (s) => app.log.info(s));
    await seedDemoTasks(ctx, DEMO.county.code, (s) => app.log.info(s));
    await seedDemoProjects(ctx, DEMO.county.code, (s) => app.log.info(s));
    // After the project library's demo (seedDemoProjects goes above this line): milestones, reports, problems, visits.
    await seedDemoProjectTracking(ctx, DEMO.county.code, (s) => app.log.info(s));
    await seedDemoEnterprises(ctx, DEMO.county.code, (s) => app.log.info(s));
    await seedDemoMu(ctx, DEMO.county.code, (s) => app.log.info(s));
    // 差别化政策 (definitions only: their lists are computed from the published runs when read). After the enterprises
    // demo, which names the 亩均 office; before or after the 亩均 runs' demo alike.
    await seedDemoMuPolicies(ctx, DEMO.county.code, 2024, (s) => app.log.info(s));
  }
  // Background jobs (reminders, robot messages, recurring tasks): each guarded by a lease in the database.
  const scheduler = config.runJobs ? startScheduler(ctx, JOBS, app.log) : null;
  const close = async () => { await scheduler?.stop(); await app.close(); await database.close(); process.exit(0); };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  const where = database.dialect === 'sqlite' ? config.databaseUrl.replace(/^sqlite:/, '') : 'PostgreSQL';
  console.log(`luoshi 落实 is running at http://localhost:${config.port} (database: ${where})`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  serve().catch((err) => { console.error(err); process.exit(1); });
}
