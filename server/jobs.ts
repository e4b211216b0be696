// The named background jobs of luoshi (as app.ts lists the routes): the scheduler in main.ts runs them periodically,
// `luoshi jobs run <name>` and the tests run one at once with runJobOnce.
import type { Ctx } from './context.js';
import { shanghaiDate } from './platform/clock.js';
import { getSetting } from './platform/settings.js';
import { runLeased, type JobDef, type JobOutcome } from './platform/jobs/scheduler.js';
import { loadCalendar } from './modules/calendar/service.js';
import { deliverWebhooks } from './modules/notifications/delivery.js';
import { runReminders } from './modules/tasks/reminders.js';
import { openRecurring } from './modules/tasks/recurring.js';

const MINUTE = 60_000;

/** Reminders and digests go out on working days, from the configured hour (Asia/Shanghai) on. */
async function officeHours(ctx: Ctx): Promise<boolean> {
  const now = ctx.clock.now();
  const hour = new Date(now.getTime() + 8 * 3600_000).getUTCHours();
  if (hour < (await getSetting(ctx, 'notifications.digestHour'))) return false;
  return (await loadCalendar(ctx)).isWorkday(shanghaiDate(now));
}

export const JOBS: readonly JobDef[] = [
  { name: 'reminders', summary: '催办: recolour tasks, record due reminders, send the daily digests', everyMs: 15 * MINUTE, leaseMs: 30 * MINUTE, due: officeHours, run: runReminders },
  { name: 'deliver-webhooks', summary: 'send queued DingTalk/WeCom robot messages, retry with backoff', everyMs: 30_000, leaseMs: 5 * MINUTE, run: (ctx) => deliverWebhooks(ctx) },
  { name: 'open-recurring', summary: '常态化: open each period\'s task of recurring work', everyMs: 60 * MINUTE, leaseMs: 30 * MINUTE, run: openRecurring },
];

export const JOB_NAMES = JOBS.map((j) => j.name);

/** Runs one job now (whatever the hour) under its lease; `lease: false` skips the lease (the job's keys keep it safe). */
export async function runJobOnce(ctx: Ctx, name: string, opts: { lease?: boolean } = {}): Promise<JobOutcome> {
  const job = JOBS.find((j) => j.name === name);
  if (!job) throw new Error(`unknown job: ${name} (jobs: ${JOB_NAMES.join(', ')})`);
  return runLeased(ctx, job, opts);
}
