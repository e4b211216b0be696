// Who may do what in project tracking (挂图作战, 月报, 问题, 现场办公). Reading follows the project's scope (scope.ts):
// a project out of scope is not found. Writing:
//   edit    : milestones, monthly reports, problems — the lead unit's people, a library unit (发改局), the 督查室
//   approve : approving the milestone plan (the baseline) — a library unit or the 督查室
//   visit   : recording a 现场办公 — the 督查室, or a leader (his own visit)
//   refer   : sending a red project to the 督查室 — the project's 包抓 leader, a library unit, the 督查室
import type { Ctx, Trx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { Forbidden } from '../../platform/errors.js';
import { findProjectInScope, isLibraryUnit } from './scope.js';

export type ProjectRow = Awaited<ReturnType<typeof findProjectInScope>>;
export type TrackingRight = 'edit' | 'approve' | 'visit' | 'refer';

const isSupervisor = (a: Actor, p: ProjectRow) => a.roles.has('supervisor') && a.regionCode === p.regionCode;
const isLeadUnit = (a: Actor, p: ProjectRow) => !!a.unitId && a.unitId === p.leadUnitId && (a.roles.has('unit_admin') || a.roles.has('unit_staff'));

export async function rightsOn(ctx: Ctx, db: Trx, actor: Actor, p: ProjectRow): Promise<Record<TrackingRight, boolean>> {
  const library = (actor.roles.has('unit_admin') || actor.roles.has('unit_staff')) && await isLibraryUnit(ctx, db, actor) && actor.regionCode === p.regionCode;
  const sup = isSupervisor(actor, p);
  return {
    edit: sup || library || isLeadUnit(actor, p),
    approve: sup || library,
    visit: sup || (actor.roles.has('leader') && actor.regionCode === p.regionCode),
    refer: sup || library || (actor.roles.has('leader') && p.leaderUserId === actor.userId),
  };
}

/** The project (in scope, else 404), after checking the right (else 403). */
export async function projectFor(ctx: Ctx, db: Trx, actor: Actor, projectId: string, right?: TrackingRight): Promise<ProjectRow> {
  authorize(actor, 'projects.read');
  const p = await findProjectInScope(ctx, db, actor, projectId);
  if (right && !(await rightsOn(ctx, db, actor, p))[right]) throw new Forbidden();
  return p;
}
