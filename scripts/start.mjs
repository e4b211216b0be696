// `npm start`: build the web UI if it is missing or older than its sources, then serve.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const dist = 'web/dist/index.html';
const stale = !existsSync(dist) || Math.max(newest('web/src'), newest('common'), statSync('web/index.html').mtimeMs) > statSync(dist).mtimeMs;
if (stale && existsSync('web/index.html')) {
  console.log('building the web UI …');
  const r = spawnSync('npx', ['vite', 'build', 'web', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const r = spawnSync(process.execPath, ['bin/luoshi.js', 'serve'], { stdio: 'inherit' });
process.exit(r.status ?? 0);
