// Every query of the escalations and accountability_actions tables. Scope in SQL: an escalation is seen through its
// task (taskScope); an accountability action by its region and unit (businessScope).
import { sql } from 'kysely';
import type { Trx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { businessScope, inScope } from '../../platform/access/scope.js';
import type { AccountabilityFilter } from './escalation-schemas.js';
import { taskScope } from './repository.js';

const ESCALATION_COLUMNS = [
  'escalations.id', 'escalations.regionCode', 'escalations.taskId', 'escalations.year', 'escalations.seq', 'escalations.number',
  'escalations.requirement', 'escalations.replyBy', 'escalations.issuedAt', 'escalations.issuedBy', 'issuer.displayName as issuerName',
] as const;

/** The next number of the region's notices in a year. Two writers may read the same: the unique key decides, the loser retries. */
export async function nextEscalationSeq(db: Trx, regionCode: string, year: number): Promise<number> {
  const row = await db.selectFrom('escalations').select(sql<number | null>`max(seq)`.as('m')).where('regionCode', '=', regionCode).where('year', '=', year).executeTakeFirst();
  return Number(row?.m ?? 0) + 1;
}

export const insertEscalation = (db: Trx, row: {
  id: string; regionCode: string; taskId: string; year: number; seq: number; number: string; requirement: string; replyBy: string; issuedAt: string; issuedBy: string;
}) => db.insertInto('escalations').values(row).execute();

export const escalationsOfTask = (db: Trx, taskId: string) =>
  db.selectFrom('escalations').leftJoin('users as issuer', 'issuer.id', 'escalations.issuedBy').select(ESCALATION_COLUMNS)
    .where('escalations.taskId', '=', taskId).orderBy('escalations.issuedAt').orderBy('escalations.seq').execute();

/** An escalation the actor may see (through its task's scope). */
export const findEscalation = (db: Trx, actor: Actor, id: string) =>
  db.selectFrom('escalations').innerJoin('tasks', 'tasks.id', 'escalations.taskId').leftJoin('users as issuer', 'issuer.id', 'escalations.issuedBy')
    .select(ESCALATION_COLUMNS).where('escalations.id', '=', id).where((eb) => taskScope(eb as any, actor)).executeTakeFirst();

/** The timeline event written with an escalation: it keeps the colour and reasons as they were when it was issued. */
export async function escalationEvent(db: Trx, taskId: string, escalationId: string) {
  const rows = await db.selectFrom('taskEvents').select(['at', 'dataJson']).where('taskId', '=', taskId).where('action', '=', 'escalate').execute();
  for (const r of rows) {
    const data = r.dataJson ? JSON.parse(r.dataJson) : null;
    if (data?.escalationId === escalationId) return data as { escalationId: string; number: string; replyBy: string; status: string; progress: number; rag: string; ragReasons: { code: string; params?: Record<string, string | number> }[] };
  }
  return null;
}

export const insertAccountability = (db: Trx, row: {
  id: string; regionCode: string; unitId: string; taskId: string | null; kind: string; reason: string; decidedOn: string; createdBy: string; createdAt: string;
}) => db.insertInto('accountabilityActions').values(row).execute();

function accountabilityBase(db: Trx, actor: Actor) {
  return db.selectFrom('accountabilityActions')
    .innerJoin('units', 'units.id', 'accountabilityActions.unitId')
    .leftJoin('tasks', 'tasks.id', 'accountabilityActions.taskId')
    .leftJoin('users as creator', 'creator.id', 'accountabilityActions.createdBy')
    .where((eb) => inScope(eb, businessScope(actor), { region: 'accountability_actions.region_code', unit: 'accountability_actions.unit_id' }));
}

const ACCOUNTABILITY_COLUMNS = [
  'accountabilityActions.id', 'accountabilityActions.unitId', 'units.name as unitName', 'accountabilityActions.taskId', 'tasks.serial as taskSerial',
  'tasks.title as taskTitle', 'accountabilityActions.kind', 'accountabilityActions.reason', 'accountabilityActions.decidedOn',
  'creator.displayName as creatorName', 'accountabilityActions.createdAt',
] as const;

export async function listAccountability(db: Trx, actor: Actor, f: AccountabilityFilter) {
  let q = accountabilityBase(db, actor);
  if (f.unitId) q = q.where('accountabilityActions.unitId', '=', f.unitId);
  if (f.kind) q = q.where('accountabilityActions.kind', '=', f.kind);
  if (f.from) q = q.where('accountabilityActions.decidedOn', '>=', f.from);
  if (f.to) q = q.where('accountabilityActions.decidedOn', '<=', f.to);
  const pageSize = f.pageSize ?? 50; const page = f.page ?? 1;
  const [items, total] = await Promise.all([
    q.select(ACCOUNTABILITY_COLUMNS).orderBy('accountabilityActions.decidedOn', 'desc').orderBy('accountabilityActions.id', 'desc')
      .limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirst(),
  ]);
  return { items, total: Number(total?.n ?? 0), page, pageSize };
}

export const findAccountability = (db: Trx, actor: Actor, id: string) =>
  accountabilityBase(db, actor).select(ACCOUNTABILITY_COLUMNS).where('accountabilityActions.id', '=', id).executeTakeFirst();

/** Is the unit the task's lead unit or one of its co-units? */
export async function taskInvolvesUnit(db: Trx, regionCode: string, taskId: string, unitId: string): Promise<boolean | null> {
  const t = await db.selectFrom('tasks').select(['leadUnitId']).where('id', '=', taskId).where('regionCode', '=', regionCode).executeTakeFirst();
  if (!t) return null;
  if (t.leadUnitId === unitId) return true;
  return !!(await db.selectFrom('taskCoUnits').select('unitId').where('taskId', '=', taskId).where('unitId', '=', unitId).executeTakeFirst());
}

export const regionName = async (db: Trx, code: string) =>
  (await db.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirst())?.name ?? '';
