// `npm run bench` runs every bench/<name>.bench.ts; `npm run bench -- <name> [<name>…]` runs the named ones.
// A benchmark module default-exports a Bench (see bench/lib.ts). Adding a file here is all it takes to register one.
// Environment: BENCH_DATABASE_URL=postgres://… also runs on PostgreSQL (in a fresh schema, dropped afterwards);
// BENCH_SECONDS (10), BENCH_ROUNDS (2), BENCH_WARMUP_SECONDS (3), BENCH_CONNECTIONS (50); BENCH_STRICT=1 exits 1 when
// an aim is missed. Load goes to 127.0.0.1 only, every run is bounded in time, and the process stops by itself.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench } from './lib.js';

const here = dirname(fileURLToPath(import.meta.url));
const SUFFIX = '.bench.ts';
// Every benchmark bounds its own load runs; this is the backstop for a hang (seeding, a stuck connection).
const LIMIT_MINUTES = Number(process.env.BENCH_TIMEOUT_MINUTES || 20);

async function main(): Promise<void> {
  const available = readdirSync(here).filter((f) => f.endsWith(SUFFIX)).map((f) => f.slice(0, -SUFFIX.length)).sort();
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !available.includes(w));
  if (unknown.length) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ')}`);
    process.exit(2);
  }
  const names = wanted.length ? wanted : available;
  const timer = setTimeout(() => {
    console.error(`bench: still running after ${LIMIT_MINUTES} min — giving up`);
    process.exit(3);
  }, LIMIT_MINUTES * 60_000);
  timer.unref();

  const started = Date.now();
  let failed = 0;
  for (const name of names) {
    const mod = (await import(pathToFileURL(join(here, name + SUFFIX)).href)) as { default: Bench };
    console.log(`\n== ${name}: ${mod.default.description}`);
    const t = Date.now();
    try {
      const ok = await mod.default.run();
      if (ok === false) failed++;
    } catch (e) {
      failed++;
      console.error(`${name} failed:`, e);
    }
    console.log(`== ${name} took ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  console.log(`\nbench: ${names.length} benchmark(s) in ${((Date.now() - started) / 1000).toFixed(1)} s${failed ? `, ${failed} missed an aim or failed` : ''}`);
  // Aims missed are reported, not fatal: set BENCH_STRICT=1 to make them fail the run (CI).
  process.exit(failed && process.env.BENCH_STRICT === '1' ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
