// A tiny scheduler for named background jobs inside the server process (started by main.ts when config.runJobs).
// Safety with several processes on one database comes in two layers:
//   1. a lease per job in the `locks` table (insert, or take over once the holder's lease has expired), so that
//      normally one process at a time runs a job;
//   2. every job is idempotent by its own unique keys (a reminder, a digest, a period is inserted once), so that even
//      two processes running the same job at the same moment (a lease taken over from a slow holder) send things once.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Ctx } from '../../context.js';

export interface JobDef {
  name: string;
  summary: string;
  /** How often the scheduler tries the job. */
  everyMs: number;
  /** How long one run may hold the lease; after that another process may take the job over. */
  leaseMs: number;
  /** The scheduler runs the job only when this says so (e.g. from the morning on, on working days); runJobOnce ignores it. */
  due?: (ctx: Ctx) => Promise<boolean>;
  run: (ctx: Ctx) => Promise<unknown>;
}

export type JobOutcome = { job: string; ran: true; result: unknown } | { job: string; ran: false; reason: 'locked' };

export interface JobLog { info(o: unknown, msg?: string): void; error(o: unknown, msg?: string): void }

/** Who holds a lease: host, process and a random part (two schedulers in one process are two holders). */
export const newHolderId = (): string => `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/** Takes the job's lease if it is free, expired, or already ours. True when we hold it afterwards. */
export async function acquireLease(ctx: Ctx, name: string, holder: string, leaseMs: number): Promise<boolean> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const expiresAt = new Date(now.getTime() + leaseMs).toISOString();
  await ctx.db.insertInto('locks').values({ name, holder, expiresAt })
    .onConflict((oc) => oc.column('name').doUpdateSet({ holder, expiresAt })
      .where((eb) => eb.or([eb('locks.expiresAt', '<', nowIso), eb('locks.holder', '=', holder)])))
    .execute();
  const row = await ctx.db.selectFrom('locks').select('holder').where('name', '=', name).executeTakeFirst();
  return row?.holder === holder;
}

export async function releaseLease(ctx: Ctx, name: string, holder: string): Promise<void> {
  await ctx.db.deleteFrom('locks').where('name', '=', name).where('holder', '=', holder).execute();
}

/**
 * One run of a job under its lease. `lease: false` skips the lease (diagnosis, and the test that proves the jobs are
 * idempotent by themselves); the job's unique keys still make it safe.
 */
export async function runLeased(ctx: Ctx, job: JobDef, opts: { holder?: string; lease?: boolean } = {}): Promise<JobOutcome> {
  const lock = `job:${job.name}`;
  const holder = opts.holder ?? newHolderId();
  if (opts.lease === false) return { job: job.name, ran: true, result: await job.run(ctx) };
  if (!(await acquireLease(ctx, lock, holder, job.leaseMs))) return { job: job.name, ran: false, reason: 'locked' };
  try {
    return { job: job.name, ran: true, result: await job.run(ctx) };
  } finally {
    await releaseLease(ctx, lock, holder).catch(() => {});
  }
}

/**
 * Runs each job every `everyMs` (plus a little jitter so that processes started together spread out), never two runs
 * of one job at once in this process. Returns `stop`, which waits for runs in flight.
 */
export function startScheduler(ctx: Ctx, jobs: readonly JobDef[], log: JobLog, opts: { firstDelayMs?: number } = {}): { stop: () => Promise<void> } {
  const holder = newHolderId();
  const timers = new Map<string, NodeJS.Timeout>();
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  const jitter = (ms: number) => Math.floor(Math.random() * Math.min(2000, ms / 10));

  const schedule = (job: JobDef, delay: number) => {
    if (stopped) return;
    const t = setTimeout(() => {
      const p = (async () => {
        try {
          if (job.due && !(await job.due(ctx))) return;
          const out = await runLeased(ctx, job, { holder });
          if (out.ran) log.info({ job: job.name, result: out.result }, 'job ran');
        } catch (err) {
          log.error({ job: job.name, err }, 'job failed');
        }
      })();
      inFlight.add(p);
      void p.finally(() => { inFlight.delete(p); schedule(job, job.everyMs + jitter(job.everyMs)); });
    }, delay);
    t.unref();
    timers.set(job.name, t);
  };
  const first = opts.firstDelayMs ?? 5000;
  for (const job of jobs) schedule(job, first + jitter(first * 4));

  return {
    stop: async () => {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      await Promise.allSettled([...inFlight]);
    },
  };
}
