// 月报 figures for every other page and module: a figure typed once in a monthly report is the one the overview,
// the bulletins and the leaders' reports use ("最多报一次"). Cumulative figures are sums here, never stored.
// Also the one door for a 台账 import's "1-N月完成投资" (recordYearToDate), so a ledger and a report cannot disagree.
import { sql } from 'kysely';
import type { Ctx, Trx } from '../../context.js';
import { audit } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { newId, shanghaiDate } from '../../platform/clock.js';
import { Invalid } from '../../platform/errors.js';
import { getSetting } from '../../platform/settings.js';
import { loadCalendar } from '../calendar/service.js';
import { isLate, isPeriod, monthFromYearToDate, reportDueOn, round2, type Period } from './reports-rules.js';
import type { ProjectWhere } from './scope.js';

/** 1-N月 (year to date) and since-start completed investment of one project through a period (inclusive). */
export async function investmentToDate(db: Trx, projectId: string, throughPeriod: Period): Promise<{ yearToDate: number; sinceStart: number }> {
  const year = Number(throughPeriod.slice(0, 4));
  const r = await db.selectFrom('projectReports')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('amount'), sql<number>`0`).as('since'),
      eb.fn.coalesce(eb.fn.sum<number>(eb.case().when('year', '=', year).then(eb.ref('amount')).else(0).end()), sql<number>`0`).as('ytd'),
    ])
    .where('projectId', '=', projectId).where('period', '<=', throughPeriod).executeTakeFirst();
  return { yearToDate: round2(Number(r?.ytd ?? 0)), sinceStart: round2(Number(r?.since ?? 0)) };
}

/** Each project's investment completed in `year` through `throughPeriod` (inclusive); projects without reports are absent. */
export async function yearCompletedByProject(db: Trx, projectIds: readonly string[], year: number, throughPeriod: Period): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < projectIds.length; i += 500) {
    const rows = await db.selectFrom('projectReports').select(['projectId', (eb) => eb.fn.sum<number>('amount').as('s')])
      .where('projectId', 'in', projectIds.slice(i, i + 500)).where('year', '=', year).where('period', '<=', throughPeriod)
      .groupBy('projectId').execute();
    for (const r of rows) out.set(r.projectId, round2(Number(r.s)));
  }
  return out;
}

/** The same for every project in a scope at once (one grouped statement): projectId → completed in the year. */
export async function yearCompletedInScope(db: Trx, where: ProjectWhere, year: number, throughPeriod: Period): Promise<Map<string, number>> {
  const rows = await db.selectFrom('projectReports').select(['projectReports.projectId', (eb) => eb.fn.sum<number>('projectReports.amount').as('s')])
    .where('projectReports.year', '=', year).where('projectReports.period', '<=', throughPeriod)
    .where('projectReports.projectId', 'in', db.selectFrom('projects').select('projects.id').where(where))
    .groupBy('projectReports.projectId').execute();
  return new Map(rows.map((r) => [r.projectId, round2(Number(r.s))]));
}

/** 1-N月 and since-start completed investment through a period for every project of a scope with reports (one grouped statement). */
export async function toDateInScope(db: Trx, where: ProjectWhere, throughPeriod: Period): Promise<Map<string, { yearToDate: number; sinceStart: number }>> {
  const year = Number(throughPeriod.slice(0, 4));
  const rows = await db.selectFrom('projectReports')
    .select((eb) => [
      'projectReports.projectId',
      eb.fn.sum<number>('projectReports.amount').as('since'),
      eb.fn.sum<number>(eb.case().when('projectReports.year', '=', year).then(eb.ref('projectReports.amount')).else(0).end()).as('ytd'),
    ])
    .where('projectReports.period', '<=', throughPeriod)
    .where('projectReports.projectId', 'in', db.selectFrom('projects').select('projects.id').where(where))
    .groupBy('projectReports.projectId').execute();
  return new Map(rows.map((r) => [r.projectId, { yearToDate: round2(Number(r.ytd ?? 0)), sinceStart: round2(Number(r.since ?? 0)) }]));
}

/** The reports of one month for the projects of a scope, as filed (the month's own figure, 形象进度, problems, when, late). */
export async function periodReportsInScope(db: Trx, where: ProjectWhere, period: Period) {
  return db.selectFrom('projectReports')
    .select(['projectReports.projectId', 'projectReports.amount', 'projectReports.progressText', 'projectReports.problemsText', 'projectReports.filedAt',
      'projectReports.late', 'projectReports.source', 'projectReports.dueOn'])
    .where('projectReports.period', '=', period)
    .where('projectReports.projectId', 'in', db.selectFrom('projects').select('projects.id').where(where)).execute();
}

/**
 * What a ledger's 1-N月 figure for `period` meets, for many projects at once (one grouped statement per 500):
 * the year's months before `period` (their sum) and the month's own report, if any. The import's preview uses it to
 * say beforehand what recordYearToDate will do (file, correct, leave, or refuse as below the reports).
 */
export async function ledgerBaseline(db: Trx, projectIds: readonly string[], period: Period): Promise<Map<string, { earlier: number; current: number | null }>> {
  const out = new Map<string, { earlier: number; current: number | null }>();
  const year = Number(period.slice(0, 4));
  for (let i = 0; i < projectIds.length; i += 500) {
    const rows = await db.selectFrom('projectReports')
      .select((eb) => [
        'projectId',
        eb.fn.sum<number>(eb.case().when('period', '<', period).then(eb.ref('amount')).else(0).end()).as('earlier'),
        eb.fn.max<number | null>(eb.case().when('period', '=', period).then(eb.ref('amount')).end()).as('current'),
      ])
      .where('projectId', 'in', projectIds.slice(i, i + 500)).where('year', '=', year).where('period', '<=', period)
      .groupBy('projectId').execute();
    for (const r of rows) out.set(r.projectId, { earlier: round2(Number(r.earlier ?? 0)), current: r.current === null || r.current === undefined ? null : round2(Number(r.current)) });
  }
  return out;
}

/** Completed investment per month of `year` over the projects of a scope: [{ period, amount }] for months with reports. */
export async function monthlyTotals(db: Trx, where: ProjectWhere, year: number): Promise<{ period: Period; amount: number; reports: number }[]> {
  const rows = await db.selectFrom('projectReports')
    .select(['projectReports.period', (eb) => eb.fn.sum<number>('projectReports.amount').as('s'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('projectReports.year', '=', year)
    .where('projectReports.projectId', 'in', db.selectFrom('projects').select('projects.id').where(where))
    .groupBy('projectReports.period').orderBy('projectReports.period').execute();
  return rows.map((r) => ({ period: r.period, amount: round2(Number(r.s)), reports: Number(r.n) }));
}

/** One project's months (amount, 1-N月, since start) — the series a chart or a leader's report draws. */
export async function projectMonthlySeries(db: Trx, projectId: string) {
  const rows = await db.selectFrom('projectReports').select(['period', 'amount']).where('projectId', '=', projectId).orderBy('period').execute();
  let since = 0; let ytd = 0; let year = '';
  return rows.map((r) => {
    if (r.period.slice(0, 4) !== year) { year = r.period.slice(0, 4); ytd = 0; }
    since = round2(since + r.amount); ytd = round2(ytd + r.amount);
    return { period: r.period, amount: r.amount, yearToDate: ytd, sinceStart: since };
  });
}

/**
 * For a 台账 import (helper F's ledger import): record a project's "1-N月完成投资" for period YYYY-MM (N = the month).
 * The month's own figure is the ledger's figure minus the year's earlier months already reported. No report yet:
 * one is filed from the ledger (source 'ledger'). A report with the same month figure: nothing changes. A different
 * one: corrected with the reason "台账导入（1-N月）", audited, like any correction. Call inside the import's
 * transaction; the caller has checked the actor may import. Returns what happened.
 */
export async function recordYearToDate(ctx: Ctx, trx: Trx, actor: Actor, projectId: string, period: Period, yearToDate: number): Promise<'created' | 'unchanged' | 'corrected'> {
  if (!isPeriod(period)) throw new Invalid({ field: 'period', code: 'invalid.pattern' });
  const p = await trx.selectFrom('projects').select(['id', 'regionCode']).where('id', '=', projectId).executeTakeFirst();
  if (!p) throw new Invalid({ field: 'projectId', code: 'invalid.value' });
  const year = Number(period.slice(0, 4));
  const earlier = await trx.selectFrom('projectReports').select('amount').where('projectId', '=', projectId).where('year', '=', year).where('period', '<', period).execute();
  const amount = monthFromYearToDate(yearToDate, earlier.map((e) => e.amount));
  if (amount < 0) throw new Invalid({ field: 'yearToDate', code: 'projectReport.ledgerBelowReports', params: { period, reported: round2(yearToDate - amount) } });
  const now = ctx.clock.now().toISOString();
  const existing = await trx.selectFrom('projectReports').selectAll().where('projectId', '=', projectId).where('period', '=', period).executeTakeFirst();
  if (!existing) {
    const dueOn = reportDueOn(period, await getSetting(ctx, 'projects.reportDueDay', trx), await loadCalendar(ctx, trx));
    const id = newId();
    await trx.insertInto('projectReports').values({
      id, projectId, regionCode: p.regionCode, period, year, amount, progressText: '（台账导入）', problemsText: null, source: 'ledger', dueOn,
      filedAt: now, filedBy: actor.userId, filedByName: actor.displayName, late: isLate(shanghaiDate(ctx.clock.now()), dueOn) ? 1 : 0, updatedAt: now,
    }).execute();
    await audit(ctx, trx, actor, { action: 'project.report.ledger', entityType: 'project_report', entityId: id, after: { projectId, period, yearToDate, amount } });
    return 'created';
  }
  if (round2(existing.amount) === amount) return 'unchanged';
  const reason = `台账导入（1-${Number(period.slice(5, 7))}月完成投资 ${yearToDate} 万元）`;
  await trx.updateTable('projectReports').set({ amount, corrections: existing.corrections + 1, version: existing.version + 1, updatedAt: now }).where('id', '=', existing.id).execute();
  await trx.insertInto('projectReportCorrections').values({
    id: newId(), reportId: existing.id, projectId, at: now, actorId: actor.userId, actorName: actor.displayName, reason,
    beforeJson: JSON.stringify({ amount: existing.amount }), afterJson: JSON.stringify({ amount }),
  }).execute();
  await audit(ctx, trx, actor, { action: 'project.report.correct', entityType: 'project_report', entityId: existing.id, before: { amount: existing.amount }, after: { amount, reason } });
  return 'corrected';
}
