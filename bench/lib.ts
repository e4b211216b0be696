// What the benchmarks share: load runs (autocannon in a child process), temporary databases, a signed-in admin, a table.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type Dialect } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import type { Ctx } from '../server/context.js';
import type { Role } from '../common/roles.js';
import { newId } from '../server/platform/clock.js';
import { hashPassword } from '../server/platform/auth/passwords.js';
import { currentTotp, encryptSecret, newTotpSecret } from '../server/platform/auth/totp.js';

/** A benchmark: run() prints its figures and returns false when an aim was missed. */
export interface Bench { description: string; run(): Promise<boolean> }

export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
/** Measured seconds per target, split into ROUNDS slices taken in turn (app, floor, app, floor…) so that a change in
 *  the machine's load (other work on a shared box) weighs on every target alike. */
export const SECONDS = Number(process.env.BENCH_SECONDS || 10);
export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS || 2));
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS || 3);

export interface Target { name: string; base: string; paths: string[]; headers?: Record<string, string> }

export interface Figures {
  name: string; rps: number; p50: number; p90: number; p99: number; max: number; requests: number; bad: number;
  /** CPU time of this (the server's) process per request, ms: every thread, but not the load generator nor PostgreSQL. */
  cpuMs: number;
}

interface Slice { duration: number; completed: number; errors: number; non2xx: number; latency: { p50: number; p90: number; p99: number; max: number } }

const here = dirname(fileURLToPath(import.meta.url));

/** One autocannon run against a target, from a child process (bench/load-child.mjs), with this process's CPU time. */
async function slice(t: Target, seconds: number): Promise<Slice & { cpuMs: number }> {
  const opts = {
    url: t.base, connections: CONNECTIONS, duration: seconds, timeout: 10, headers: t.headers ?? {},
    requests: t.paths.map((path) => ({ method: 'GET', path })),
  };
  const cpu0 = process.cpuUsage();
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'load-child.mjs'), JSON.stringify(opts)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    child.stdout.on('data', (d) => { buf += d; });
    const kill = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(kill); code === 0 ? resolve(buf) : reject(new Error(`load generator exited with ${code}`)); });
  });
  const cpu = process.cpuUsage(cpu0);
  const r = JSON.parse(out) as Slice;
  return { ...r, cpuMs: (cpu.user + cpu.system) / 1000 / Math.max(1, r.completed) };
}

/**
 * Warms each target up, then loads them in turn, ROUNDS times, SECONDS in all each. Requests/s is over the whole time;
 * p50 and p90 are the request-weighted mean of the rounds', p99 and max the worst round's.
 */
export async function compare(targets: Target[]): Promise<Figures[]> {
  for (const t of targets) await slice(t, WARMUP_SECONDS);
  const slices = targets.map(() => [] as (Slice & { cpuMs: number })[]);
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, t] of targets.entries()) slices[i].push(await slice(t, SECONDS / ROUNDS));
  }
  return targets.map((t, i) => {
    const ss = slices[i];
    const n = ss.reduce((a, s) => a + s.completed, 0);
    const w = (f: (s: Slice) => number) => ss.reduce((a, s) => a + f(s) * s.completed, 0) / Math.max(1, n);
    return {
      name: t.name, rps: n / ss.reduce((a, s) => a + s.duration, 0),
      p50: w((s) => s.latency.p50), p90: w((s) => s.latency.p90),
      p99: Math.max(...ss.map((s) => s.latency.p99)), max: Math.max(...ss.map((s) => s.latency.max)),
      requests: n, bad: ss.reduce((a, s) => a + s.errors + s.non2xx, 0), // autocannon counts timeouts among errors
      cpuMs: ss.reduce((a, s) => a + s.cpuMs * s.completed, 0) / Math.max(1, n),
    };
  });
}

export function printTable(rows: Figures[]): void {
  const head = ['', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'requests', 'errors/non-2xx', 'server CPU ms/req'];
  const body = rows.map((f) => [f.name, f.rps.toFixed(0), f.p50.toFixed(1), f.p90.toFixed(1), f.p99.toFixed(1), f.max.toFixed(0), String(f.requests), String(f.bad), f.cpuMs.toFixed(2)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  for (const b of body) console.log(line(b));
}

export interface BenchDatabase { label: string; dialect: Dialect; database: Database; url: string; searchPath?: string; drop(): Promise<void> }

/** A migrated SQLite file in a temporary folder, removed by drop(). */
export async function tempSqlite(): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-'));
  const url = `sqlite:${join(dir, 'bench.sqlite')}`;
  const database = openDatabase(url);
  await migrateToLatest(database.db);
  return {
    label: 'SQLite', dialect: 'sqlite', database, url,
    drop: async () => { await database.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

/** A migrated fresh schema in the PostgreSQL database at `url`, dropped by drop(). */
export async function tempPostgres(url: string): Promise<BenchDatabase> {
  const schema = `bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = openDatabase(url, { searchPath: schema });
  await migrateToLatest(database.db);
  return {
    label: 'PostgreSQL', dialect: 'postgres', database, url, searchPath: schema,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try { await c.query(`drop schema ${schema} cascade`); } finally { await c.end(); }
    },
  };
}

export interface BenchUser { id: string; username: string; password: string; totpSecret: string }

/** An account with the given roles, TOTP enrolled and no password change pending, as an administrator really is. */
export async function createUser(ctx: Ctx, o: { regionCode: string; unitId?: string | null; roles: Role[] }): Promise<BenchUser> {
  const id = newId();
  const username = `bench_${randomBytes(4).toString('hex')}`;
  const password = 'Bench@Pass1';
  const totpSecret = newTotpSecret();
  const now = ctx.clock.now().toISOString();
  await ctx.db.insertInto('users').values({
    id, regionCode: o.regionCode, unitId: o.unitId ?? null, username, displayName: '压测管理员', title: null, phone: null,
    passwordHash: await hashPassword(password), mustChangePassword: 0,
    totpSecret: encryptSecret(totpSecret, ctx.config.sessionSecret), totpEnabled: 1, createdAt: now, updatedAt: now,
  }).execute();
  await ctx.db.insertInto('userRoles').values(o.roles.map((role) => ({ userId: id, role }))).execute();
  return { id, username, password, totpSecret };
}

/** Signs in over HTTP like the browser does (password, then the TOTP code); returns the Cookie header of the session. */
export async function signIn(base: string, u: BenchUser): Promise<string> {
  const jar = new Map<string, string>();
  const post = async (path: string, body: unknown, csrf?: string) => {
    const res = await fetch(base + path, {
      method: 'POST', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';'); const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const json = (await res.json()) as Record<string, any>;
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const first = await post('/api/v1/auth/login', { username: u.username, password: u.password });
  let stage = first.stage as string;
  if (stage === 'mfa') stage = (await post('/api/v1/auth/mfa', { code: currentTotp(u.totpSecret, u.username, new Date()) }, first.csrfToken)).stage;
  if (stage !== 'full') throw new Error(`sign-in stopped at stage ${stage}`);
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** The machine's state before a measurement: on a machine busy with other work the figures are low and noisy. */
export function machine(): string {
  const [one] = loadavg();
  const n = cpus().length;
  return `${n} CPU(s), load average ${one.toFixed(2)}${one > n * 0.5 ? ' — busy with other work: figures will be low and noisy' : ''}`;
}

export const ms = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

/** Times one call and samples the heap every 5 ms while it runs: how long, and how much the heap grew at its peak. */
export async function measure<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number; seconds: string; heapMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 5);
  const t0 = performance.now();
  try {
    const value = await fn();
    const took = performance.now() - t0;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { value, ms: took, seconds: `${(took / 1000).toFixed(1)} s`, heapMb: Math.max(0, Math.round((peak - base) / 1048576)) };
  } finally { clearInterval(sampler); }
}

/** The floor of an import: exceljs's bare load of the file and a walk over its rows, printed. */
export async function exceljsFloor(file: Buffer): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const floor = await measure(async () => {
    const w = new ExcelJS.Workbook();
    await w.xlsx.load(file as any);
    let n = 0;
    w.worksheets[0].eachRow(() => { n++; });
    return n;
  });
  console.log(`  floor — exceljs load and walk of ${floor.value.toLocaleString('en')} rows: ${floor.seconds} (+${floor.heapMb} MB heap)`);
}

/** Runs a benchmark on a fresh SQLite database, then on PostgreSQL when BENCH_DATABASE_URL is set; each is dropped after. */
export async function eachDatabase(fn: (bdb: BenchDatabase) => Promise<void>): Promise<void> {
  const dbs: (() => Promise<BenchDatabase>)[] = [tempSqlite];
  if (process.env.BENCH_DATABASE_URL) dbs.push(() => tempPostgres(process.env.BENCH_DATABASE_URL!));
  else console.log('  (BENCH_DATABASE_URL not set: SQLite only)');
  for (const open of dbs) {
    const bdb = await open();
    try { await fn(bdb); } finally { await bdb.drop(); }
  }
}
