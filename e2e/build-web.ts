// Builds web/dist with Vite if it is missing or older than its sources (as `npm start` does).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((e) => newest(join(path, e))));
}

export async function buildWebIfStale(): Promise<void> {
  const index = resolve('web/dist/index.html');
  const sources = Math.max(newest(resolve('web/src')), newest(resolve('common')), newest(resolve('web/index.html')), newest(resolve('web/vite.config.ts')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  // A production build, whatever NODE_ENV the test runner set.
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: resolve('web/vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (before === undefined) delete process.env.NODE_ENV; else process.env.NODE_ENV = before;
  }
}
