// 挂图作战: a project's dated milestones, planned against actual, and the baseline taken when the plan is first
// approved. After the approval the planned dates may still move (each move audited); the baseline stays, so the
// chart shows how far the plan moved. A milestone in the baseline cannot be deleted (move it instead).
import type { Ctx, Trx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { newId, shanghaiDate } from '../../platform/clock.js';
import { Conflict, Invalid, NotFound, type FieldError } from '../../platform/errors.js';
import { lateDays, milestoneState, slipDays } from './milestones-rules.js';
import { loadProjectScope } from './scope.js';
import { projectFor, rightsOn } from './tracking-access.js';
import type { BattleMapQuery, MilestoneInput, MilestonePatch } from './tracking-schemas.js';

const today = (ctx: Ctx) => shanghaiDate(ctx.clock.now());

type MilestoneRow = { id: string; projectId: string; title: string; plannedStart: string | null; plannedEnd: string; actualEnd: string | null; baselineStart: string | null; baselineEnd: string | null; sortOrder: number; note: string | null; version: number };

export function presentMilestone(m: MilestoneRow, day: string) {
  return {
    id: m.id, title: m.title, plannedStart: m.plannedStart, plannedEnd: m.plannedEnd, actualEnd: m.actualEnd,
    baselineStart: m.baselineStart, baselineEnd: m.baselineEnd, sortOrder: m.sortOrder, note: m.note, version: m.version,
    state: milestoneState(m, day), slipDays: slipDays(m), lateDays: lateDays(m, day),
  };
}

const MCOLS = ['id', 'projectId', 'title', 'plannedStart', 'plannedEnd', 'actualEnd', 'baselineStart', 'baselineEnd', 'sortOrder', 'note', 'version'] as const;

async function milestonesOf(db: Trx, projectIds: string[]): Promise<MilestoneRow[]> {
  if (!projectIds.length) return [];
  const out: MilestoneRow[] = [];
  for (let i = 0; i < projectIds.length; i += 500) {
    out.push(...await db.selectFrom('projectMilestones').select(MCOLS).where('projectId', 'in', projectIds.slice(i, i + 500))
      .orderBy('projectId').orderBy('sortOrder').orderBy('plannedEnd').orderBy('id').execute());
  }
  return out;
}

async function approvalOf(db: Trx, projectId: string) {
  return (await db.selectFrom('projectPlanApprovals').select(['approvedOn', 'approvedByName', 'milestoneCount']).where('projectId', '=', projectId).executeTakeFirst()) ?? null;
}

export async function projectMilestones(ctx: Ctx, actor: Actor, projectId: string) {
  const p = await projectFor(ctx, ctx.db, actor, projectId);
  const day = today(ctx);
  const [rows, approval, rights] = await Promise.all([milestonesOf(ctx.db, [p.id]), approvalOf(ctx.db, p.id), rightsOn(ctx, ctx.db, actor, p)]);
  return { projectId: p.id, today: day, approval, milestones: rows.map((m) => presentMilestone(m, day)), canEdit: rights.edit, canApprove: rights.approve && !approval };
}

function check(input: { title?: string; plannedStart?: string | null; plannedEnd?: string; actualEnd?: string | null }, day: string): FieldError[] {
  const e: FieldError[] = [];
  if (input.title !== undefined && !input.title.trim()) e.push({ field: 'title', code: 'invalid.required' });
  if (input.plannedStart && input.plannedEnd && input.plannedStart > input.plannedEnd) e.push({ field: 'plannedStart', code: 'projectMilestone.startAfterEnd' });
  if (input.actualEnd && input.actualEnd > day) e.push({ field: 'actualEnd', code: 'projectMilestone.doneInFuture' });
  return e;
}

export async function createMilestone(ctx: Ctx, actor: Actor, projectId: string, input: MilestoneInput) {
  authorize(actor, 'projects.manage');
  return inTransaction(ctx, async (trx) => {
    const p = await projectFor(ctx, trx, actor, projectId, 'edit');
    const day = today(ctx);
    const errors = check(input, day);
    if (errors.length) throw new Invalid(errors);
    const now = ctx.clock.now().toISOString();
    const id = newId();
    const last = await trx.selectFrom('projectMilestones').select((eb) => eb.fn.max('sortOrder').as('m')).where('projectId', '=', p.id).executeTakeFirst();
    const row = {
      id, projectId: p.id, title: input.title.trim(), plannedStart: input.plannedStart ?? null, plannedEnd: input.plannedEnd, actualEnd: input.actualEnd ?? null,
      baselineStart: null, baselineEnd: null, sortOrder: input.sortOrder ?? Number(last?.m ?? 0) + 1, note: input.note?.trim() || null, version: 1, createdAt: now, updatedAt: now,
    };
    await trx.insertInto('projectMilestones').values(row).execute();
    await audit(ctx, trx, actor, { action: 'project.milestone.create', entityType: 'project_milestone', entityId: id, after: { projectId: p.id, ...input } });
    return presentMilestone(row, day);
  });
}

export async function updateMilestone(ctx: Ctx, actor: Actor, projectId: string, id: string, input: MilestonePatch) {
  authorize(actor, 'projects.manage');
  return inTransaction(ctx, async (trx) => {
    const p = await projectFor(ctx, trx, actor, projectId, 'edit');
    const m = await trx.selectFrom('projectMilestones').select(MCOLS).where('id', '=', id).where('projectId', '=', p.id).executeTakeFirst();
    if (!m) throw new NotFound('milestone');
    if (m.version !== input.version) throw new Conflict('conflict.version');
    const day = today(ctx);
    const next = {
      title: input.title !== undefined ? input.title.trim() : m.title,
      plannedStart: input.plannedStart !== undefined ? input.plannedStart : m.plannedStart,
      plannedEnd: input.plannedEnd ?? m.plannedEnd,
      actualEnd: input.actualEnd !== undefined ? input.actualEnd : m.actualEnd,
      note: input.note !== undefined ? (input.note?.trim() || null) : m.note,
      sortOrder: input.sortOrder ?? m.sortOrder,
    };
    const errors = check(next, day);
    if (errors.length) throw new Invalid(errors);
    await trx.updateTable('projectMilestones').set({ ...next, version: m.version + 1, updatedAt: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
    await audit(ctx, trx, actor, { action: 'project.milestone.update', entityType: 'project_milestone', entityId: id, before: m, after: { ...m, ...next } });
    return presentMilestone({ ...m, ...next, version: m.version + 1 }, day);
  });
}

export async function deleteMilestone(ctx: Ctx, actor: Actor, projectId: string, id: string) {
  authorize(actor, 'projects.manage');
  return inTransaction(ctx, async (trx) => {
    const p = await projectFor(ctx, trx, actor, projectId, 'edit');
    const m = await trx.selectFrom('projectMilestones').select(MCOLS).where('id', '=', id).where('projectId', '=', p.id).executeTakeFirst();
    if (!m) throw new NotFound('milestone');
    if (m.baselineEnd) throw new Conflict('projectMilestone.inBaseline');
    await trx.deleteFrom('projectMilestones').where('id', '=', id).execute();
    await audit(ctx, trx, actor, { action: 'project.milestone.delete', entityType: 'project_milestone', entityId: id, before: m });
    return { ok: true };
  });
}

/** 计划审定: the first approval keeps every milestone's planned dates as the baseline. Once only. */
export async function approvePlan(ctx: Ctx, actor: Actor, projectId: string) {
  authorize(actor, 'projects.manage');
  return inTransaction(ctx, async (trx) => {
    const p = await projectFor(ctx, trx, actor, projectId, 'approve');
    const existing = await approvalOf(trx, p.id);
    if (existing) throw new Conflict('projectPlan.alreadyApproved', { date: existing.approvedOn });
    const rows = await milestonesOf(trx, [p.id]);
    if (!rows.length) throw new Conflict('projectPlan.empty');
    const day = today(ctx);
    const now = ctx.clock.now().toISOString();
    for (const m of rows) {
      await trx.updateTable('projectMilestones').set({ baselineStart: m.plannedStart, baselineEnd: m.plannedEnd, version: m.version + 1, updatedAt: now }).where('id', '=', m.id).execute();
    }
    await trx.insertInto('projectPlanApprovals').values({ projectId: p.id, approvedOn: day, approvedBy: actor.userId, approvedByName: actor.displayName, milestoneCount: rows.length, createdAt: now }).execute();
    await audit(ctx, trx, actor, { action: 'project.plan.approve', entityType: 'project', entityId: p.id, after: { approvedOn: day, milestones: rows.map((m) => ({ id: m.id, title: m.title, plannedStart: m.plannedStart, plannedEnd: m.plannedEnd })) } });
    return projectMilestonesIn(ctx, trx, actor, p.id);
  });
}

async function projectMilestonesIn(ctx: Ctx, trx: Trx, actor: Actor, projectId: string) {
  const p = await projectFor(ctx, trx, actor, projectId);
  const day = today(ctx);
  const [rows, approval, rights] = await Promise.all([milestonesOf(trx, [p.id]), approvalOf(trx, p.id), rightsOn(ctx, trx, actor, p)]);
  return { projectId: p.id, today: day, approval, milestones: rows.map((m) => presentMilestone(m, day)), canEdit: rights.edit, canApprove: rights.approve && !approval };
}

/** 挂图作战 for a filtered set: the projects in scope with their milestones (at most `limit` projects). */
export async function battleMap(ctx: Ctx, actor: Actor, f: BattleMapQuery) {
  authorize(actor, 'projects.read');
  const where = await loadProjectScope(ctx, ctx.db, actor);
  let q = ctx.db.selectFrom('projects').leftJoin('units', 'units.id', 'projects.leadUnitId')
    .select(['projects.id', 'projects.name', 'projects.serial', 'projects.stage', 'projects.category', 'projects.townshipCode', 'projects.leaderUserId', 'units.name as leadUnitName'])
    .where(where);
  if (f.stage) q = q.where('projects.stage', '=', f.stage);
  if (f.category) q = q.where('projects.category', '=', f.category);
  if (f.townshipCode) q = q.where('projects.townshipCode', '=', f.townshipCode);
  if (f.leaderUserId) q = q.where('projects.leaderUserId', '=', f.leaderUserId);
  if (f.leadUnitId) q = q.where('projects.leadUnitId', '=', f.leadUnitId);
  if (f.q) q = q.where('projects.name', 'like', `%${f.q.replace(/[\\%_]/g, '')}%`);
  const limit = f.limit ?? 100;
  const projects = await q.where((eb) => eb.exists(eb.selectFrom('projectMilestones').select('projectMilestones.id').whereRef('projectMilestones.projectId', '=', 'projects.id')))
    .orderBy('projects.serial').limit(limit + 1).execute();
  const more = projects.length > limit;
  const list = projects.slice(0, limit);
  const day = today(ctx);
  const ms = await milestonesOf(ctx.db, list.map((p) => p.id));
  const by = new Map<string, ReturnType<typeof presentMilestone>[]>();
  for (const m of ms) { const a = by.get(m.projectId) ?? []; a.push(presentMilestone(m, day)); by.set(m.projectId, a); }
  let items = list.map((p) => ({ ...p, leadUnitName: p.leadUnitName ?? '', milestones: by.get(p.id) ?? [] }));
  if (f.overdueOnly) items = items.filter((p) => p.milestones.some((m) => m.state === 'overdue'));
  return { today: day, items, truncated: more };
}
