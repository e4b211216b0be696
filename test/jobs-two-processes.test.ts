// Two server processes on one PostgreSQL run the same job for the same due tasks at the same time: every reminder,
// digest and recurring period exists exactly once. Real child processes (`luoshi jobs run`), real clock; the data is
// dated relative to today. PostgreSQL only: SQLite is one process's file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { openTestDatabase } from './db.js';
import { testApp } from './app.js';
import { buildRegion, buildUnit, buildUser, Client, type TestUser } from './factories.js';
import type { Ctx } from '../server/context.js';
import { shanghaiDate } from '../server/platform/clock.js';
import { addDays } from '../server/platform/calendar/working-days.js';

const URL_ = process.env.TEST_DATABASE_URL;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe.skipIf(!URL_)('jobs in two processes on one PostgreSQL', () => {
  let h: Awaited<ReturnType<typeof openTestDatabase>>;
  let app: FastifyInstance; let ctx: Ctx; let schema: string; let sup: Client; let region: string; let today: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'luoshi-jobs-'));

  /** `luoshi jobs run <job>` in a child process on the test's schema. */
  const cli = (...args: string[]) => new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const sep = URL_!.includes('?') ? '&' : '?';
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'jobs', 'run', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `${URL_}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`, SESSION_SECRET: ctx.config.sessionSecret, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    });
    let out = ''; let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code) => resolve({ code, out, err }));
  });
  /** Both start the job at the same moment (`--at`, a few seconds ahead: each child needs a while to load). */
  const twice = async (...args: string[]) => {
    const at = new Date(Date.now() + 7000).toISOString();
    const runs = await Promise.all([cli(...args, '--at', at), cli(...args, '--at', at)]);
    for (const r of runs) expect(r.code, r.err).toBe(0);
    return runs.map((r) => JSON.parse(r.out.trim().split('\n').at(-1)!));
  };

  /**
   * A unit with three people and tasks due for a reminder today: one past its deadline, the others due today. Their
   * colours are made stale, so that both processes have real work (recolouring) before they race for the reminders.
   */
  const dueUnit = async (dueToday = 1) => {
    const unit = (await buildUnit(ctx, region)).id;
    const people: TestUser[] = [];
    for (const role of ['unit_staff', 'unit_staff', 'unit_admin'] as const) people.push(await buildUser(ctx, { regionCode: region, unitId: unit, roles: [role] }));
    const ids: string[] = [];
    for (const [startDate, deadline] of [[addDays(today, -30), addDays(today, -5)], ...Array(dueToday).fill([today, today])]) {
      const r = await sup.post('/api/v1/tasks', { source: 'key_work', title: `两进程测试${Math.random()}`, leadUnitId: unit, startDate, deadline, cadence: 'once' });
      expect(r.statusCode, r.body).toBe(201);
      ids.push(r.json().task.id);
    }
    await ctx.db.updateTable('tasks').set({ ragOn: addDays(today, -1) }).where('id', 'in', ids).execute();
    return { unit, people, ids };
  };
  const once = async (u: Awaited<ReturnType<typeof dueUnit>>) => {
    const reminders = await ctx.db.selectFrom('reminders').select(['taskId', 'kind', 'dueKey']).where('taskId', 'in', u.ids).orderBy('taskId').execute();
    expect(reminders).toHaveLength(u.ids.length); // one per task: one overdue, the others due today
    expect(new Set(reminders.map((r) => r.taskId)).size).toBe(u.ids.length);
    expect(reminders.filter((r) => r.kind === 'overdue')).toHaveLength(1);
    for (const p of u.people) {
      const digests = await ctx.db.selectFrom('notifications').select(['title', 'body']).where('userId', '=', p.id).where('kind', '=', 'digest').execute();
      expect(digests, p.username).toHaveLength(1);
      expect(digests[0].title).toBe(`今日督办提醒：${u.ids.length} 项事项需要办理`);
      expect((await ctx.db.selectFrom('digests').select('day').where('userId', '=', p.id).execute())).toHaveLength(1);
    }
    expect(await ctx.db.selectFrom('digests').select('day').where('userId', '=', `unit:${u.unit}`).execute()).toHaveLength(1);
  };

  beforeAll(async () => {
    h = await openTestDatabase('postgres');
    ({ app, ctx } = await testApp(h.database)); // the test's clock starts at the real time, like the children's
    schema = (await sql<{ s: string }>`select current_schema() as s`.execute(ctx.db)).rows[0].s;
    today = shanghaiDate(new Date());
    region = (await buildRegion(ctx)).code;
    sup = new Client(app);
    await sup.login(await buildUser(ctx, { regionCode: region, unitId: (await buildUnit(ctx, region)).id, roles: ['supervisor'] }));
  });
  afterAll(async () => { await h?.drop(); });

  it('two processes running the reminder job at the same moment, lease skipped: each reminder and digest once', async () => {
    const u = await dueUnit(40);
    const results = await twice('reminders', '--no-lease');
    expect(results.reduce((n, r) => n + r.reminders, 0)).toBe(41); // inserted by one or the other, never both
    expect(results.reduce((n, r) => n + r.digests.people, 0)).toBe(3);
    await once(u);
  }, 120_000);

  it('two processes with the lease: one runs, or they run one after the other; still once', async () => {
    const u = await dueUnit();
    const results = await twice('reminders');
    expect(results.filter((r) => r.skipped).length + results.filter((r) => r.reminders !== undefined).length).toBe(2);
    expect(results.reduce((n, r) => n + (r.reminders ?? 0), 0)).toBe(2);
    await once(u);
    expect(await ctx.db.selectFrom('locks').select('name').where('name', '=', 'job:reminders').execute()).toEqual([]);
  }, 120_000);

  it('two processes opening recurring work: one task for each period', async () => {
    const unit = (await buildUnit(ctx, region)).id;
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await sup.post('/api/v1/recurring-tasks', { source: 'key_work', title: `月度安全检查${i}`, leadUnitId: unit, frequency: 'monthly', openWorkday: 1, deadlineWorkdays: 10 });
      expect(r.statusCode, r.body).toBe(201);
      ids.push(r.json().id);
    }
    // Planned long ago (the server was down): the latest period whose day has come opens now.
    await ctx.db.updateTable('recurringTasks').set({ nextRunOn: addDays(today, -70) }).where('id', 'in', ids).execute();
    const results = await twice('open-recurring', '--no-lease');
    expect(results.reduce((n, x) => n + x.opened, 0)).toBe(20);
    for (const id of ids) {
      expect(await ctx.db.selectFrom('tasks').select('id').where('recurringId', '=', id).execute()).toHaveLength(1);
      expect(await ctx.db.selectFrom('recurringPeriods').select('period').where('recurringId', '=', id).execute()).toHaveLength(1);
    }
  }, 120_000);
});
