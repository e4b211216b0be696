// The scoped account list at county scale: GET /api/v1/users (50 rows a page) of the real app — session, actor, scope,
// validation, serialization, every hook — beside a bare Fastify handler that runs the very same SQL statements on the
// same database and returns the rows, with nothing else. That handler is the floor of the work.
// Aims (issue): at 50 connections, the app serves at least half the floor's requests/s, with p99 under 50 ms.
import Fastify from 'fastify';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import type { Ctx } from '../server/context.js';
import type { DB } from '../server/db/schema.js';
import { seedSynthetic } from '../server/demo/synthetic.js';
import { systemClock } from '../server/platform/clock.js';
import { loadActor } from '../server/platform/access/load-actor.js';
import * as users from '../server/modules/users/service.js';
import {
  CONNECTIONS, SECONDS, compare, createUser, machine, ms, printTable, signIn, tempPostgres, tempSqlite,
  type Bench, type BenchDatabase,
} from './lib.js';

const USERS = Number(process.env.BENCH_USERS || 100_000);
const UNITS = Number(process.env.BENCH_UNITS || 100);
const REGION = '990101';
const PAGE_SIZE = 50;
/** The pages asked for, round robin: the first pages (where people look) and a few further in. */
const PAGES = (process.env.BENCH_PAGES || '1,2,3,5,10,20').split(',').map(Number);
const AIM_RATIO = 0.5;
const AIM_P99_MS = 50;

const bench: Bench = {
  description: `GET /api/v1/users (${PAGE_SIZE} a page) over ${USERS.toLocaleString('en')} users in ${UNITS} units, ${CONNECTIONS} connections, ${SECONDS} s each`,
  async run() {
    const dbs: (() => Promise<BenchDatabase>)[] = [tempSqlite];
    if (process.env.BENCH_DATABASE_URL) dbs.push(() => tempPostgres(process.env.BENCH_DATABASE_URL!));
    else console.log('(BENCH_DATABASE_URL not set: SQLite only)');
    let ok = true;
    for (const open of dbs) {
      const bdb = await open();
      try { ok = (await benchOn(bdb)) && ok; } finally { await bdb.drop(); }
    }
    return ok;
  },
};
export default bench;

interface Statement { sql: string; params: readonly unknown[] }

async function benchOn(bdb: BenchDatabase): Promise<boolean> {
  console.log(`\n-- ${bdb.label}`);
  const config = testConfig({ databaseUrl: bdb.url, logLevel: 'silent', loginRateLimitPerMinute: 1_000_000 });
  const { app, ctx } = await buildApp({ database: bdb.database, config, clock: systemClock, webDist: null });

  let t0 = Date.now();
  await seedSynthetic(ctx, { regionCode: REGION, regionName: '压测县', units: UNITS, users: USERS, password: 'Bench@Pass1' });
  // PostgreSQL's autovacuum would analyze the new rows within a minute; do it now. SQLite has no statistics
  // unless the application gathers them, and this one does not, so neither does the benchmark.
  if (bdb.dialect === 'postgres') await sql`analyze`.execute(ctx.db);
  const admin = await createUser(ctx, { regionCode: REGION, roles: ['sysadmin'] });
  console.log(`seeded ${USERS.toLocaleString('en')} users in ${UNITS} units in ${ms(t0)}`);

  const paths = PAGES.map((p) => `/api/v1/users?page=${p}&pageSize=${PAGE_SIZE}`);
  const captured = await captureStatements(ctx, bdb, admin.id, paths);
  const floor = await startFloor(bdb, captured);
  let appBase = '';
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    appBase = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const cookie = await signIn(appBase, admin);
    const headers = { cookie };
    await checkSame(appBase, floor.base, paths, headers);
    console.log(`pages ${PAGES.join(', ')}; each request runs ${[...new Set([...captured.values()].map((s) => s.length))].join('/')} statement(s) in the floor`);

    t0 = Date.now();
    console.log(`machine: ${machine()}`);
    const rows = await compare([
      { name: 'app: GET /api/v1/users', base: appBase, paths, headers },
      { name: 'floor: same SQL, bare handler', base: floor.base, paths },
    ]);
    printTable(rows);
    const [a, f] = rows;
    const ratio = f.rps > 0 ? a.rps / f.rps : NaN;
    const ratioOk = ratio >= AIM_RATIO; const p99Ok = a.requests > 0 && a.p99 < AIM_P99_MS; const clean = a.bad === 0 && f.bad === 0;
    console.log(`app / floor throughput: ${Number.isNaN(ratio) ? 'n/a (the floor completed no request)' : ratio.toFixed(2)} (aim ≥ ${AIM_RATIO}) ${ratioOk ? 'met' : 'MISSED'}`);
    console.log(`app p99: ${a.p99.toFixed(1)} ms (aim < ${AIM_P99_MS} ms) ${p99Ok ? 'met' : 'MISSED'}`);
    // One event loop serves the connections in turn: at N connections a request waits for about N others, so
    // latency ≈ N × the time one request takes. Below AIM_P99_MS at CONNECTIONS needs about AIM_P99_MS / CONNECTIONS each.
    console.log(`(latency ≈ ${CONNECTIONS} connections × time per request: the aim asks for ≲ ${(AIM_P99_MS / CONNECTIONS).toFixed(2)} ms of server time a request; app ${a.cpuMs.toFixed(2)} ms CPU, floor ${f.cpuMs.toFixed(2)} ms CPU)`);
    if (!clean) console.log('errors or non-2xx answers: see the table — MISSED');
    console.log(`load runs took ${ms(t0)}`);
    console.log(`deep pages, app, one request at a time (median of 5): ${await deepPages(appBase, headers)}`);
    return ratioOk && p99Ok && clean;
  } finally {
    await floor.close();
    await app.close();
  }
}

/** Offset paging reads past every row before the page: the cost of a far page, without load. */
async function deepPages(base: string, headers: Record<string, string>): Promise<string> {
  const last = Math.ceil((USERS + 1) / PAGE_SIZE);
  const out: string[] = [];
  for (const page of [100, Math.ceil(last / 2), last]) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = await fetch(`${base}/api/v1/users?page=${page}&pageSize=${PAGE_SIZE}`, { headers });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`page ${page}: ${r.status}`);
      times.push(performance.now() - t);
    }
    out.push(`page ${page} ${times.sort((x, y) => x - y)[2].toFixed(1)} ms`);
  }
  return out.join(', ');
}

/** The statements the real list runs for each path, captured from the service itself through a logging Kysely. */
async function captureStatements(ctx: Ctx, bdb: BenchDatabase, adminId: string, paths: string[]): Promise<Map<string, Statement[]>> {
  let log: Statement[] = [];
  const onLog = (e: LogEvent) => { if (e.level === 'query') log.push({ sql: e.query.sql, params: [...e.query.parameters] }); };
  const pool = bdb.dialect === 'postgres' ? makePool(bdb, 1) : null;
  const db = new Kysely<DB>({
    dialect: pool ? new PostgresDialect({ pool }) : new SqliteDialect({ database: bdb.database.sqlite! }),
    plugins: [new CamelCasePlugin()], log: onLog,
  });
  const actor = (await loadActor(ctx, adminId, '127.0.0.1'))!;
  const out = new Map<string, Statement[]>();
  for (const path of paths) {
    const q = new URL(path, 'http://x').searchParams;
    log = [];
    await users.listUsers({ ...ctx, db }, actor, { page: Number(q.get('page')), pageSize: Number(q.get('pageSize')) });
    out.set(path, log);
  }
  // Not db.destroy() on SQLite: that would close the app's own handle.
  if (pool) await pool.end();
  return out;
}

function makePool(bdb: BenchDatabase, max: number): pg.Pool {
  return new pg.Pool({ connectionString: bdb.url, max, options: `-c search_path=${bdb.searchPath}` });
}

/** The floor: a bare Fastify that answers each path by running its captured statements, prepared once, and returning the rows. */
async function startFloor(bdb: BenchDatabase, captured: Map<string, Statement[]>): Promise<{ base: string; close(): Promise<void> }> {
  const server = Fastify({ logger: false });
  let run: (stmts: Statement[]) => Promise<unknown[][]>;
  let pool: pg.Pool | null = null;
  if (bdb.dialect === 'sqlite') {
    const handle = bdb.database.sqlite!;
    const prepared = new Map<string, ReturnType<typeof handle.prepare>>();
    const prep = (sql: string) => { let s = prepared.get(sql); if (!s) prepared.set(sql, (s = handle.prepare(sql))); return s; };
    run = async (stmts) => stmts.map((s) => prep(s.sql).all(s.params as unknown[]) as unknown[]);
  } else {
    pool = makePool(bdb, 10); // the app's pool size (openDatabase's default)
    const p = pool;
    run = async (stmts) => Promise.all(stmts.map(async (s) => (await p.query(s.sql, s.params as unknown[])).rows));
  }
  server.get('/api/v1/users', async (req, reply) => {
    const stmts = captured.get(req.url);
    if (!stmts) return reply.status(404).send({ error: 'not a benchmarked path' });
    return { results: await run(stmts) };
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  return {
    base: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    close: async () => { await server.close(); await pool?.end(); },
  };
}

/** Before loading: every path answers 200 on both, and the floor's rows are the app's page, in the same order. */
async function checkSame(appBase: string, floorBase: string, paths: string[], headers: Record<string, string>): Promise<void> {
  for (const path of paths) {
    const a = await fetch(appBase + path, { headers });
    const f = await fetch(floorBase + path);
    if (a.status !== 200 || f.status !== 200) throw new Error(`${path}: app ${a.status} ${await a.text()}, floor ${f.status}`);
    const ids = ((await a.json()) as { items: { id: string }[] }).items.map((i) => i.id);
    const sets = ((await f.json()) as { results: { id?: string }[][] }).results;
    if (ids.length !== PAGE_SIZE) throw new Error(`${path}: the app answered ${ids.length} rows, expected ${PAGE_SIZE}`);
    if (!sets.some((rs) => rs.map((r) => r.id).join() === ids.join())) throw new Error(`${path}: the floor's rows differ from the app's`);
  }
}
