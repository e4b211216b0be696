// The `luoshi` command. Each subcommand has --help.
import { Command } from 'commander';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import SQLite from 'better-sqlite3';
import { loadConfig } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import type { Ctx } from './context.js';
import { systemClock } from './platform/clock.js';
import { verifyAuditChain } from './platform/audit/audit.js';
import type { Actor } from './platform/access/actor.js';
import { isEmpty, seedDemo } from './demo/demo-county.js';
import { seedSynthetic } from './demo/synthetic.js';
import { createUser, resetPassword } from './modules/users/service.js';
import { ROLES, type Role } from '../common/roles.js';
import { JOB_NAMES, JOBS, runJobOnce } from './jobs.js';

async function open(): Promise<{ ctx: Ctx; database: Database }> {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  return { database, ctx: { db: database.db, dialect: database.dialect, database, config, clock: systemClock } };
}

const progress = (label: string) => (done: number, total: number) => {
  const pct = total ? Math.floor((done / total) * 100) : 100;
  process.stderr.write(`\r${label} ${'█'.repeat(pct / 4).padEnd(25, '░')} ${pct}% (${done}/${total})${done >= total ? '\n' : ''}`);
};

async function cliActor(ctx: Ctx, regionCode?: string): Promise<Actor> {
  const region = regionCode ?? (await ctx.db.selectFrom('regions').select('code').where('level', '=', 'county').orderBy('code').executeTakeFirst())?.code;
  if (!region) throw new Error('No county in the database: run `luoshi seed --demo` or add a region first.');
  return { userId: 'cli', username: 'luoshi-cli', displayName: '命令行', regionCode: region, readRegions: [region], unitId: null,
    roles: new Set<Role>(['sysadmin', 'secadmin']), portfolioUnitIds: [], locale: 'zh-CN', ip: 'cli' };
}

const program = new Command('luoshi').description('luoshi 落实 — turning decisions into done work').showHelpAfterError();

program.command('serve').description('run the web server (API and web UI)').action(async () => {
  const { serve } = await import('./main.js');
  await serve();
});

program.command('migrate').description('apply database migrations').action(async () => {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  const applied = await migrateToLatest(database.db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  await database.close();
});

program.command('seed').description('load data: --demo (the demo county) or --synthetic (a generated county for benchmarks)')
  .option('--demo', 'the demo county 示例县 (only into an empty database)')
  .option('--synthetic', 'a generated county of the given size')
  .option('--region <code>', 'region code of the synthetic county', '990199')
  .option('--units <n>', 'number of units', '100')
  .option('--users <n>', 'number of users', '10000')
  .option('--tasks <n>', 'number of 督办 tasks', '0')
  .option('--password <pw>', 'password of the synthetic users', 'Bench@2026')
  .action(async (o) => {
    const { ctx, database } = await open();
    try {
      if (o.demo) {
        if (!(await isEmpty(ctx))) { console.error('The database already holds data: the demo county is loaded only into an empty database.'); process.exitCode = 1; return; }
        await seedDemo(ctx, console.log);
      } else if (o.synthetic) {
        const r = await seedSynthetic(ctx, { regionCode: o.region, regionName: `合成县${o.region}`, units: Number(o.units), users: Number(o.users), tasks: Number(o.tasks), password: o.password, onProgress: progress('users') });
        console.log(`synthetic county ${r.regionCode}: ${r.units} units, ${r.users} users, ${o.tasks} tasks (usernames s${r.regionCode}_0 …, password ${o.password})`);
      } else { console.error('say --demo or --synthetic'); process.exitCode = 2; }
    } finally { await database.close(); }
  });

const user = program.command('user').description('manage accounts');
user.command('add').description('create an account; prints a one-time password to change at first login')
  .requiredOption('--username <name>').requiredOption('--name <displayName>', '姓名')
  .option('--unit <unitName>', '所属单位 (name)').option('--role <role...>', `roles: ${ROLES.join(', ')}`, [])
  .option('--region <code>', 'region code (default: the first county)')
  .action(async (o) => {
    const { ctx, database } = await open();
    try {
      const actor = await cliActor(ctx, o.region);
      const bad = (o.role as string[]).filter((r) => !(ROLES as readonly string[]).includes(r));
      if (bad.length) throw new Error(`unknown role: ${bad.join(', ')} (allowed: ${ROLES.join(', ')})`);
      let unitId: string | null = null;
      if (o.unit) {
        const u = await ctx.db.selectFrom('units').select('id').where('regionCode', '=', actor.regionCode).where('name', '=', o.unit).executeTakeFirst();
        if (!u) throw new Error(`unit not found: ${o.unit}`);
        unitId = u.id;
      }
      const r = await createUser(ctx, actor, { username: o.username, displayName: o.name, unitId, roles: o.role });
      console.log(`created ${r.user.username} (${r.user.roles.join(', ') || 'no roles'}); one-time password: ${r.temporaryPassword}`);
    } finally { await database.close(); }
  });
user.command('reset-password').description('give an account a one-time password (changed at next login); unlocks it')
  .argument('<username>').action(async (username) => {
    const { ctx, database } = await open();
    try {
      const u = await ctx.db.selectFrom('users').select(['id', 'regionCode']).where('username', '=', username).executeTakeFirst();
      if (!u) throw new Error(`no such user: ${username}`);
      const pw = await resetPassword(ctx, await cliActor(ctx, u.regionCode), u.id);
      console.log(`${username}: one-time password ${pw}`);
    } finally { await database.close(); }
  });

program.command('backup').description('copy the database to FILE (SQLite: online backup; PostgreSQL: pg_dump -Fc)').argument('<file>')
  .action(async (file) => {
    const config = loadConfig();
    const target = resolve(file);
    mkdirSync(dirname(target), { recursive: true });
    if (config.databaseUrl.startsWith('sqlite:')) {
      const db = new SQLite(config.databaseUrl.slice(7), { fileMustExist: true });
      await db.backup(target, { progress: ({ totalPages, remainingPages }) => { progress('backup')(totalPages - remainingPages, totalPages); return 200; } });
      db.close();
    } else {
      const r = spawnSync('pg_dump', ['-Fc', '-f', target, config.databaseUrl], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error('pg_dump failed');
    }
    console.log(`backup written to ${target}`);
  });

program.command('restore').description('replace the database with the backup FILE (stop the server first)').argument('<file>')
  .action(async (file) => {
    const config = loadConfig();
    const source = resolve(file);
    if (!existsSync(source)) throw new Error(`no such file: ${source}`);
    if (config.databaseUrl.startsWith('sqlite:')) {
      const src = new SQLite(source, { readonly: true, fileMustExist: true });
      const ok = src.prepare("select count(*) n from sqlite_master where name in ('audit_log','users','units')").get() as { n: number };
      if (ok.n !== 3) throw new Error(`${source} is not a luoshi backup`);
      const target = config.databaseUrl.slice(7);
      for (const ext of ['-wal', '-shm']) if (existsSync(target + ext)) copyFileSync('/dev/null', target + ext);
      await src.backup(target, { progress: ({ totalPages, remainingPages }) => { progress('restore')(totalPages - remainingPages, totalPages); return 200; } });
      src.close();
    } else {
      const r = spawnSync('pg_restore', ['--clean', '--if-exists', '--no-owner', '-d', config.databaseUrl, source], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error('pg_restore failed');
    }
    console.log(`database restored from ${source}`);
  });

const auditCmd = program.command('audit').description('the audit trail');
auditCmd.command('verify').description('check the SM3 hash chain; names the first altered, removed or inserted entry and exits non-zero')
  .action(async () => {
    const { ctx, database } = await open();
    try {
      const r = await verifyAuditChain(ctx.db, (n) => process.stderr.write(`\rchecked ${n} entries`));
      process.stderr.write('\n');
      if (r.ok) console.log(`audit trail intact: ${r.checked} entries`);
      else { console.error(`AUDIT TRAIL BROKEN at entry ${r.firstBad!.seq}: ${r.firstBad!.detail}`); process.exitCode = 1; }
    } finally { await database.close(); }
  });

const jobsCmd = program.command('jobs').description('background jobs (the server runs them by itself when RUN_JOBS is on)');
jobsCmd.command('list').description('the jobs and what they do').action(() => {
  for (const j of JOBS) console.log(`${j.name.padEnd(18)} every ${Math.round(j.everyMs / 1000)} s  ${j.summary}`);
});
jobsCmd.command('run').description(`run one job now: ${JOB_NAMES.join(', ')}`).argument('<name>')
  .option('--no-lease', 'run even if another process holds the job\'s lease (its unique keys still send everything once)')
  .option('--at <time>', 'wait until this ISO 8601 time before running (to line up runs of several processes)')
  .action(async (name, o) => {
    const { ctx, database } = await open();
    try {
      const wait = o.at ? Date.parse(o.at) - Date.now() : 0;
      if (Number.isNaN(wait)) throw new Error(`--at: not a time: ${o.at}`);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const r = await runJobOnce(ctx, name, { lease: o.lease });
      console.log(JSON.stringify(r.ran ? r.result : { skipped: `another process is running ${name}` }));
    } finally { await database.close(); }
  });

program.parseAsync(process.argv).catch((err) => { console.error(`error: ${err.message ?? err}`); process.exit(1); });
