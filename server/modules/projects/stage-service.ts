// Stage moves (谋划 → 储备 → 前期 → 在建 → 竣工 → 投产, 停工 and back): dated, audited, optimistic by version.
import type { Ctx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { newId } from '../../platform/clock.js';
import { Conflict, Invalid } from '../../platform/errors.js';
import { PROJECT_STAGE_LABELS, type ProjectStage } from '../../../common/project-labels.js';
import { allowedMoves, canMove, moveRequires } from './stage-rules.js';
import { projectFactErrors } from './library-rules.js';
import { findProjectInScope, loadProjectScope } from './scope.js';
import { requireEdit } from './library-access.js';
import { projectView, today } from './library-service.js';
import * as repo from './library-repository.js';
import type { ProjectView, StageMoveInput } from './library-schemas.js';

const FIELD_LABEL = { actualStart: '实际开工日期 actualStart', actualCompletion: '实际竣工日期 actualCompletion', projectCode: '投资项目统一代码 projectCode' } as const;

export async function moveStage(ctx: Ctx, actor: Actor, id: string, input: StageMoveInput): Promise<ProjectView> {
  authorize(actor, 'projects.manage');
  return inTransaction(ctx, async (trx) => {
    const p = await findProjectInScope(ctx, trx, actor, id);
    const rights = await requireEdit(ctx, trx, actor, p);
    const where = await loadProjectScope(ctx, trx, actor);
    const before = await projectView(ctx, trx, actor, where, id, rights);
    const from = p.stage as ProjectStage;
    if (!canMove(from, input.to)) {
      const allowed = allowedMoves(from);
      throw new Conflict('projects.illegalMove', {
        from: PROJECT_STAGE_LABELS[from]['zh-CN'], to: PROJECT_STAGE_LABELS[input.to]['zh-CN'],
        allowed: allowed.map((s) => PROJECT_STAGE_LABELS[s]['zh-CN']).join('、') || '—',
      }, { allowed });
    }
    if (p.version !== input.version) throw new Conflict('conflict.version', {}, { currentVersion: p.version });
    const t = today(ctx);
    if (input.movedOn > t || input.movedOn < p.stageSince) throw new Invalid({ field: 'movedOn', code: 'projects.moveDate', params: { since: p.stageSince } }, 'projects.moveDate', { since: p.stageSince });
    const set: Record<string, unknown> = { stage: input.to, stageSince: input.movedOn, updatedAt: ctx.clock.now().toISOString() };
    if (input.actualStart) set.actualStart = input.actualStart;
    if (input.actualCompletion) set.actualCompletion = input.actualCompletion;
    if (input.projectCode) set.projectCode = input.projectCode.trim().toUpperCase();
    const merged = { ...p, ...set } as typeof p;
    const need = moveRequires(input.to);
    if (need && !merged[need]) {
      const params = { to: PROJECT_STAGE_LABELS[input.to]['zh-CN'], field: FIELD_LABEL[need] };
      throw new Invalid({ field: need, code: 'projects.moveNeeds', params }, 'projects.moveNeeds', params);
    }
    const errs = projectFactErrors({ ...merged, totalInvestment: Number(merged.totalInvestment) }, t);
    if (errs.length) throw new Invalid(errs);
    if (set.projectCode) {
      const dup = await trx.selectFrom('projects').select('id').where('regionCode', '=', p.regionCode).where('projectCode', '=', set.projectCode as string).where('id', '!=', id).executeTakeFirst();
      if (dup) throw new Conflict('conflict.duplicate', { field: FIELD_LABEL.projectCode });
    }
    if (!(await repo.updateProject(trx, id, input.version, set))) throw new Conflict('conflict.version', {}, { currentVersion: p.version });
    await trx.insertInto('projectStageMoves').values({
      id: newId(), projectId: id, fromStage: from, toStage: input.to, movedOn: input.movedOn, actorId: actor.userId,
      comment: input.comment?.trim() || null, createdAt: ctx.clock.now().toISOString(),
    }).execute();
    const after = await projectView(ctx, trx, actor, where, id, rights);
    await audit(ctx, trx, actor, { action: 'project.stage', entityType: 'project', entityId: id, before, after: { ...after, move: { from, to: input.to, movedOn: input.movedOn, comment: input.comment ?? null } } });
    return after;
  });
}

export async function listStageMoves(ctx: Ctx, actor: Actor, id: string) {
  authorize(actor, 'projects.read');
  await findProjectInScope(ctx, ctx.db, actor, id);
  const items = await repo.stageMoves(ctx.db, id);
  return { items: items.map((m) => ({ ...m, fromStage: m.fromStage as ProjectStage | null, toStage: m.toStage as ProjectStage, actorName: m.actorName ?? null })) };
}
