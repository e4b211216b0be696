// Starts the real server in-process for browser tests: a SQLite file in a temp folder, migrated, the demo county
// seeded, the built web UI served, listening on a free port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import { openDatabase } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { seedDemo } from '../server/demo/demo-county.js';

export const WEB_DIST = resolve('web/dist');

/** The server's own SPA serving (buildApp's webDist), as `npm start` runs it. */
async function build(database: ReturnType<typeof openDatabase>, dir: string) {
  const config = testConfig({ dataDir: dir, uploadDir: join(dir, 'uploads') });
  return buildApp({ database, config, webDist: WEB_DIST });
}

export async function startServer(port = 0): Promise<{ url: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-e2e-'));
  const database = openDatabase(`sqlite:${join(dir, 'luoshi.sqlite')}`);
  await migrateToLatest(database.db);
  const { app, ctx } = await build(database, dir);
  await seedDemo(ctx);
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: async () => { await app.close(); await database.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}
