// 催办: the `reminders` job. Recolours stale tasks, records each due reminder once (reminders table, unique key), then
// gathers the day's new reminders into one digest per person (inbox) and one robot message per unit and per region
// (digests table, unique (key, day)) — never one message per task (减负). Safe to run twice, or in two processes at once.
import type { Ctx, Trx } from '../../context.js';
import { inTransaction } from '../../context.js';
import { message } from '../../../common/messages.js';
import { shanghaiDate } from '../../platform/clock.js';
import { getSetting } from '../../platform/settings.js';
import type { WorkCalendar } from '../../platform/calendar/working-days.js';
import { loadCalendar } from '../calendar/service.js';
import { claimDigests, notify, pushToWebhooks, type Text } from '../notifications/service.js';
import { unitMembers } from '../users/unit-members.js';
import { refreshStale } from './rag-refresh.js';
import { dueReminders, reminderWindow, UNIT_RECIPIENT_ROLES, type ReminderKind } from './reminder-rules.js';

const REMINDED_STATUSES = ['assigned', 'in_progress'];
const PAGE = 1000;

const chunk = <T>(xs: readonly T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** Inserts the reminders due today; returns how many were new (a second run inserts none). */
export async function insertDueReminders(ctx: Ctx, cal: WorkCalendar, day: string, daysBefore: number): Promise<number> {
  const { deadlineBefore, reportBy } = reminderWindow(cal, day, daysBefore);
  const now = ctx.clock.now().toISOString();
  let inserted = 0;
  for (let after = ''; ;) {
    const batch = await ctx.db.selectFrom('tasks').select(['id', 'status', 'deadline', 'acceptDue', 'nextReportDue', 'missedReports'])
      .where('status', 'in', REMINDED_STATUSES).where('id', '>', after)
      .where((eb) => eb.or([eb('deadline', '<', deadlineBefore), eb('acceptDue', '<', day), eb('nextReportDue', '<=', reportBy), eb('missedReports', '>', 0)]))
      .orderBy('id').limit(PAGE).execute();
    const rows = batch.flatMap((t) => dueReminders(cal, t, day, daysBefore).map((r) => ({ taskId: t.id, kind: r.kind, dueKey: r.dueKey, createdAt: now, digestedAt: null })));
    // Sorted by key: two processes inserting the same reminders take the row locks in the same order.
    for (const c of chunk(rows, 300)) {
      const done = await ctx.db.insertInto('reminders').values(c)
        .onConflict((oc) => oc.columns(['taskId', 'kind', 'dueKey']).doNothing()).returning('taskId').execute();
      inserted += done.length;
    }
    if (batch.length < PAGE) break;
    after = batch[batch.length - 1].id;
  }
  return inserted;
}

interface Pending { taskId: string; kind: string; dueKey: string; serial: string; title: string; regionCode: string; leadUnitId: string; unitName: string }

const lineOf = (r: Pending): Text => ({ key: `reminder.${r.kind as ReminderKind}`, params: { serial: r.serial, title: r.title, date: r.dueKey, count: r.dueKey } });

async function markDigested(trx: Trx, items: Pending[], at: string): Promise<void> {
  for (const c of chunk(items, 100)) {
    await trx.updateTable('reminders').set({ digestedAt: at }).where('digestedAt', 'is', null)
      .where((eb) => eb.or(c.map((i) => eb.and([eb('taskId', '=', i.taskId), eb('kind', '=', i.kind), eb('dueKey', '=', i.dueKey)])))).execute();
  }
}

/**
 * The day's digests from the reminders not yet digested. A unit's reminders are marked digested once every one of its
 * people (and its robot) has had them; whoever already had today's digest gets them tomorrow, with the others.
 */
export async function sendReminderDigests(ctx: Ctx, day: string): Promise<{ people: number; units: number; regions: number }> {
  const now = ctx.clock.now().toISOString();
  // Reminders of tasks no longer in the unit's hands (completed, returned, cancelled meanwhile) are dropped.
  await ctx.db.updateTable('reminders').set({ digestedAt: now }).where('digestedAt', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('tasks').select('tasks.id').whereRef('tasks.id', '=', 'reminders.taskId').where('tasks.status', 'in', REMINDED_STATUSES))))
    .execute();
  const pending: Pending[] = await ctx.db.selectFrom('reminders')
    .innerJoin('tasks', 'tasks.id', 'reminders.taskId').innerJoin('units', 'units.id', 'tasks.leadUnitId')
    .select(['reminders.taskId', 'reminders.kind', 'reminders.dueKey', 'tasks.serial', 'tasks.title', 'tasks.regionCode', 'tasks.leadUnitId', 'units.name as unitName'])
    .where('reminders.digestedAt', 'is', null).where('tasks.status', 'in', REMINDED_STATUSES)
    .orderBy('tasks.regionCode').orderBy('tasks.leadUnitId').orderBy('tasks.deadline').orderBy('tasks.serial').orderBy('reminders.kind').orderBy('reminders.dueKey')
    .execute();
  const byUnit = new Map<string, Pending[]>();
  for (const p of pending) byUnit.set(p.leadUnitId, [...(byUnit.get(p.leadUnitId) ?? []), p]);
  const out = { people: 0, units: 0, regions: 0 };

  for (const [unitId, items] of [...byUnit.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const { regionCode, unitName } = items[0];
    const count = new Set(items.map((i) => i.taskId)).size;
    const lines = items.map(lineOf);
    await inTransaction(ctx, async (trx) => {
      const members = await unitMembers(trx, [unitId], UNIT_RECIPIENT_ROLES);
      const unitKey = `unit:${unitId}`;
      const keys = [...members.map((m) => m.id), unitKey];
      const claimed = await claimDigests(ctx, trx, keys, day);
      out.people += await notify(ctx, trx, members.filter((m) => claimed.has(m.id)).map((m) => m.id), {
        kind: 'digest', title: { key: 'digest.title', params: { count } }, body: lines, taskId: count === 1 ? items[0].taskId : null,
      });
      if (claimed.has(unitKey)) {
        out.units++;
        await pushToWebhooks(ctx, trx, { regionCode, unitIds: [unitId] }, { title: { key: 'digest.unitTitle', params: { unit: unitName, count } }, lines });
      }
      if (keys.every((k) => claimed.has(k))) await markDigested(trx, items, now);
    });
  }

  // The region-wide robots (e.g. the 督查室's group) get one summary of all units.
  const byRegion = new Map<string, Pending[]>();
  for (const p of pending) byRegion.set(p.regionCode, [...(byRegion.get(p.regionCode) ?? []), p]);
  for (const [regionCode, items] of byRegion) {
    await inTransaction(ctx, async (trx) => {
      const key = `region:${regionCode}`;
      if (!(await claimDigests(ctx, trx, [key], day)).has(key)) return;
      out.regions++;
      const lines = items.map((i) => message('digest.unitLine', 'zh-CN', { unit: i.unitName, line: message(`reminder.${i.kind}`, 'zh-CN', { serial: i.serial, title: i.title, date: i.dueKey, count: i.dueKey }) }));
      await pushToWebhooks(ctx, trx, { regionCode, unitIds: null }, { title: { key: 'digest.regionTitle', params: { count: new Set(items.map((i) => i.taskId)).size } }, lines });
    });
  }
  return out;
}

/** The job: colours first (so the facts are today's), then reminders, then digests. */
export async function runReminders(ctx: Ctx) {
  const cal = await loadCalendar(ctx);
  const recoloured = await refreshStale(ctx, cal);
  const day = shanghaiDate(ctx.clock.now());
  const reminders = await insertDueReminders(ctx, cal, day, await getSetting(ctx, 'tasks.remindDaysBefore'));
  const digests = await sendReminderDigests(ctx, day);
  return { day, recoloured, reminders, digests };
}
