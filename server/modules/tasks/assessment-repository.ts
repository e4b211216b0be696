// The queries behind 督查考核 and the 减负 burden meter: a handful of grouped statements over tasks, task_events and
// reminders, scoped by the actor in SQL. Per-task flags are defined once (flagSql) so that the ranking's counts and a
// unit's breakdown can never disagree. Dates: tasks keep business dates as 'YYYY-MM-DD' and instants as ISO-8601 UTC
// text; the end of Shanghai day D is `${D}T16:00:00.000Z`, so "done by the deadline" is a text comparison that both
// SQLite and PostgreSQL make the same way, and that can use the indexes.
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { Trx } from '../../context.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { businessScope, inScope } from '../../platform/access/scope.js';
import { addDays, type IsoDate } from '../../platform/calendar/working-days.js';
import type { Period } from './assessment-rules.js';

/** The instant a Shanghai day starts, as stored (ISO-8601 UTC with milliseconds). */
export const dayStartUtc = (d: IsoDate): string => new Date(`${d}T00:00:00+08:00`).toISOString();
export interface Bounds extends Period { fromUtc: string; toEndUtc: string; cutoffEndUtc: string }
export const boundsOf = (p: Period): Bounds => ({ ...p, fromUtc: dayStartUtc(p.from), toEndUtc: dayStartUtc(addDays(p.to, 1)), cutoffEndUtc: dayStartUtc(addDays(p.cutoff, 1)) });

const DONE_STATUSES = sql`('completion_requested', 'completed', 'closed')`;

/**
 * Tasks (as lead unit, in scope, not cancelled) that may bear on the period, with `done_at`: when the unit asked for
 * completion (the last request the supervisor then accepted, or still pending), else when it was completed. A unit is
 * not held late by the time its supervisor takes to verify.
 */
function taskBase(db: Trx, actor: Actor, b: Bounds, unitId?: string, owingReports = false) {
  // Materialised: `done_at` (a correlated subquery) is computed once per task, not once per flag that reads it.
  return db.with((cte) => cte('d').materialized(), (q) => {
    let s = q.selectFrom('tasks')
      .select([
        'tasks.id', 'tasks.serial', 'tasks.title', 'tasks.leadUnitId', 'tasks.status', 'tasks.assignedAt', 'tasks.acceptedAt', 'tasks.acceptDue',
        'tasks.deadline', 'tasks.quality', 'tasks.cadence', 'tasks.cadenceDay',
        sql<string | null>`case when tasks.status in ${DONE_STATUSES} then coalesce((select max(e.at) from task_events e where e.task_id = tasks.id and e.action = 'request_completion'), tasks.completed_at) end`.as('doneAt'),
      ])
      .where((eb) => inScope(eb, businessScope(actor), { region: 'tasks.region_code', unit: 'tasks.lead_unit_id' }))
      .where('tasks.status', '<>', 'cancelled')
      .where('tasks.assignedAt', '<', b.toEndUtc)
      .where((eb) => eb.or([eb('tasks.completedAt', 'is', null), eb('tasks.completedAt', '>=', b.fromUtc)]));
    if (unitId) s = s.where('tasks.leadUnitId', '=', unitId);
    if (owingReports) {
      s = s.where('tasks.cadence', '<>', 'once').where('tasks.acceptedAt', 'is not', null).where('tasks.acceptedAt', '<', b.toEndUtc).where('tasks.deadline', '>=', b.from);
    }
    return s;
  });
}

const END = (col: string) => sql.raw(`${col} || 'T16:00:00.000Z'`);
const ref = (c: string) => sql.raw(`d.${c}`);

/** Each fact as a 0/1 expression over one task row `d` (see assessment-rules.ts UnitFacts for the meaning). */
export function flagSql(b: Bounds): Record<'assigned' | 'acceptedOnTime' | 'acceptLate' | 'completedOnTime' | 'completeLate' | 'active' | 'overdue' | 'doneIn', RawBuilder<number>> {
  const inPeriod = (c: string) => sql`${ref(c)} >= ${b.fromUtc} and ${ref(c)} < ${b.toEndUtc}`;
  const notReturned = sql`${ref('status')} <> 'returned'`;
  const flag = (cond: RawBuilder<unknown>) => sql<number>`case when ${cond} then 1 else 0 end`;
  return {
    assigned: flag(inPeriod('assigned_at')),
    acceptedOnTime: flag(sql`${inPeriod('accepted_at')} and ${ref('accepted_at')} < ${END('d.accept_due')}`),
    acceptLate: flag(sql`${notReturned} and ${ref('accept_due')} >= ${b.from} and ${ref('accept_due')} <= ${b.cutoff} and (${ref('accepted_at')} is null or ${ref('accepted_at')} >= ${END('d.accept_due')})`),
    completedOnTime: flag(sql`${inPeriod('done_at')} and ${ref('done_at')} < ${END('d.deadline')}`),
    completeLate: flag(sql`${notReturned} and ${ref('deadline')} >= ${b.from} and ${ref('deadline')} <= ${b.cutoff} and (${ref('done_at')} is null or ${ref('done_at')} >= ${END('d.deadline')})`),
    active: flag(sql`${notReturned} and ${ref('assigned_at')} < ${b.cutoffEndUtc} and (${ref('done_at')} is null or ${ref('done_at')} >= ${b.fromUtc})`),
    overdue: flag(sql`${notReturned} and ${ref('deadline')} <= ${b.cutoff} and ${ref('assigned_at')} < ${b.cutoffEndUtc} and (${ref('done_at')} is null or ${ref('done_at')} >= ${b.cutoffEndUtc})`),
    doneIn: flag(inPeriod('done_at')),
  };
}

export interface TaskFactCounts {
  unitId: string; assigned: number; acceptedOnTime: number; acceptLate: number; completedOnTime: number; completeLate: number;
  active: number; overdue: number; qualityCount: number; qualitySum: number;
}

/** One grouped statement: the task facts of every lead unit in scope. */
export async function taskFactsByUnit(db: Trx, actor: Actor, b: Bounds, unitId?: string): Promise<TaskFactCounts[]> {
  const f = flagSql(b);
  const rows = await taskBase(db, actor, b, unitId).selectFrom('d').select([
    'd.leadUnitId as unitId',
    sql<number>`sum(${f.assigned})`.as('assigned'),
    sql<number>`sum(${f.acceptedOnTime})`.as('acceptedOnTime'),
    sql<number>`sum(${f.acceptLate})`.as('acceptLate'),
    sql<number>`sum(${f.completedOnTime})`.as('completedOnTime'),
    sql<number>`sum(${f.completeLate})`.as('completeLate'),
    sql<number>`sum(${f.active})`.as('active'),
    sql<number>`sum(${f.overdue})`.as('overdue'),
    sql<number>`sum(case when ${f.doneIn} = 1 and d.quality is not null then 1 else 0 end)`.as('qualityCount'),
    sql<number>`sum(case when ${f.doneIn} = 1 and d.quality is not null then d.quality else 0 end)`.as('qualitySum'),
  ]).groupBy('d.leadUnitId').execute();
  return rows.map((r) => ({
    unitId: r.unitId, assigned: Number(r.assigned), acceptedOnTime: Number(r.acceptedOnTime), acceptLate: Number(r.acceptLate),
    completedOnTime: Number(r.completedOnTime), completeLate: Number(r.completeLate), active: Number(r.active), overdue: Number(r.overdue),
    qualityCount: Number(r.qualityCount), qualitySum: Number(r.qualitySum),
  }));
}

/**
 * Burden: the results of several periods (months) in one pass over the tasks — on time, late, overdue at the end —
 * the same flags as the assessment, one column per period.
 */
export async function resultsByUnitPeriod(db: Trx, actor: Actor, whole: Bounds, periods: Bounds[]) {
  const cols = periods.flatMap((b, i) => {
    const f = flagSql(b);
    return [sql<number>`sum(${f.completedOnTime})`.as(`c${i}`), sql<number>`sum(${f.completeLate})`.as(`l${i}`), sql<number>`sum(${f.overdue})`.as(`o${i}`)];
  });
  const rows = await taskBase(db, actor, whole).selectFrom('d').select(['d.leadUnitId as unitId', ...cols]).groupBy('d.leadUnitId').execute();
  return rows.map((r) => {
    const x = r as unknown as Record<string, number | string>;
    return { unitId: r.unitId, periods: periods.map((_, i) => ({ completedOnTime: Number(x[`c${i}`]), completeLate: Number(x[`l${i}`]), overdue: Number(x[`o${i}`]) })) };
  });
}

/** One unit's tasks with every flag, for the breakdown behind its numbers. */
export async function taskFlagsOfUnit(db: Trx, actor: Actor, b: Bounds, unitId: string) {
  const f = flagSql(b);
  const rows = await taskBase(db, actor, b, unitId).selectFrom('d').select([
    'd.id', 'd.serial', 'd.title', 'd.status', 'd.assignedAt', 'd.acceptedAt', 'd.acceptDue', 'd.deadline', 'd.doneAt', 'd.quality',
    f.assigned.as('assigned'), f.acceptedOnTime.as('acceptedOnTime'), f.acceptLate.as('acceptLate'), f.completedOnTime.as('completedOnTime'),
    f.completeLate.as('completeLate'), f.active.as('active'), f.overdue.as('overdue'), f.doneIn.as('doneIn'),
  ]).orderBy('d.deadline').orderBy('d.id').execute();
  return rows.map((r) => ({ ...r, quality: r.quality ?? null, doneAt: r.doneAt ?? null }));
}

function eventScope(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'taskEvents' | 'tasks'>): Expression<SqlBool> =>
    inScope(eb, businessScope(actor), { region: 'tasks.region_code', unit: 'task_events.unit_id' });
}

/** Returns (退回) by the returning unit in the period; with `unitId`, the events themselves. */
export async function returnsByUnit(db: Trx, actor: Actor, b: Bounds): Promise<Map<string, number>> {
  const rows = await db.selectFrom('taskEvents').innerJoin('tasks', 'tasks.id', 'taskEvents.taskId')
    .select(['taskEvents.unitId', sql<number>`count(*)`.as('n')])
    .where('taskEvents.action', '=', 'return').where('taskEvents.at', '>=', b.fromUtc).where('taskEvents.at', '<', b.toEndUtc)
    .where(eventScope(actor)).groupBy('taskEvents.unitId').execute();
  return new Map(rows.filter((r) => r.unitId).map((r) => [r.unitId!, Number(r.n)]));
}

export function returnsOfUnit(db: Trx, actor: Actor, b: Bounds, unitId: string) {
  return db.selectFrom('taskEvents').innerJoin('tasks', 'tasks.id', 'taskEvents.taskId')
    .select(['tasks.id', 'tasks.serial', 'tasks.title', 'taskEvents.at', 'taskEvents.reason', 'taskEvents.comment'])
    .where('taskEvents.action', '=', 'return').where('taskEvents.unitId', '=', unitId)
    .where('taskEvents.at', '>=', b.fromUtc).where('taskEvents.at', '<', b.toEndUtc)
    .where(eventScope(actor)).orderBy('taskEvents.at').execute();
}

/**
 * Tasks that owe periodic reports at some time in the period (accepted, a cadence, not finished before it) — with
 * `withReports`, one row per report filed on them from 40 days before the period (the due date before its first
 * one) to its end, or one row with `reportAt` null for a task with none: one statement either way.
 */
export async function reportTasks(db: Trx, actor: Actor, b: Bounds, opts: { unitId?: string; withReports?: boolean; titles?: boolean } = {}) {
  // With `titles: false`, serial and title come back empty: one row per report repeats them, tens of thousands of times.
  const naming = opts.titles === false ? [sql<string>`''`.as('serial'), sql<string>`''`.as('title')] : (['d.serial', 'd.title'] as const);
  const base = taskBase(db, actor, b, opts.unitId, true).selectFrom('d')
    .where((eb) => eb.or([eb('d.doneAt', 'is', null), eb('d.doneAt', '>=', b.fromUtc)]))
    .select(['d.id', ...naming, 'd.leadUnitId', 'd.cadence', 'd.cadenceDay', 'd.acceptedAt', 'd.deadline', 'd.doneAt']);
  if (!opts.withReports) return (await base.execute()).map((r) => ({ ...r, reportAt: null as string | null }));
  return base.leftJoin('taskEvents as e', (j) => j.onRef('e.taskId', '=', 'd.id').on('e.action', '=', 'report')
    .on('e.at', '>=', dayStartUtc(addDays(b.from, -40))).on('e.at', '<', b.toEndUtc))
    .select('e.at as reportAt').execute();
}

/** `case when col < m2start then 'YYYY-MM' …` — the Shanghai month of an instant, the same on both databases. */
export function monthBucket(col: string, months: string[]): RawBuilder<string> {
  const parts = months.map((m, i) => {
    const next = i + 1 < months.length ? dayStartUtc(`${months[i + 1]}-01`) : dayStartUtc(addDays(`${m}-01`, 32).slice(0, 7) + '-01');
    return sql`when ${sql.raw(col)} < ${next} then ${m}`;
  });
  return sql<string>`case ${sql.join(parts, sql` `)} end`;
}

/** Burden: tasks assigned to each lead unit per month. */
export async function assignedByUnitMonth(db: Trx, actor: Actor, months: string[]) {
  const from = dayStartUtc(`${months[0]}-01`);
  const end = dayStartUtc(addDays(`${months.at(-1)}-01`, 32).slice(0, 7) + '-01');
  return db.selectFrom('tasks').select(['tasks.leadUnitId as unitId', monthBucket('tasks.assigned_at', months).as('month'), sql<number>`count(*)`.as('n')])
    .where((eb) => inScope(eb, businessScope(actor), { region: 'tasks.region_code', unit: 'tasks.lead_unit_id' }))
    .where('tasks.status', '<>', 'cancelled').where('tasks.assignedAt', '>=', from).where('tasks.assignedAt', '<', end)
    .groupBy(['tasks.leadUnitId', sql`2`]).execute();
}

/** Burden: reports filed and fields typed by each unit's people per month (task_events.fields_typed, set by the report action). */
export async function typingByUnitMonth(db: Trx, actor: Actor, months: string[]) {
  const from = dayStartUtc(`${months[0]}-01`);
  const end = dayStartUtc(addDays(`${months.at(-1)}-01`, 32).slice(0, 7) + '-01');
  return db.selectFrom('taskEvents').innerJoin('tasks', 'tasks.id', 'taskEvents.taskId')
    .select([
      'taskEvents.unitId', monthBucket('task_events.at', months).as('month'),
      sql<number>`sum(case when task_events.action = 'report' then 1 else 0 end)`.as('reports'),
      sql<number>`sum(task_events.fields_typed)`.as('fields'),
    ])
    .where('taskEvents.at', '>=', from).where('taskEvents.at', '<', end).where(eventScope(actor))
    .groupBy(['taskEvents.unitId', sql`2`]).execute();
}

/** Burden: reminders (催办) sent about each lead unit's tasks per month — whatever rows the reminder job has written. */
export async function remindersByUnitMonth(db: Trx, actor: Actor, months: string[]) {
  const from = dayStartUtc(`${months[0]}-01`);
  const end = dayStartUtc(addDays(`${months.at(-1)}-01`, 32).slice(0, 7) + '-01');
  return db.selectFrom('reminders').innerJoin('tasks', 'tasks.id', 'reminders.taskId')
    .select(['tasks.leadUnitId as unitId', monthBucket('reminders.created_at', months).as('month'), sql<number>`count(*)`.as('n')])
    .where((eb) => inScope(eb, businessScope(actor), { region: 'tasks.region_code', unit: 'tasks.lead_unit_id' }))
    .where('reminders.createdAt', '>=', from).where('reminders.createdAt', '<', end)
    .groupBy(['tasks.leadUnitId', sql`2`]).execute();
}
