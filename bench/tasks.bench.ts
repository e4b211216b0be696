// The task console at county scale: over 100,000 synthetic tasks, (a) the supervisor's filtered, paged list
// GET /api/v1/tasks?status=open&rag=red (and the same with a search term), (b) a unit's inbox GET /api/v1/tasks/inbox?tab=report,
// each beside a bare Fastify handler that runs the very same SQL statements (captured from the service through a logging
// Kysely) with no session, validation or presentation — the floor of the work; (c) the assessment of every unit for the
// year, GET /api/v1/assessment, timed one request at a time.
import Fastify from 'fastify';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { buildApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import type { Ctx } from '../server/context.js';
import type { DB } from '../server/db/schema.js';
import { seedSynthetic } from '../server/demo/synthetic.js';
import { systemClock } from '../server/platform/clock.js';
import { loadActor } from '../server/platform/access/load-actor.js';
import * as tasks from '../server/modules/tasks/service.js';
import type { Actor } from '../server/platform/access/actor.js';
import {
  CONNECTIONS, SECONDS, compare, createUser, machine, ms, printTable, signIn, tempPostgres, tempSqlite,
  type Bench, type BenchDatabase, type Figures,
} from './lib.js';

const TASKS = Number(process.env.BENCH_TASKS || 100_000);
const USERS = Number(process.env.BENCH_USERS || 3_000);
const UNITS = Number(process.env.BENCH_UNITS || 100);
const REGION = '990102';
const PAGE_SIZE = 50;
const PAGES = [1, 2, 3, 4, 5];
const SEARCH = '审计问题';
const AIM_RATIO = 0.5;
const AIM_P99_MS = 50;

const bench: Bench = {
  description: `task list (supervisor) and unit inbox over ${TASKS.toLocaleString('en')} tasks in ${UNITS} units, ${CONNECTIONS} connections, ${SECONDS} s each; assessment of all units for the year`,
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
type Call = (ctx: Ctx, actor: Actor, q: URLSearchParams) => Promise<unknown>;
interface Scenario { name: string; paths: string[]; who: 'supervisor' | 'staff'; call: Call; exact: boolean }

const listCall: Call = async (ctx, actor, q) => tasks.listTasks(ctx, actor, {
    status: 'open', rag: 'red', page: Number(q.get('page')), pageSize: Number(q.get('pageSize')), ...(q.get('q') ? { q: q.get('q')! } : {}),
});
const inboxCall: Call = async (ctx, actor, q) => tasks.inbox(ctx, actor, 'report', Number(q.get('page')), Number(q.get('pageSize')));

const SCENARIOS: Scenario[] = [
  { name: 'list status=open&rag=red', who: 'supervisor', call: listCall, exact: true,
    paths: PAGES.map((p) => `/api/v1/tasks?status=open&rag=red&pageSize=${PAGE_SIZE}&page=${p}`) },
  { name: `list status=open&rag=red&q=${SEARCH}`, who: 'supervisor', call: listCall, exact: false,
    paths: PAGES.map((p) => `/api/v1/tasks?status=open&rag=red&q=${encodeURIComponent(SEARCH)}&pageSize=${PAGE_SIZE}&page=${p}`) },
  { name: 'inbox tab=report', who: 'staff', call: inboxCall, exact: false,
    paths: [1, 2].map((p) => `/api/v1/tasks/inbox?tab=report&pageSize=${PAGE_SIZE}&page=${p}`) },
];

async function benchOn(bdb: BenchDatabase): Promise<boolean> {
  console.log(`\n-- ${bdb.label}`);
  const config = testConfig({ databaseUrl: bdb.url, logLevel: 'silent', loginRateLimitPerMinute: 1_000_000 });
  const { app, ctx } = await buildApp({ database: bdb.database, config, clock: systemClock, webDist: null });

  let t0 = Date.now();
  await seedSynthetic(ctx, { regionCode: REGION, regionName: '压测县', units: UNITS, users: USERS, tasks: TASKS, password: 'Bench@Pass1' });
  if (bdb.dialect === 'postgres') await sql`analyze`.execute(ctx.db);
  console.log(`seeded ${TASKS.toLocaleString('en')} tasks, ${USERS.toLocaleString('en')} users in ${UNITS} units in ${ms(t0)}`);
  const unit = await ctx.db.selectFrom('units').select('id').where('regionCode', '=', REGION).orderBy('sortOrder').executeTakeFirstOrThrow();
  const supervisor = await createUser(ctx, { regionCode: REGION, roles: ['supervisor'] });
  const staff = await createUser(ctx, { regionCode: REGION, unitId: unit.id, roles: ['unit_staff'] });
  const ids = { supervisor: supervisor.id, staff: staff.id };

  const captured = new Map<string, Statement[]>();
  for (const s of SCENARIOS) for (const [k, v] of await captureStatements(ctx, bdb, ids[s.who], s.paths, s.call)) captured.set(k, v);
  const floor = await startFloor(bdb, captured);
  let ok = true;
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const appBase = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const cookies = { supervisor: await signIn(appBase, supervisor), staff: await signIn(appBase, staff) };
    console.log(`machine: ${machine()}`);
    const summary: string[][] = [];
    for (const s of SCENARIOS) {
      const headers = { cookie: cookies[s.who] };
      const sizes = await checkSame(appBase, floor.base, s.paths, headers, s.exact);
      const nStmts = [...new Set(s.paths.map((p) => captured.get(p)!.length))].join('/');
      console.log(`\n${s.name}: pages ${s.paths.length} (rows ${sizes.join('/')}, total ${sizes.total}); ${nStmts} statement(s) a request in the floor`);
      t0 = Date.now();
      const rows = await compare([
        { name: `app: ${s.name}`, base: appBase, paths: s.paths, headers },
        { name: 'floor: same SQL, bare handler', base: floor.base, paths: s.paths },
      ]);
      printTable(rows);
      summary.push([s.name, rows[0].rps.toFixed(0), rows[1].rps.toFixed(0), rows[1].rps > 0 ? (rows[0].rps / rows[1].rps).toFixed(2) : 'n/a',
        rows[0].p99.toFixed(0), rows[1].p99.toFixed(0), rows[0].cpuMs.toFixed(1), rows[1].cpuMs.toFixed(1), loadavg()[0].toFixed(2)]);
      for (const r of rows) if (r.requests === 0) console.log(`${r.name}: no request completed within the load generator's 10 s timeout`);
      ok = verdict(rows) && ok;
      console.log(`one request at a time, median of 3: app ${await oneAtATime(appBase + s.paths[0], headers)}, floor ${await oneAtATime(floor.base + s.paths[0], {})} (${s.paths[0]})`);
      console.log(`load runs took ${ms(t0)}`);
    }
    const assessed = await timeAssessment(appBase, cookies.supervisor);
    console.log(`\nsummary (${bdb.label}, ${TASKS.toLocaleString('en')} tasks, ${CONNECTIONS} connections; load = 1-min load average after the run, ${cpus().length} CPUs):`);
    printSummary([['', 'app req/s', 'floor req/s', 'app/floor', 'app p99 ms', 'floor p99 ms', 'app CPU ms/req', 'floor CPU ms/req', 'load'], ...summary]);
    console.log(`assessment of all units for the year: median ${assessed} (load ${loadavg()[0].toFixed(2)})`);
  } finally {
    await floor.close();
    await app.close();
  }
  return ok;
}

function verdict([a, f]: Figures[]): boolean {
  const ratio = f.rps > 0 ? a.rps / f.rps : NaN;
  const ratioOk = ratio >= AIM_RATIO; const p99Ok = a.requests > 0 && a.p99 < AIM_P99_MS; const clean = a.bad === 0 && f.bad === 0;
  console.log(`app / floor throughput: ${Number.isNaN(ratio) ? 'n/a' : ratio.toFixed(2)} (aim ≥ ${AIM_RATIO}) ${ratioOk ? 'met' : 'MISSED'}; `
    + `app p99 ${a.p99.toFixed(1)} ms (aim < ${AIM_P99_MS} ms) ${p99Ok ? 'met' : 'MISSED'}${clean ? '' : '; errors or non-2xx — MISSED'}`);
  return ratioOk && p99Ok && clean;
}

/** Latency of one request with nothing else running: the cost of the work itself, without queueing. */
async function oneAtATime(url: string, headers: Record<string, string>): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = await fetch(url, { headers });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
    times.push(performance.now() - t);
  }
  return `${times.sort((x, y) => x - y)[1].toFixed(0)} ms`;
}

/** The assessment of every unit for the current year, over HTTP as the console asks for it: 3 runs, one at a time. */
async function timeAssessment(base: string, cookie: string): Promise<string> {
  const year = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4);
  const path = `/api/v1/assessment?from=${year}-01-01&to=${year}-12-31`;
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = await fetch(base + path, { headers: { cookie } });
    const body = await r.text();
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${body.slice(0, 300)}`);
    times.push(performance.now() - t);
    rows = (JSON.parse(body) as { rows: unknown[] }).rows.length;
  }
  times.sort((x, y) => x - y);
  console.log(`\nassessment of ${rows} units for ${year} (GET ${path}), 3 runs: min ${times[0].toFixed(0)} ms, median ${times[1].toFixed(0)} ms, max ${times[2].toFixed(0)} ms`);
  return `${times[1].toFixed(0)} ms (${rows} units)`;
}

function printSummary(table: string[][]): void {
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  for (const r of table) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
}

/** The statements the real service runs for each path (actor loading aside), captured through a logging Kysely. */
async function captureStatements(ctx: Ctx, bdb: BenchDatabase, actorId: string, paths: string[], call: Call): Promise<Map<string, Statement[]>> {
  let log: Statement[] = [];
  const onLog = (e: LogEvent) => { if (e.level === 'query') log.push({ sql: e.query.sql, params: [...e.query.parameters] }); };
  const pool = bdb.dialect === 'postgres' ? makePool(bdb, 1) : null;
  const db = new Kysely<DB>({
    dialect: pool ? new PostgresDialect({ pool }) : new SqliteDialect({ database: bdb.database.sqlite! }),
    plugins: [new CamelCasePlugin()], log: onLog,
  });
  // The actor is loaded outside the log: the session's work is the app's, not the floor's.
  const actor = (await loadActor(ctx, actorId, '127.0.0.1'))!;
  const out = new Map<string, Statement[]>();
  for (const path of paths) {
    log = [];
    await call({ ...ctx, db }, actor, new URL(path, 'http://x').searchParams);
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
  server.get('/*', async (req, reply) => {
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

/** Before loading: every path answers 200 on both, with rows, and the floor's rows include the app's page, in the same order. */
async function checkSame(appBase: string, floorBase: string, paths: string[], headers: Record<string, string>, full: boolean): Promise<number[] & { total?: number }> {
  const sizes: number[] & { total?: number } = [];
  for (const path of paths) {
    const a = await fetch(appBase + path, { headers });
    const f = await fetch(floorBase + path);
    if (a.status !== 200 || f.status !== 200) throw new Error(`${path}: app ${a.status} ${await a.text()}, floor ${f.status}`);
    const page = (await a.json()) as { items: { id: string }[]; total: number };
    const ids = page.items.map((i) => i.id);
    const sets = ((await f.json()) as { results: { id?: string }[][] }).results;
    if ((ids.length === 0 && path === paths[0]) || (full && ids.length !== PAGE_SIZE)) throw new Error(`${path}: the app answered ${ids.length} rows`);
    if (ids.length && !sets.some((rs) => rs.map((r) => r.id).join() === ids.join())) throw new Error(`${path}: the floor's rows differ from the app's`);
    sizes.push(ids.length); sizes.total = page.total;
  }
  return sizes;
}
