// 项目库: the project library — list, detail, create, edit, the stock by stage and 储备转在建 over time.
// Stage moves are in stage-service.ts, approvals in approval-service.ts, Excel in library-import.ts / library-sheet.ts.
import type { Ctx, Trx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { newId, shanghaiDate } from '../../platform/clock.js';
import { nextNumber } from '../../db/counters.js';
import { isUniqueViolation } from '../../db/db-errors.js';
import { Conflict, Invalid, NotFound, type FieldError } from '../../platform/errors.js';
import { getSetting } from '../../platform/settings.js';
import { PROJECT_STAGES, type ProjectStage } from '../../../common/project-labels.js';
import { projectFactErrors } from './library-rules.js';
import { allowedMoves } from './stage-rules.js';
import { loadProjectScope, type ProjectWhere } from './scope.js';
import { canEditProject, libraryRights, referenceErrors, requireEdit, requireLibrary, type LibraryRights } from './library-access.js';
import * as repo from './library-repository.js';
import type { ProjectCreateInput, ProjectListFilter, ProjectListItemView, ProjectPatchInput, ProjectView } from './library-schemas.js';
import { regionLeaders } from '../leaders/repository.js';

export const today = (ctx: Ctx) => shanghaiDate(ctx.clock.now());
export const thisYear = (ctx: Ctx) => Number(today(ctx).slice(0, 4));

async function listItems(ctx: Ctx, db: Trx, rows: repo.ProjectRow[]): Promise<ProjectListItemView[]> {
  const ids = rows.map((r) => r.id);
  const year = thisYear(ctx);
  const t = today(ctx);
  const plans = new Map((await repo.yearPlans(db, ids)).filter((p) => p.year === year).map((p) => [p.projectId, Number(p.plannedInvestment)]));
  const approvals = new Map<string, { kind: string; actualOn: string | null; plannedOn: string | null }[]>();
  for (const a of await repo.approvalsOf(db, ids)) (approvals.get(a.projectId) ?? approvals.set(a.projectId, []).get(a.projectId)!).push(a);
  return rows.map((r) => ({
    id: r.id, regionCode: r.regionCode, serial: r.serial, name: r.name, projectCode: r.projectCode, category: r.category,
    townshipCode: r.townshipCode, townshipName: r.townshipName ?? null, ownerName: r.ownerName, totalInvestment: Number(r.totalInvestment),
    yearPlan: plans.get(r.id) ?? null, plannedStart: r.plannedStart, actualStart: r.actualStart, plannedCompletion: r.plannedCompletion,
    actualCompletion: r.actualCompletion, leaderUserId: r.leaderUserId, leaderName: r.leaderName ?? null, leadUnitId: r.leadUnitId,
    leadUnitName: r.leadUnitName, stage: r.stage as ProjectStage, stageSince: r.stageSince, version: Number(r.version),
    nextApproval: repo.nextMissing(approvals.get(r.id) ?? [], t),
  }));
}

export async function projectView(ctx: Ctx, db: Trx, actor: Actor, where: ProjectWhere, id: string, rights?: LibraryRights): Promise<ProjectView> {
  const row = await repo.findProject(db, where, id);
  if (!row) throw new NotFound('project');
  const [item] = await listItems(ctx, db, [row]);
  const r = rights ?? await libraryRights(ctx, db, actor);
  const canEdit = canEditProject(actor, r, row);
  return {
    ...item, industryCode: row.industryCode, ownerCreditCode: row.ownerCreditCode, content: row.content, taskForce: row.taskForce,
    planSummary: row.planSummary, createdAt: row.createdAt, updatedAt: row.updatedAt,
    yearPlans: (await repo.yearPlans(db, [id])).map((p) => ({ year: p.year, plannedInvestment: Number(p.plannedInvestment) })),
    canEdit, canReassign: canEdit && r.manageLibrary, allowedMoves: canEdit ? [...allowedMoves(row.stage as ProjectStage)] : [],
  };
}

export async function listProjects(ctx: Ctx, actor: Actor, f: ProjectListFilter) {
  authorize(actor, 'projects.read');
  const where = await loadProjectScope(ctx, ctx.db, actor);
  const { items, total } = await repo.listProjects(ctx.db, where, f);
  return { items: await listItems(ctx, ctx.db, items), total };
}

export async function getProject(ctx: Ctx, actor: Actor, id: string): Promise<ProjectView> {
  authorize(actor, 'projects.read');
  return projectView(ctx, ctx.db, actor, await loadProjectScope(ctx, ctx.db, actor), id);
}

export async function projectOptions(ctx: Ctx, actor: Actor) {
  authorize(actor, 'projects.read');
  const [categories, townships, leaders, rights] = await Promise.all([
    getSetting(ctx, 'projects.categories'),
    ctx.db.selectFrom('regions').select(['code', 'name']).where('parentCode', '=', actor.regionCode).where('level', '=', 'township').orderBy('code').execute(),
    regionLeaders(ctx.db, actor.regionCode),
    libraryRights(ctx, ctx.db, actor),
  ]);
  return { categories, townships, leaders, canCreate: rights.manageLibrary && (actor.roles.has('supervisor') || actor.roles.has('unit_admin') || actor.roles.has('unit_staff')) };
}

const trimOrNull = (s: string | null | undefined) => (s === undefined ? undefined : (s?.trim() || null));

/** Facts as stored, from create/patch input (strings trimmed, empty → null). */
function factsOf(input: Partial<Omit<ProjectCreateInput, 'stage'>>) {
  const out: Record<string, unknown> = {};
  for (const k of ['name', 'projectCode', 'category', 'industryCode', 'townshipCode', 'ownerName', 'ownerCreditCode', 'content', 'plannedStart', 'actualStart',
    'plannedCompletion', 'actualCompletion', 'leaderUserId', 'leadUnitId', 'taskForce', 'planSummary'] as const) {
    const v = input[k];
    if (v !== undefined) out[k] = trimOrNull(v as string | null);
  }
  if (typeof out.projectCode === 'string') out.projectCode = out.projectCode.toUpperCase();
  if (typeof out.ownerCreditCode === 'string') out.ownerCreditCode = out.ownerCreditCode.toUpperCase();
  if (input.totalInvestment !== undefined) out.totalInvestment = input.totalInvestment;
  return out;
}

async function checkDuplicates(db: Trx, regionCode: string, p: { name?: string | null; projectCode?: string | null }, selfId?: string) {
  if (p.projectCode) {
    const dup = await db.selectFrom('projects').select('id').where('regionCode', '=', regionCode).where('projectCode', '=', p.projectCode).executeTakeFirst();
    if (dup && dup.id !== selfId) throw new Conflict('conflict.duplicate', { field: '投资项目统一代码 projectCode' });
  }
  if (p.name) {
    const dup = await db.selectFrom('projects').select('id').where('regionCode', '=', regionCode).where('name', '=', p.name).executeTakeFirst();
    if (dup && dup.id !== selfId) throw new Conflict('conflict.duplicate', { field: '项目名称 name' });
  }
}

/** A project as it enters the library; the import may enter one at any stage its ledger shows. */
export interface NewProject extends Omit<ProjectCreateInput, 'stage'> { stage?: ProjectStage }

/** Inserts one project (inside the caller's transaction); used by create and by the import. Returns the id. */
export async function insertProject(ctx: Ctx, trx: Trx, actor: Actor, input: NewProject, enteredOn?: string): Promise<string> {
  const now = ctx.clock.now().toISOString();
  const id = newId();
  const stage = input.stage ?? 'reserve';
  const year = thisYear(ctx);
  const serial = `XM${year}-${String(await nextNumber(trx, `project:${actor.regionCode}:${year}`)).padStart(4, '0')}`;
  const f = factsOf(input);
  const since = enteredOn ?? (stage === 'construction' && typeof f.actualStart === 'string' ? f.actualStart
    : (stage === 'completed' || stage === 'operating') && typeof f.actualCompletion === 'string' ? f.actualCompletion : today(ctx));
  try {
    await repo.insertProject(trx, {
      id, regionCode: actor.regionCode, serial, name: f.name as string, projectCode: (f.projectCode as string) ?? null, category: f.category as string,
      industryCode: (f.industryCode as string) ?? null, townshipCode: (f.townshipCode as string) ?? null, ownerName: (f.ownerName as string) ?? null,
      ownerCreditCode: (f.ownerCreditCode as string) ?? null, content: (f.content as string) ?? null, totalInvestment: input.totalInvestment,
      plannedStart: (f.plannedStart as string) ?? null, actualStart: (f.actualStart as string) ?? null, plannedCompletion: (f.plannedCompletion as string) ?? null,
      actualCompletion: (f.actualCompletion as string) ?? null, leaderUserId: (f.leaderUserId as string) ?? null, leadUnitId: f.leadUnitId as string,
      taskForce: (f.taskForce as string) ?? null, planSummary: (f.planSummary as string) ?? null, stage, stageSince: since,
      createdBy: actor.userId, createdAt: now, updatedAt: now,
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict('conflict.duplicate', { field: '投资项目统一代码 projectCode' });
    throw e;
  }
  // The entry into the library is the first move of its history (from nothing), so the 储备 count starts here.
  await trx.insertInto('projectStageMoves').values({ id: newId(), projectId: id, fromStage: null, toStage: stage, movedOn: since, actorId: actor.userId, comment: null, createdAt: now }).execute();
  if (input.yearPlan !== undefined && input.yearPlan !== null) await repo.setYearPlan(trx, id, input.planYear ?? year, input.yearPlan);
  return id;
}

export async function validateNew(ctx: Ctx, trx: Trx, actor: Actor, input: NewProject): Promise<FieldError[]> {
  const f = factsOf(input);
  return [
    ...projectFactErrors({ ...(f as any), totalInvestment: input.totalInvestment, yearPlan: input.yearPlan ?? null, stage: input.stage ?? 'reserve' }, today(ctx)),
    ...await referenceErrors(ctx, trx, actor.regionCode, { category: input.category, leaderUserId: input.leaderUserId, leadUnitId: input.leadUnitId, townshipCode: input.townshipCode }),
  ];
}

export async function createProject(ctx: Ctx, actor: Actor, input: ProjectCreateInput): Promise<ProjectView> {
  authorize(actor, 'projects.manage');
  return inTransaction(ctx, async (trx) => {
    await requireLibrary(ctx, trx, actor);
    const errs = await validateNew(ctx, trx, actor, input);
    if (errs.length) throw new Invalid(errs);
    const f = factsOf(input);
    await checkDuplicates(trx, actor.regionCode, { name: f.name as string, projectCode: f.projectCode as string | null });
    const id = await insertProject(ctx, trx, actor, input);
    const view = await projectView(ctx, trx, actor, await loadProjectScope(ctx, trx, actor), id);
    await audit(ctx, trx, actor, { action: 'project.create', entityType: 'project', entityId: id, after: view });
    return view;
  });
}

/** Applies a patch to a project the actor may edit (inside the caller's transaction); used by edit and re-import. */
export async function patchProject(ctx: Ctx, trx: Trx, actor: Actor, id: string, input: ProjectPatchInput, rights: LibraryRights): Promise<void> {
  const before = await trx.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const f = factsOf(input);
  if (!rights.manageLibrary) {
    // The lead unit edits its project's facts; who leads and who drives it is the library's decision.
    const fe: FieldError[] = [];
    if (f.leadUnitId !== undefined && f.leadUnitId !== before.leadUnitId) fe.push({ field: 'leadUnitId', code: 'forbidden' });
    if (f.leaderUserId !== undefined && f.leaderUserId !== before.leaderUserId) fe.push({ field: 'leaderUserId', code: 'forbidden' });
    if (fe.length) throw new Invalid(fe);
  }
  const merged = { ...before, ...f } as typeof before;
  const year = input.planYear ?? thisYear(ctx);
  const plan = input.yearPlan !== undefined ? input.yearPlan
    : (await trx.selectFrom('projectYearPlans').select('plannedInvestment').where('projectId', '=', id).where('year', '=', year).executeTakeFirst())?.plannedInvestment ?? null;
  const errs = [
    ...projectFactErrors({ ...merged, totalInvestment: Number(merged.totalInvestment), yearPlan: plan === null ? null : Number(plan) }, today(ctx)),
    ...await referenceErrors(ctx, trx, before.regionCode, {
      category: f.category !== undefined && f.category !== before.category ? (f.category as string) : undefined,
      leaderUserId: f.leaderUserId as string | null | undefined, leadUnitId: f.leadUnitId as string | undefined, townshipCode: f.townshipCode as string | null | undefined,
    }),
  ];
  if (errs.length) throw new Invalid(errs);
  await checkDuplicates(trx, before.regionCode, { name: f.name as string | undefined, projectCode: f.projectCode as string | null | undefined }, id);
  try {
    if (!(await repo.updateProject(trx, id, input.version, { ...f, updatedAt: ctx.clock.now().toISOString() }))) {
      throw new Conflict('conflict.version', {}, { currentVersion: before.version });
    }
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict('conflict.duplicate', { field: '投资项目统一代码 projectCode' });
    throw e;
  }
  if (input.yearPlan !== undefined) await repo.setYearPlan(trx, id, year, input.yearPlan);
}

export async function updateProject(ctx: Ctx, actor: Actor, id: string, input: ProjectPatchInput): Promise<ProjectView> {
  authorize(actor, 'projects.manage');
  return inTransaction(ctx, async (trx) => {
    const where = await loadProjectScope(ctx, trx, actor);
    const before = await projectView(ctx, trx, actor, where, id);
    const rights = await requireEdit(ctx, trx, actor, before);
    await patchProject(ctx, trx, actor, id, input, rights);
    const after = await projectView(ctx, trx, actor, where, id, rights);
    await audit(ctx, trx, actor, { action: 'project.update', entityType: 'project', entityId: id, before, after });
    return after;
  });
}

export async function projectStock(ctx: Ctx, actor: Actor, f: Omit<ProjectListFilter, 'page' | 'pageSize'>) {
  authorize(actor, 'projects.read');
  const rows = await repo.stock(ctx.db, await loadProjectScope(ctx, ctx.db, actor), f);
  const by = new Map(rows.map((r) => [r.stage, r]));
  const items = PROJECT_STAGES.map((stage) => ({ stage, count: by.get(stage)?.count ?? 0, totalInvestment: Math.round((by.get(stage)?.totalInvestment ?? 0) * 100) / 100 }));
  return {
    items,
    total: { count: items.reduce((s, i) => s + i.count, 0), totalInvestment: Math.round(items.reduce((s, i) => s + i.totalInvestment, 0) * 100) / 100 },
  };
}

/**
 * 储备转在建 month by month: replays every project's stage moves. A project "converts" the month it first enters
 * construction after having been in the reserve (储备) or its preparation (前期); reserveAtEnd counts 储备 + 前期.
 */
export async function projectConversion(ctx: Ctx, actor: Actor, months = 12) {
  authorize(actor, 'projects.read');
  const moves = await repo.movesInScope(ctx.db, await loadProjectScope(ctx, ctx.db, actor));
  const end = today(ctx).slice(0, 7);
  const list: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const [y, m] = end.split('-').map(Number);
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    list.push(d.toISOString().slice(0, 7));
  }
  const byProject = new Map<string, typeof moves>();
  for (const mv of moves) (byProject.get(mv.projectId) ?? byProject.set(mv.projectId, []).get(mv.projectId)!).push(mv);
  const stat = new Map(list.map((m) => [m, { month: m, enteredReserve: 0, converted: 0, reserveAtEnd: 0, constructionAtEnd: 0 }]));
  let startStock = 0;
  const firstMonth = list[0];
  for (const ms of byProject.values()) {
    let wasReserve = false;
    let converted = false;
    for (const mv of ms) {
      const month = mv.movedOn.slice(0, 7);
      if (mv.toStage === 'reserve') { wasReserve = true; const s = stat.get(month); if (s) s.enteredReserve++; }
      if (mv.toStage === 'preparation') wasReserve = true;
      if (mv.toStage === 'construction' && wasReserve && !converted) { converted = true; const s = stat.get(month); if (s) s.converted++; }
    }
    // The stage at the end of each month (and just before the window) from the moves.
    const stageAt = (monthEnd: string) => { let st: string | null = null; for (const mv of ms) if (mv.movedOn.slice(0, 7) <= monthEnd) st = mv.toStage; return st; };
    const before = new Date(Date.UTC(Number(firstMonth.slice(0, 4)), Number(firstMonth.slice(5)) - 2, 1)).toISOString().slice(0, 7);
    const b = stageAt(before);
    if (b === 'reserve' || b === 'preparation') startStock++;
    for (const m of list) {
      const st = stageAt(m);
      const s = stat.get(m)!;
      if (st === 'reserve' || st === 'preparation') s.reserveAtEnd++;
      if (st === 'construction') s.constructionAtEnd++;
    }
  }
  const items = list.map((m) => stat.get(m)!);
  const conv = items.reduce((s, i) => s + i.converted, 0);
  const entered = items.reduce((s, i) => s + i.enteredReserve, 0);
  return { items, rate: startStock + entered > 0 ? Math.round((conv / (startStock + entered)) * 1000) / 1000 : null };
}
