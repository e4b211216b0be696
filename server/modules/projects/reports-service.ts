// 月报: the lead unit's monthly report on a project — 当月完成投资 (typed), 1-N月 and 累计 (derived), 形象进度, problems.
// Filing: open until the period's due date (reports-rules.ts), and any number of times until then; filed after the
// due date → flagged late. After the due date the period is closed: a change is a correction, which needs a reason
// and is kept (before/after) and audited. The form starts from last month's report. Photos of the 形象进度 (optional)
// are in report-photos.ts.
import type { Ctx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { newId, shanghaiDate } from '../../platform/clock.js';
import { Conflict, Invalid, type FieldError } from '../../platform/errors.js';
import { getSetting } from '../../platform/settings.js';
import { loadCalendar } from '../calendar/service.js';
import { addPeriods, canReport, cumulate, isClosed, isLate, isPeriod, lastEndedPeriod, periodOf, reportDueOn, round2, type Period } from './reports-rules.js';
import { investmentToDate } from './reports-read.js';
import { photosByReport } from './report-photos.js';
import { projectFor, rightsOn, type ProjectRow } from './tracking-access.js';
import type { ReportInput } from './tracking-schemas.js';

const today = (ctx: Ctx) => shanghaiDate(ctx.clock.now());
const STARTED = new Set(['construction', 'completed', 'operating', 'suspended']);

/** Periods this project owes a report for, this year: from its start (or January) to the last period already due. */
export function owedPeriods(p: Pick<ProjectRow, 'stage' | 'actualStart'>, day: string, dueOf: (period: Period) => string): Period[] {
  if (!STARTED.has(p.stage) && !p.actualStart) return [];
  const year = day.slice(0, 4);
  let from = `${year}-01`;
  if (p.actualStart && periodOf(p.actualStart) > from) from = periodOf(p.actualStart);
  const out: Period[] = [];
  for (let q = from; q <= lastEndedPeriod(day); q = addPeriods(q, 1)) if (day > dueOf(q)) out.push(q);
  return out;
}

export async function projectReports(ctx: Ctx, actor: Actor, projectId: string) {
  const p = await projectFor(ctx, ctx.db, actor, projectId);
  const day = today(ctx);
  const [rows, corrections, cal, dueDay, rights] = await Promise.all([
    ctx.db.selectFrom('projectReports').selectAll().where('projectId', '=', p.id).orderBy('period').execute(),
    ctx.db.selectFrom('projectReportCorrections').select(['reportId', 'at', 'actorName', 'reason', 'beforeJson', 'afterJson']).where('projectId', '=', p.id).orderBy('at').execute(),
    loadCalendar(ctx), getSetting(ctx, 'projects.reportDueDay'), rightsOn(ctx, ctx.db, actor, p),
  ]);
  const photos = await photosByReport(ctx.db, actor, p.id, rights.edit);
  const dueOf = (q: Period) => reportDueOn(q, dueDay, cal);
  const cum = new Map(cumulate(rows).map((c) => [c.period, c]));
  const byReport = new Map<string, typeof corrections>();
  for (const c of corrections) { const a = byReport.get(c.reportId) ?? []; a.push(c); byReport.set(c.reportId, a); }
  const have = new Set(rows.map((r) => r.period));
  const missing = owedPeriods(p, day, dueOf).filter((q) => !have.has(q)).map((q) => ({ period: q, dueOn: dueOf(q) }));
  return {
    projectId: p.id, today: day, reportDueDay: dueDay, canFile: rights.edit,
    items: rows.slice().reverse().map((r) => ({
      id: r.id, period: r.period, amount: r.amount, yearToDate: cum.get(r.period)!.yearToDate, sinceStart: cum.get(r.period)!.sinceStart,
      progressText: r.progressText, problemsText: r.problemsText, source: r.source as 'form' | 'ledger', dueOn: r.dueOn, filedAt: r.filedAt, filedByName: r.filedByName,
      late: !!r.late, closed: isClosed(day, r.dueOn), version: r.version,
      corrections: (byReport.get(r.id) ?? []).map((c) => ({ at: c.at, actorName: c.actorName, reason: c.reason, before: JSON.parse(c.beforeJson), after: JSON.parse(c.afterJson) })),
      photos: photos.get(r.id) ?? [],
    })),
    missing,
  };
}

/** The form for a period: the report if filed, else a draft from last month's report (形象进度 and problems carried over). */
export async function reportForm(ctx: Ctx, actor: Actor, projectId: string, period?: string) {
  const p = await projectFor(ctx, ctx.db, actor, projectId);
  const day = today(ctx);
  const q = period ?? lastEndedPeriod(day);
  if (!isPeriod(q)) throw new Invalid({ field: 'period', code: 'invalid.pattern' });
  const [cal, dueDay] = await Promise.all([loadCalendar(ctx), getSetting(ctx, 'projects.reportDueDay')]);
  const dueOn = reportDueOn(q, dueDay, cal);
  const [existing, previous, before] = await Promise.all([
    ctx.db.selectFrom('projectReports').selectAll().where('projectId', '=', p.id).where('period', '=', q).executeTakeFirst(),
    ctx.db.selectFrom('projectReports').select(['period', 'amount', 'progressText', 'problemsText']).where('projectId', '=', p.id).where('period', '<', q).orderBy('period', 'desc').limit(1).executeTakeFirst(),
    investmentToDate(ctx.db, p.id, addPeriods(q, -1)),
  ]);
  const sameYear = addPeriods(q, -1).slice(0, 4) === q.slice(0, 4);
  const photos = existing ? (await photosByReport(ctx.db, actor, p.id, (await rightsOn(ctx, ctx.db, actor, p)).edit)).get(existing.id) ?? [] : [];
  return {
    projectId: p.id, period: q, dueOn, closed: isClosed(day, dueOn), canReport: canReport(q, day),
    exists: !!existing, version: existing?.version ?? null,
    amount: existing?.amount ?? null,
    progressText: existing?.progressText ?? previous?.progressText ?? '',
    problemsText: existing?.problemsText ?? previous?.problemsText ?? null,
    previous: previous ? { period: previous.period, amount: previous.amount } : null,
    yearToDateBefore: sameYear ? before.yearToDate : 0, sinceStartBefore: before.sinceStart,
    photos,
  };
}

export async function fileReport(ctx: Ctx, actor: Actor, projectId: string, period: string, input: ReportInput) {
  authorize(actor, 'projects.manage');
  const out = await inTransaction(ctx, async (trx) => {
    const p = await projectFor(ctx, trx, actor, projectId, 'edit');
    const day = today(ctx);
    const errors: FieldError[] = [];
    if (!isPeriod(period)) errors.push({ field: 'period', code: 'invalid.pattern' });
    else if (!canReport(period, day)) errors.push({ field: 'period', code: 'projectReport.future' });
    if (!input.progressText.trim()) errors.push({ field: 'progressText', code: 'invalid.required' });
    if (errors.length) throw new Invalid(errors);
    const dueOn = reportDueOn(period, await getSetting(ctx, 'projects.reportDueDay', trx), await loadCalendar(ctx, trx));
    const now = ctx.clock.now().toISOString();
    const amount = round2(input.amount);
    const fields = { amount, progressText: input.progressText.trim(), problemsText: input.problemsText?.trim() || null };
    const existing = await trx.selectFrom('projectReports').selectAll().where('projectId', '=', p.id).where('period', '=', period).executeTakeFirst();
    if (!existing) {
      const id = newId();
      const late = isLate(day, dueOn);
      await trx.insertInto('projectReports').values({
        id, projectId: p.id, regionCode: p.regionCode, period, year: Number(period.slice(0, 4)), ...fields, source: 'form', dueOn,
        filedAt: now, filedBy: actor.userId, filedByName: actor.displayName, late: late ? 1 : 0, updatedAt: now,
      }).execute();
      await audit(ctx, trx, actor, { action: 'project.report.file', entityType: 'project_report', entityId: id, after: { projectId: p.id, period, ...fields, late } });
      return { id, created: true };
    }
    if (input.version !== undefined && input.version !== existing.version) throw new Conflict('conflict.version');
    const before = { amount: existing.amount, progressText: existing.progressText, problemsText: existing.problemsText };
    if (isClosed(day, existing.dueOn)) {
      const reason = input.reason?.trim();
      if (!reason) throw new Invalid({ field: 'reason', code: 'projectReport.reasonRequired', params: { dueOn: existing.dueOn } });
      await trx.updateTable('projectReports').set({ ...fields, corrections: existing.corrections + 1, version: existing.version + 1, updatedAt: now }).where('id', '=', existing.id).execute();
      await trx.insertInto('projectReportCorrections').values({
        id: newId(), reportId: existing.id, projectId: p.id, at: now, actorId: actor.userId, actorName: actor.displayName, reason,
        beforeJson: JSON.stringify(before), afterJson: JSON.stringify(fields),
      }).execute();
      await audit(ctx, trx, actor, { action: 'project.report.correct', entityType: 'project_report', entityId: existing.id, before, after: { ...fields, reason } });
    } else {
      await trx.updateTable('projectReports').set({ ...fields, source: 'form', version: existing.version + 1, updatedAt: now }).where('id', '=', existing.id).execute();
      await audit(ctx, trx, actor, { action: 'project.report.update', entityType: 'project_report', entityId: existing.id, before, after: fields });
    }
    return { id: existing.id, created: false };
  });
  const list = await projectReports(ctx, actor, projectId);
  return { created: out.created, report: list.items.find((r) => r.id === out.id)! };
}
