// The in-process scheduler: runs jobs periodically, skips them when not due, and — through the lease in the locks
// table — never lets two schedulers (two server processes) run one job at the same time.
import { expect, it } from 'vitest';
import { describeEachDb } from './db.js';
import { testApp } from './app.js';
import { acquireLease, releaseLease, startScheduler, type JobDef } from '../server/platform/jobs/scheduler.js';

const quiet = { info: () => {}, error: () => {} };
const until = async (ok: () => boolean) => { while (!ok()) await new Promise((r) => setTimeout(r, 5)); };

describeEachDb('job scheduler and leases', (getDb) => {
  it('a lease is held by one holder until released or expired', async () => {
    const { ctx, clock } = await testApp(getDb());
    expect(await acquireLease(ctx, 'x', 'a', 60_000)).toBe(true);
    expect(await acquireLease(ctx, 'x', 'b', 60_000)).toBe(false);
    expect(await acquireLease(ctx, 'x', 'a', 60_000)).toBe(true); // renewal by its holder
    clock.advanceMinutes(2);
    expect(await acquireLease(ctx, 'x', 'b', 60_000)).toBe(true); // expired: taken over
    await releaseLease(ctx, 'x', 'a'); // not a's any more: nothing happens
    expect(await acquireLease(ctx, 'x', 'a', 60_000)).toBe(false);
    await releaseLease(ctx, 'x', 'b');
    expect(await acquireLease(ctx, 'x', 'a', 60_000)).toBe(true);
  });

  it('runs jobs again and again, never two runs of a job at once across two schedulers, and stops', async () => {
    const { ctx } = await testApp(getDb());
    let running = 0; let most = 0; let runs = 0; let skipped = 0;
    const job: JobDef = {
      name: `busy-${Math.random()}`, summary: 'test', everyMs: 1, leaseMs: 60_000,
      run: async () => { running++; most = Math.max(most, running); await new Promise((r) => setTimeout(r, 20)); running--; runs++; },
    };
    const never: JobDef = { name: 'never', summary: 'test', everyMs: 1, leaseMs: 60_000, due: async () => { skipped++; return false; }, run: async () => { throw new Error('must not run'); } };
    const a = startScheduler(ctx, [job, never], quiet, { firstDelayMs: 0 });
    const b = startScheduler(ctx, [job], quiet, { firstDelayMs: 0 });
    await until(() => runs >= 6 && skipped >= 2);
    await Promise.all([a.stop(), b.stop()]);
    expect(most).toBe(1);
    const after = runs;
    await new Promise((r) => setTimeout(r, 30));
    expect(runs).toBe(after);
    expect(await ctx.db.selectFrom('locks').select('name').where('name', '=', `job:${job.name}`).execute()).toEqual([]);
  });

  it('keeps running after a job fails, and reports the failure', async () => {
    const { ctx } = await testApp(getDb());
    let calls = 0; const errors: unknown[] = [];
    const s = startScheduler(ctx, [{ name: 'flaky', summary: 'test', everyMs: 1, leaseMs: 60_000, run: async () => { calls++; if (calls === 1) throw new Error('boom'); } }],
      { info: () => {}, error: (o) => errors.push(o) }, { firstDelayMs: 0 });
    await until(() => calls >= 3);
    await s.stop();
    expect(errors).toHaveLength(1);
    expect(await ctx.db.selectFrom('locks').select('name').where('name', '=', 'job:flaky').execute()).toEqual([]);
  });
});
