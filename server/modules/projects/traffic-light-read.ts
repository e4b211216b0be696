// Traffic lights for projects on a day: the facts from the library (stage, start dates, the year's plan) and the
// monthly reports (the year's completed investment through the last ended month), through traffic-light-rules.ts.
import { message } from '../../../common/messages.js';
import type { Locale } from '../../../common/roles.js';
import type { Ctx, Trx } from '../../context.js';
import { getSetting } from '../../platform/settings.js';
import { lastEndedPeriod } from './reports-rules.js';
import { yearCompletedByProject, yearCompletedInScope } from './reports-read.js';
import type { ProjectWhere } from './scope.js';
import type { Actor } from '../../platform/access/actor.js';
import { projectFor, rightsOn } from './tracking-access.js';
import { trafficLight, type LightResult } from './traffic-light-rules.js';

export interface LightFacts { id: string; stage: string; plannedStart: string | null; actualStart: string | null }
export type ProjectLight = Omit<LightResult, 'reasons'> & { yearPlanned: number | null; yearCompleted: number; reasons: (LightResult['reasons'][number] & { message: string })[] };

async function plansOf(db: Trx, ids: readonly string[], year: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of await db.selectFrom('projectYearPlans').select(['projectId', 'plannedInvestment']).where('year', '=', year).where('projectId', 'in', ids.slice(i, i + 500)).execute()) {
      out.set(r.projectId, r.plannedInvestment);
    }
  }
  return out;
}

function lightsOf(projects: readonly LightFacts[], plans: Map<string, number>, done: Map<string, number>, day: string, thresholds: Parameters<typeof trafficLight>[1], locale: Locale) {
  const out = new Map<string, ProjectLight>();
  for (const p of projects) {
    const yearPlanned = plans.get(p.id) ?? null;
    const yearCompleted = done.get(p.id) ?? 0;
    const r = trafficLight({ today: day, stage: p.stage, plannedStart: p.plannedStart, actualStart: p.actualStart, yearPlanned, yearCompleted }, thresholds);
    out.set(p.id, { ...r, yearPlanned, yearCompleted, reasons: r.reasons.map((x) => ({ ...x, message: message(x.code, locale, x.params ?? {}) })) });
  }
  return out;
}

/** Lights of a few projects (a page, a list). */
export async function lightsFor(ctx: Ctx, db: Trx, projects: readonly LightFacts[], day: string, locale: Locale): Promise<Map<string, ProjectLight>> {
  const year = Number(day.slice(0, 4));
  const ids = projects.map((p) => p.id);
  const [plans, done, thresholds] = await Promise.all([plansOf(db, ids, year), yearCompletedByProject(db, ids, year, lastEndedPeriod(day)), getSetting(ctx, 'projects.lightThresholds', db)]);
  return lightsOf(projects, plans, done, day, thresholds, locale);
}

/** Lights of every project of a scope, with grouped statements (the overview). */
export async function lightsInScope(ctx: Ctx, db: Trx, where: ProjectWhere, projects: readonly LightFacts[], day: string, locale: Locale): Promise<Map<string, ProjectLight>> {
  const year = Number(day.slice(0, 4));
  const [planRows, done, thresholds] = await Promise.all([
    db.selectFrom('projectYearPlans').select(['projectYearPlans.projectId', 'projectYearPlans.plannedInvestment']).where('projectYearPlans.year', '=', year)
      .where('projectYearPlans.projectId', 'in', db.selectFrom('projects').select('projects.id').where(where)).execute(),
    yearCompletedInScope(db, where, year, lastEndedPeriod(day)),
    getSetting(ctx, 'projects.lightThresholds', db),
  ]);
  return lightsOf(projects, new Map(planRows.map((r) => [r.projectId, r.plannedInvestment])), done, day, thresholds, locale);
}

/** One project's light today, with the reasons in the reader's language (the project page says why). */
export async function projectLight(ctx: Ctx, actor: Actor, projectId: string) {
  const p = await projectFor(ctx, ctx.db, actor, projectId);
  const day = new Date(ctx.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const l = (await lightsFor(ctx, ctx.db, [p], day, actor.locale)).get(p.id)!;
  const rights = await rightsOn(ctx, ctx.db, actor, p);
  return { projectId: p.id, today: day, ...l, canRefer: rights.refer && l.light === 'red' };
}
