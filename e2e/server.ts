// Starts the real server in-process for browser tests: a SQLite file in a temp folder, migrated, the demo county
// seeded, the built web UI served, listening on a free port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import { openDatabase } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { DEMO, seedDemo } from '../server/demo/demo-county.js';
import { seedDemoTasks } from '../server/demo/demo-tasks.js';
import { seedDemoEnterprises } from '../server/demo/demo-enterprises.js';

import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch } from './browser.js';
import { buildWebIfStale } from './build-web.js';

export const WEB_DIST = resolve('web/dist');

/** The server's own SPA serving (buildApp's webDist), as `npm start` runs it. */
async function build(database: ReturnType<typeof openDatabase>, dir: string) {
  const config = testConfig({ dataDir: dir, uploadDir: join(dir, 'uploads') });
  return buildApp({ database, config, webDist: WEB_DIST });
}

/** `tasks`: also seed the demo county's year of 督查督办 (as `npm start` does; about 5 s). */
export async function startServer(port = 0, opts: { tasks?: boolean; enterprises?: boolean } = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-e2e-'));
  const database = openDatabase(`sqlite:${join(dir, 'luoshi.sqlite')}`);
  await migrateToLatest(database.db);
  const { app, ctx } = await build(database, dir);
  await seedDemo(ctx);
  if (opts.tasks) await seedDemoTasks(ctx, DEMO.county.code);
  if (opts.enterprises) await seedDemoEnterprises(ctx, DEMO.county.code);
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: async () => { await app.close(); await database.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

/**
 * A browser suite against the demo county: builds the web UI if stale, starts the server and Chromium before the
 * suite and stops them after. `signIn` fills the login form as a person would.
 */
export function demoSuite(password = 'Demo@2026', opts: { tasks?: boolean; enterprises?: boolean } = {}) {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  beforeAll(async () => {
    await buildWebIfStale();
    server = await startServer(0, opts);
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    url: () => server.url,
    browser: () => browser,
    async signIn(page: Page, username: string) {
      await page.goto(`${server.url}/login`);
      await page.getByTestId('login-title').filter({ hasText: '用户登录' }).waitFor();
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码', { exact: true }).fill(password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
    },
  };
}
