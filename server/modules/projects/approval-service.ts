// 前期手续: the approvals before construction, each with planned and actual dates and the document reference.
import type { Ctx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { Invalid, type FieldError } from '../../platform/errors.js';
import { APPROVAL_KINDS, type ApprovalKind, type InitiationVariant } from '../../../common/project-labels.js';
import { isDate } from './library-rules.js';
import { findProjectInScope } from './scope.js';
import { requireEdit } from './library-access.js';
import { today } from './library-service.js';
import * as repo from './library-repository.js';
import type { ApprovalPutInput } from './library-schemas.js';

export async function listApprovals(ctx: Ctx, actor: Actor, id: string, db = ctx.db) {
  authorize(actor, 'projects.read');
  await findProjectInScope(ctx, db, actor, id);
  const rows = await repo.approvalsOf(db, [id]);
  const t = today(ctx);
  const by = new Map(rows.map((r) => [r.kind, r]));
  const items = APPROVAL_KINDS.map((kind) => {
    const r = by.get(kind);
    return {
      kind, variant: (r?.variant ?? null) as InitiationVariant | null, plannedOn: r?.plannedOn ?? null, actualOn: r?.actualOn ?? null,
      docRef: r?.docRef ?? null, note: r?.note ?? null, done: !!r?.actualOn, overdue: !r?.actualOn && !!r?.plannedOn && r.plannedOn < t,
    };
  });
  return { items, next: repo.nextMissing(rows, t) };
}

export async function putApproval(ctx: Ctx, actor: Actor, id: string, kind: ApprovalKind, input: ApprovalPutInput) {
  authorize(actor, 'projects.manage');
  return inTransaction(ctx, async (trx) => {
    const p = await findProjectInScope(ctx, trx, actor, id);
    await requireEdit(ctx, trx, actor, p);
    const before = await trx.selectFrom('projectApprovals').selectAll().where('projectId', '=', id).where('kind', '=', kind).executeTakeFirst();
    const next = {
      variant: input.variant !== undefined ? input.variant : before?.variant ?? null,
      plannedOn: input.plannedOn !== undefined ? input.plannedOn : before?.plannedOn ?? null,
      actualOn: input.actualOn !== undefined ? input.actualOn : before?.actualOn ?? null,
      docRef: input.docRef !== undefined ? (input.docRef?.trim() || null) : before?.docRef ?? null,
      note: input.note !== undefined ? (input.note?.trim() || null) : before?.note ?? null,
    };
    const errs: FieldError[] = [];
    if (next.variant && kind !== 'initiation') errs.push({ field: 'variant', code: 'projects.variantOnlyInitiation' });
    for (const f of ['plannedOn', 'actualOn'] as const) if (next[f] && !isDate(next[f]!)) errs.push({ field: f, code: 'invalid.format', params: { format: 'YYYY-MM-DD' } });
    if (next.actualOn && isDate(next.actualOn) && next.actualOn > today(ctx)) errs.push({ field: 'actualOn', code: 'projects.actualInFuture' });
    if (errs.length) throw new Invalid(errs);
    const now = ctx.clock.now().toISOString();
    await trx.insertInto('projectApprovals').values({ projectId: id, kind, ...next, updatedAt: now })
      .onConflict((oc) => oc.columns(['projectId', 'kind']).doUpdateSet({ ...next, updatedAt: now })).execute();
    await trx.updateTable('projects').set({ updatedAt: now }).where('id', '=', id).execute();
    await audit(ctx, trx, actor, { action: 'project.approval', entityType: 'project', entityId: id, before: before ?? null, after: { kind, ...next } });
    return listApprovals(ctx, actor, id, trx);
  });
}
