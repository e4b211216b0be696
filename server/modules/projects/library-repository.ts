// Every query of the project library's tables, scoped by the caller's ProjectWhere (scope.ts).
import { sql } from 'kysely';
import type { Trx } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { APPROVAL_KINDS, type ApprovalKind } from '../../../common/project-labels.js';
import type { ProjectWhere } from './scope.js';
import type { ProjectListFilter } from './library-schemas.js';

export const PROJECT_COLUMNS = [
  'projects.id', 'projects.regionCode', 'projects.serial', 'projects.name', 'projects.projectCode', 'projects.category', 'projects.industryCode',
  'projects.townshipCode', 'township.name as townshipName', 'projects.ownerName', 'projects.ownerCreditCode', 'projects.content',
  'projects.totalInvestment', 'projects.plannedStart', 'projects.actualStart', 'projects.plannedCompletion', 'projects.actualCompletion',
  'projects.leaderUserId', 'leader.displayName as leaderName', 'projects.leadUnitId', 'leadUnit.name as leadUnitName', 'projects.taskForce',
  'projects.planSummary', 'projects.stage', 'projects.stageSince', 'projects.version', 'projects.createdBy', 'projects.createdAt', 'projects.updatedAt',
] as const;

function base(db: Trx, where: ProjectWhere) {
  return db.selectFrom('projects')
    .innerJoin('units as leadUnit', 'leadUnit.id', 'projects.leadUnitId')
    .leftJoin('users as leader', 'leader.id', 'projects.leaderUserId')
    .leftJoin('regions as township', 'township.code', 'projects.townshipCode')
    .where((eb) => where(eb as any));
}

export type ProjectRow = NonNullable<Awaited<ReturnType<typeof findProject>>>;

export function findProject(db: Trx, where: ProjectWhere, id: string) {
  return base(db, where).select(PROJECT_COLUMNS).where('projects.id', '=', id).executeTakeFirst();
}

type Filter = Omit<ProjectListFilter, 'page' | 'pageSize'>;
function applyFilters<Q>(query: Q, f: Filter): Q {
  let q = query as any;
  if (f.q?.trim()) {
    const like = `%${f.q.trim().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    q = q.where((eb: any) => eb.or([
      sql<boolean>`projects.name like ${like} escape '\\'`, sql<boolean>`projects.project_code like ${like} escape '\\'`,
      sql<boolean>`projects.owner_name like ${like} escape '\\'`, sql<boolean>`projects.serial like ${like} escape '\\'`,
    ]));
  }
  if (f.stage) q = q.where('projects.stage', '=', f.stage);
  if (f.category) q = q.where('projects.category', '=', f.category);
  if (f.townshipCode) q = q.where('projects.townshipCode', '=', f.townshipCode);
  if (f.leaderUserId) q = q.where('projects.leaderUserId', '=', f.leaderUserId);
  if (f.leadUnitId) q = q.where('projects.leadUnitId', '=', f.leadUnitId);
  return q as Q;
}

export async function listProjects(db: Trx, where: ProjectWhere, f: ProjectListFilter) {
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 50;
  const items = await applyFilters(base(db, where), f).select(PROJECT_COLUMNS)
    .orderBy('projects.serial', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  const { n } = await applyFilters(db.selectFrom('projects').where((eb) => where(eb)), f)
    .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(n) };
}

/** Every project of the filter, for the export (no paging). */
export function allProjects(db: Trx, where: ProjectWhere, f: Filter) {
  return applyFilters(base(db, where), f).select(PROJECT_COLUMNS).orderBy('projects.serial').execute();
}

export async function stock(db: Trx, where: ProjectWhere, f: Filter) {
  const rows = await applyFilters(db.selectFrom('projects').where((eb) => where(eb)), { ...f, stage: undefined, q: undefined })
    .select((eb) => ['projects.stage', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('projects.totalInvestment').as('sum')])
    .groupBy('projects.stage').execute();
  return rows.map((r) => ({ stage: r.stage, count: Number(r.n), totalInvestment: Number(r.sum ?? 0) }));
}

export async function yearPlans(db: Trx, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('projectYearPlans').selectAll().where('projectId', 'in', ids).orderBy('year').execute();
}

export async function approvalsOf(db: Trx, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('projectApprovals').selectAll().where('projectId', 'in', ids).execute();
}

/** The first approval, in the customary order, with no actual date yet. */
export function nextMissing(approvals: { kind: string; actualOn: string | null; plannedOn: string | null }[], today: string) {
  const byKind = new Map(approvals.map((a) => [a.kind, a]));
  for (const kind of APPROVAL_KINDS) {
    const a = byKind.get(kind);
    if (!a?.actualOn) return { kind: kind as ApprovalKind, plannedOn: a?.plannedOn ?? null, overdue: !!a?.plannedOn && a.plannedOn < today };
  }
  return null;
}

export async function setYearPlan(db: Trx, projectId: string, year: number, value: number | null) {
  if (value === null) { await db.deleteFrom('projectYearPlans').where('projectId', '=', projectId).where('year', '=', year).execute(); return; }
  await db.insertInto('projectYearPlans').values({ projectId, year, plannedInvestment: value })
    .onConflict((oc) => oc.columns(['projectId', 'year']).doUpdateSet({ plannedInvestment: value })).execute();
}

export function stageMoves(db: Trx, projectId: string) {
  return db.selectFrom('projectStageMoves').leftJoin('users', 'users.id', 'projectStageMoves.actorId')
    .select(['projectStageMoves.id', 'projectStageMoves.fromStage', 'projectStageMoves.toStage', 'projectStageMoves.movedOn', 'users.displayName as actorName',
      'projectStageMoves.comment', 'projectStageMoves.createdAt'])
    .where('projectStageMoves.projectId', '=', projectId).orderBy('projectStageMoves.movedOn').orderBy('projectStageMoves.createdAt').execute();
}

/** Every stage move of the projects in scope, oldest first (for the 储备转在建 chart). */
export function movesInScope(db: Trx, where: ProjectWhere) {
  return db.selectFrom('projectStageMoves').innerJoin('projects', 'projects.id', 'projectStageMoves.projectId')
    .select(['projectStageMoves.projectId', 'projectStageMoves.fromStage', 'projectStageMoves.toStage', 'projectStageMoves.movedOn'])
    .where((eb) => where(eb as any)).orderBy('projectStageMoves.movedOn').orderBy('projectStageMoves.createdAt').execute();
}

export async function insertProject(db: Trx, values: DB['projects'] extends infer T ? Omit<T, 'version'> : never) {
  await db.insertInto('projects').values(values as any).execute();
}

export async function updateProject(db: Trx, id: string, version: number, set: Record<string, unknown>): Promise<boolean> {
  const res = await db.updateTable('projects').set({ ...set, version: sql`version + 1` } as any).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
