// Backup and restore with the real `luoshi` command: after `restore FILE` every table holds exactly what it held when
// `backup FILE` ran. SQLite uses the online backup API; PostgreSQL uses pg_dump -Fc / pg_restore (tested against a
// temporary database when TEST_DATABASE_URL is set and pg_dump is installed).
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/db/database.js';
import { testApp } from './app.js';
import { Client } from './factories.js';

const run = promisify(execFile);
type Dump = Record<string, string[]>;

function cliIn(env: NodeJS.ProcessEnv) {
  return (...args: string[]) => run('node', ['bin/luoshi.js', ...args], { env, cwd: process.cwd() }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: any) => ({ code: e.code as number, out: `${e.stdout}${e.stderr}` }),
  );
}

/** Every row of every table, as sorted JSON lines per table. */
function dumpSqlite(file: string): Dump {
  const db = new SQLite(file, { readonly: true });
  const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[];
  const out: Dump = {};
  for (const { name } of tables) out[name] = (db.prepare(`select * from "${name}"`).all() as object[]).map((r) => JSON.stringify(r)).sort();
  db.close();
  return out;
}

async function dumpPostgres(url: string): Promise<Dump> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const tables = (await c.query("select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1")).rows;
  const out: Dump = {};
  for (const { table_name: t } of tables) out[t] = (await c.query(`select * from "${t}"`)).rows.map((r) => JSON.stringify(r)).sort();
  await c.end();
  return out;
}

describe('backup and restore (SQLite file, the luoshi command)', () => {
  let dir: string; let file: string; let cli: ReturnType<typeof cliIn>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'luoshi-backup-'));
    file = join(dir, 'luoshi.sqlite');
    cli = cliIn({ ...process.env, DATA_DIR: dir, DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'silent' });
    const seeded = await cli('seed', '--demo');
    expect(seeded.code, seeded.out).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('restores exactly the data of the moment of the backup', async () => {
    // Some life in the database first, through the app: sign-ins, sessions, audit entries.
    const database = openDatabase(`sqlite:${file}`);
    const { app } = await testApp(database);
    const staff = new Client(app);
    await staff.login({ username: 'u01staff', password: 'Demo@2026' });
    await app.close(); await database.close();

    const backupFile = join(dir, 'backups', 'before-change.sqlite');
    const b = await cli('backup', backupFile);
    expect(b.code, b.out).toBe(0);
    expect(existsSync(backupFile)).toBe(true);
    const atBackup = dumpSqlite(file);
    expect(atBackup.units.length).toBe(47);
    expect(atBackup.audit_log.length).toBe(2);

    // Change data after the backup: the app writes, and someone edits by hand.
    const db2 = openDatabase(`sqlite:${file}`);
    const app2 = (await testApp(db2)).app;
    await new Client(app2).login({ username: 'u02admin', password: 'Demo@2026' });
    await app2.close(); await db2.close();
    const raw = new SQLite(file);
    raw.prepare("update units set phone = '000' where kind = 'township'").run();
    raw.prepare('delete from leader_units').run();
    raw.prepare("insert into settings (key, value, updated_at) values ('security.idleMinutes', '99', '2026-01-01T00:00:00Z')").run();
    raw.close();
    const changed = dumpSqlite(file);
    expect(changed).not.toEqual(atBackup);
    expect(changed.leader_units).toEqual([]);

    const r = await cli('restore', backupFile);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/restored/);
    expect(dumpSqlite(file)).toEqual(atBackup);
    const v = await cli('audit', 'verify');
    expect(v.code, v.out).toBe(0);
    expect(v.out).toMatch(/intact: 2 entries/);
  }, 120_000);

  it('refuses to restore a file that is not a luoshi backup, and leaves the database alone', async () => {
    const before = dumpSqlite(file);
    const junk = join(dir, 'junk.sqlite');
    const j = new SQLite(junk); j.exec('create table notes (x text)'); j.close();
    const notText = join(dir, 'notes.txt');
    writeFileSync(notText, 'hello');
    for (const f of [junk, notText]) {
      const r = await cli('restore', f);
      expect(r.code, r.out).not.toBe(0);
      expect(r.out).toMatch(/error:/);
    }
    expect(dumpSqlite(file)).toEqual(before);
  }, 120_000);
});

const pgUrl = process.env.TEST_DATABASE_URL;
const hasPgDump = spawnSync('pg_dump', ['--version']).status === 0;

describe.skipIf(!pgUrl || !hasPgDump)('backup and restore (PostgreSQL, pg_dump and pg_restore)', () => {
  let dbName: string; let url: string; let dir: string; let cli: ReturnType<typeof cliIn>;
  const admin = async (q: string) => { const c = new pg.Client({ connectionString: pgUrl }); await c.connect(); await c.query(q); await c.end(); };
  beforeAll(async () => {
    dbName = `luoshi_backup_${randomBytes(4).toString('hex')}`;
    await admin(`create database ${dbName}`);
    const u = new URL(pgUrl!); u.pathname = `/${dbName}`; url = u.toString();
    dir = mkdtempSync(join(tmpdir(), 'luoshi-pgbackup-'));
    cli = cliIn({ ...process.env, DATA_DIR: dir, DATABASE_URL: url, LOG_LEVEL: 'silent' });
    const seeded = await cli('seed', '--demo');
    expect(seeded.code, seeded.out).toBe(0);
  }, 120_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await admin(`drop database if exists ${dbName} with (force)`);
  });

  it('restores exactly the data of the moment of the backup', async () => {
    const backupFile = join(dir, 'luoshi.dump');
    const b = await cli('backup', backupFile);
    expect(b.code, b.out).toBe(0);
    const atBackup = await dumpPostgres(url);
    expect(atBackup.units.length).toBe(47);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query("update units set phone = '000' where kind = 'township'");
    await c.query('delete from leader_units');
    await c.query("insert into settings (key, value, updated_at) values ('security.idleMinutes', '99', '2026-01-01T00:00:00Z')");
    await c.end();
    expect(await dumpPostgres(url)).not.toEqual(atBackup);
    const r = await cli('restore', backupFile);
    expect(r.code, r.out).toBe(0);
    expect(await dumpPostgres(url)).toEqual(atBackup);
    expect((await cli('audit', 'verify')).code).toBe(0);
  }, 120_000);
});
