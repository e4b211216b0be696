// 常态化: a monthly duty, a quarterly review — defined once by the 督查室, opened each period by the `open-recurring`
// job through openTask, exactly once per period (recurring_periods: primary key (recurring id, period)), even with
// several server processes.
import type { Ctx, Trx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { newId } from '../../platform/clock.js';
import { Invalid, NotFound, type FieldError } from '../../platform/errors.js';
import type { WorkCalendar } from '../../platform/calendar/working-days.js';
import { loadCalendar } from '../calendar/service.js';
import { deadlineOf, dueOpening, firstOpening, MONTHS_IN, periodLabel, type Frequency, type RecurringRule } from './recurring-rules.js';
import type { RecurringCreateInput, RecurringPatchInput, RecurringView, TaskTemplate } from './recurring-schemas.js';
import { checkTaskInput, openTask, today } from './service.js';

interface Stored { task: TaskTemplate; rule: Omit<RecurringRule, 'frequency'> }
type Row = { id: string; regionCode: string; title: string; frequency: string; templateJson: string; nextRunOn: string; active: number; createdBy: string | null; createdAt: string };

const ruleOf = (r: Row): RecurringRule => ({ frequency: r.frequency as Frequency, ...(JSON.parse(r.templateJson) as Stored).rule });
const RULE_KEYS = ['frequency', 'periodMonth', 'openWorkday', 'deadlineWorkdays', 'active'] as const;

function split(input: RecurringCreateInput): { task: TaskTemplate; rule: RecurringRule; active: boolean } {
  const { frequency, periodMonth, openWorkday, deadlineWorkdays, active, ...task } = input;
  return { task, rule: { frequency, periodMonth: periodMonth ?? 1, openWorkday, deadlineWorkdays }, active: active ?? true };
}

async function present(trx: Trx, r: Row): Promise<RecurringView> {
  const s = JSON.parse(r.templateJson) as Stored;
  const periods = await trx.selectFrom('recurringPeriods').select(['period', 'taskId', 'openedOn']).where('recurringId', '=', r.id).orderBy('period', 'desc').limit(24).execute();
  return {
    id: r.id, regionCode: r.regionCode, title: r.title, frequency: r.frequency as Frequency, ...s.rule, active: !!r.active,
    nextRunOn: r.nextRunOn, template: s.task, createdAt: r.createdAt, periods,
  };
}

/** The rule and the task's fields, checked as the first period's task would be (every problem at once). */
async function check(ctx: Ctx, trx: Trx, regionCode: string, cal: WorkCalendar, task: TaskTemplate, rule: RecurringRule, day: string): Promise<string> {
  const errors: FieldError[] = [];
  if (rule.periodMonth > MONTHS_IN[rule.frequency]) errors.push({ field: 'periodMonth', code: 'recurring.periodMonth', params: { limit: MONTHS_IN[rule.frequency] } });
  const first = errors.length ? { on: day } : firstOpening(cal, rule, day);
  errors.push(...(await checkTaskInput(ctx, trx, regionCode, { ...task, startDate: first.on, deadline: deadlineOf(cal, rule, first.on) }, first.on)));
  if (errors.length) throw new Invalid(errors);
  return first.on;
}

const findRow = (trx: Trx, actor: Actor, id: string) =>
  trx.selectFrom('recurringTasks').selectAll().where('id', '=', id).where('regionCode', 'in', actor.readRegions).executeTakeFirst() as Promise<Row | undefined>;

export async function listRecurring(ctx: Ctx, actor: Actor, f: { active?: boolean; page?: number; pageSize?: number }) {
  authorize(actor, 'tasks.assign');
  const page = f.page ?? 1; const pageSize = f.pageSize ?? 50;
  let q = ctx.db.selectFrom('recurringTasks').where('regionCode', 'in', actor.readRegions);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('createdAt', 'desc').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { items: await Promise.all(rows.map((r) => present(ctx.db, r as Row))), total: Number(total?.n ?? 0), page, pageSize };
}

export async function getRecurring(ctx: Ctx, actor: Actor, id: string, trx: Trx = ctx.db): Promise<RecurringView> {
  authorize(actor, 'tasks.assign');
  const r = await findRow(trx, actor, id);
  if (!r) throw new NotFound('recurring');
  return present(trx, r);
}

export async function createRecurring(ctx: Ctx, actor: Actor, input: RecurringCreateInput): Promise<RecurringView> {
  authorize(actor, 'tasks.assign');
  return inTransaction(ctx, async (trx) => {
    const { task, rule, active } = split(input);
    const nextRunOn = await check(ctx, trx, actor.regionCode, await loadCalendar(ctx, trx), task, rule, today(ctx));
    const id = newId();
    const stored: Stored = { task, rule: { periodMonth: rule.periodMonth, openWorkday: rule.openWorkday, deadlineWorkdays: rule.deadlineWorkdays } };
    await trx.insertInto('recurringTasks').values({
      id, regionCode: actor.regionCode, title: task.title.trim(), frequency: rule.frequency, templateJson: JSON.stringify(stored), nextRunOn,
      active: active ? 1 : 0, createdBy: actor.userId, createdAt: ctx.clock.now().toISOString(),
    }).execute();
    await audit(ctx, trx, actor, { action: 'recurring.create', entityType: 'recurring', entityId: id, after: { ...input, nextRunOn } });
    return getRecurring(ctx, actor, id, trx);
  });
}

export async function updateRecurring(ctx: Ctx, actor: Actor, id: string, patch: RecurringPatchInput): Promise<RecurringView> {
  authorize(actor, 'tasks.assign');
  return inTransaction(ctx, async (trx) => {
    const before = await findRow(trx, actor, id);
    if (!before || before.regionCode !== actor.regionCode) throw new NotFound('recurring');
    const old = JSON.parse(before.templateJson) as Stored;
    const merged = { ...old.task, ...old.rule, frequency: before.frequency as Frequency, active: !!before.active, ...patch } as RecurringCreateInput;
    const { task, rule, active } = split(merged);
    const planned = await check(ctx, trx, before.regionCode, await loadCalendar(ctx, trx), task, rule, today(ctx));
    // A changed rule, or a definition switched back on, plans afresh from today; a period already opened stays opened.
    const replan = RULE_KEYS.some((k) => patch[k] !== undefined);
    const stored: Stored = { task, rule: { periodMonth: rule.periodMonth, openWorkday: rule.openWorkday, deadlineWorkdays: rule.deadlineWorkdays } };
    await trx.updateTable('recurringTasks').set({
      title: task.title.trim(), frequency: rule.frequency, templateJson: JSON.stringify(stored), active: active ? 1 : 0, ...(replan ? { nextRunOn: planned } : {}),
    }).where('id', '=', id).execute();
    await audit(ctx, trx, actor, { action: 'recurring.update', entityType: 'recurring', entityId: id, before: { ...old, frequency: before.frequency, active: !!before.active, nextRunOn: before.nextRunOn }, after: patch });
    return getRecurring(ctx, actor, id, trx);
  });
}

/** Removes the definition; the tasks it opened stay (they keep recurring_id as a reference). */
export async function deleteRecurring(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'tasks.assign');
  await inTransaction(ctx, async (trx) => {
    const before = await findRow(trx, actor, id);
    if (!before || before.regionCode !== actor.regionCode) throw new NotFound('recurring');
    await trx.deleteFrom('recurringPeriods').where('recurringId', '=', id).execute();
    await trx.deleteFrom('recurringTasks').where('id', '=', id).execute();
    await audit(ctx, trx, actor, { action: 'recurring.delete', entityType: 'recurring', entityId: id, before: { title: before.title, frequency: before.frequency } });
  });
}

/** Tasks are opened in the name of the supervisor who defined the recurring work. */
const jobActor = (r: Row): Actor => ({
  userId: r.createdBy ?? 'system', username: 'luoshi-jobs', displayName: '常态化任务', regionCode: r.regionCode, readRegions: [r.regionCode],
  unitId: null, roles: new Set(['supervisor']), portfolioUnitIds: [], locale: 'zh-CN', ip: null,
});

/** The `open-recurring` job: opens each due period's task once. A definition that cannot open (e.g. its unit was removed) is reported and retried. */
export async function openRecurring(ctx: Ctx) {
  const day = today(ctx);
  const cal = await loadCalendar(ctx);
  const due = await ctx.db.selectFrom('recurringTasks').selectAll().where('active', '=', 1).where('nextRunOn', '<=', day).orderBy('id').execute() as Row[];
  const out = { opened: 0, alreadyOpen: 0, failed: [] as { id: string; error: string }[] };
  for (const r of due) {
    const rule = ruleOf(r);
    const { task } = JSON.parse(r.templateJson) as Stored;
    const plan = dueOpening(cal, rule, r.nextRunOn, day);
    try {
      await inTransaction(ctx, async (trx) => {
        if (plan.open) {
          const { period, on } = plan.open;
          const claimed = await trx.insertInto('recurringPeriods').values({ recurringId: r.id, period: period.key, taskId: null, openedOn: day, createdAt: ctx.clock.now().toISOString() })
            .onConflict((oc) => oc.columns(['recurringId', 'period']).doNothing()).returning('period').executeTakeFirst();
          if (claimed) {
            const suffix = `（${periodLabel(rule.frequency, period)}）`;
            const id = await openTask(ctx, trx, jobActor(r), { ...task, title: task.title.slice(0, 200 - suffix.length) + suffix, startDate: on, deadline: deadlineOf(cal, rule, on) });
            await trx.updateTable('tasks').set({ recurringId: r.id }).where('id', '=', id).execute();
            await trx.updateTable('recurringPeriods').set({ taskId: id }).where('recurringId', '=', r.id).where('period', '=', period.key).execute();
            out.opened++;
          } else out.alreadyOpen++;
        }
        await trx.updateTable('recurringTasks').set({ nextRunOn: plan.nextRunOn }).where('id', '=', r.id).execute();
      });
    } catch (err: any) {
      out.failed.push({ id: r.id, error: err?.errors?.length ? err.errors.map((e: FieldError) => `${e.field}: ${e.code}`).join('; ') : String(err?.message ?? err) });
    }
  }
  return out;
}
