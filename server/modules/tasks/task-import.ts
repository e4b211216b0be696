// Bulk creation (交办 in one step): a meeting's decisions from an Excel sheet with Chinese headers, or a pasted list
// sent as JSON. Every row is checked first (the same checks as one task, plus names resolved to units and leaders) and
// every bad row reported; then all are opened in one transaction through openTask, or none. And the export in the
// same layout.
import type { Ctx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import { message } from '../../../common/messages.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { readTable, writeTable, type SheetRow } from '../../platform/excel/excel.js';
import { Invalid, type FieldError } from '../../platform/errors.js';
import { loadCalendar } from '../calendar/service.js';
import { listLeaders } from '../leaders/service.js';
import { allUnitNames } from '../units/service.js';
import { presentTask } from './present.js';
import * as repo from './repository.js';
import type { TaskCreateInput, TaskListFilter } from './schemas.js';
import { checkTaskInput, openTask, similarTasks, today } from './service.js';
import {
  COLUMN_OF_FIELD, exportColumns, HEADER, parseCadence, parseDate, parseLevel, parseSource, splitNames, TASK_SHEET, type Parsed, type SheetKey,
} from './task-sheet.js';

export const BULK_MAX_ROWS = 1000;
export const EXPORT_MAX_ROWS = 50_000;

export interface RowInput { row: number; input: TaskCreateInput }
export interface BulkWarning { row: number; code: string; message: string; taskId?: string; serial?: string; title?: string }
export interface BulkResult {
  committed: boolean; total: number; created: number;
  errors: { row: number; field: string; code: string; params?: Record<string, unknown> }[];
  warnings: BulkWarning[]; tasks: { row: number; id: string; serial: string }[];
}

const norm = (s: string) => s.replace(/[\s\u3000]/g, '');

/** Units and leaders of the actor's region by the names people write: full name or short name; a leader with or without title. */
export async function directory(ctx: Ctx, actor: Actor) {
  const [units, leaders] = await Promise.all([allUnitNames(ctx.db, actor.regionCode), listLeaders(ctx, actor)]);
  const byName = new Map<string, string[]>(); const byShort = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, k: string | null, id: string) => { if (k) m.set(norm(k), [...(m.get(norm(k)) ?? []), id]); };
  for (const u of units) { add(byName, u.name, u.id); add(byShort, u.shortName, u.id); }
  const leaderNames = new Map<string, string[]>();
  for (const l of leaders.filter((x) => x.regionCode === actor.regionCode)) {
    for (const k of new Set([l.name, `${l.name}${l.title}`, `${l.title}${l.name}`])) add(leaderNames, k, l.userId);
  }
  const pick = (ids: string[] | undefined, name: string, unknown: string): Parsed<string> =>
    !ids?.length ? { code: unknown, params: { name } } : new Set(ids).size > 1 ? { code: 'task.import.ambiguous', params: { name } } : { ok: ids[0] };
  return {
    unit: (name: string) => pick(byName.get(norm(name)) ?? byShort.get(norm(name)), name, 'task.import.unknownUnit'),
    leader: (name: string) => pick(leaderNames.get(norm(name)), name, 'task.import.unknownLeader'),
  };
}
type Directory = Awaited<ReturnType<typeof directory>>;

/** The checks of a single task on every row, and the 减负 warnings: a similar open task of the lead unit, or a repeat in the list. */
async function checkRows(ctx: Ctx, actor: Actor, rows: RowInput[], columnOf: (field: string) => string) {
  const errors: FieldError[] = []; const warnings: BulkWarning[] = [];
  const seen = new Map<string, number>();
  const day = today(ctx);
  for (const { row, input } of rows) {
    for (const e of await checkTaskInput(ctx, ctx.db, actor.regionCode, input, input.startDate ?? day)) errors.push({ ...e, row, field: columnOf(e.field) });
    const key = `${input.leadUnitId}|${norm(input.title)}`;
    if (seen.has(key)) warnings.push({ row, code: 'task.import.duplicateInFile', message: message('task.import.duplicateInFile', actor.locale, { row: seen.get(key) }) });
    else seen.set(key, row);
    for (const s of await similarTasks(ctx.db, actor.regionCode, input.leadUnitId, input.title)) {
      warnings.push({ row, code: 'task.similarOpen', message: message('task.similarOpen', actor.locale, { serial: s.serial }), taskId: s.id, serial: s.serial, title: s.title });
    }
  }
  return { errors, warnings };
}

/** All rows in one transaction through openTask, or none; a row that fails now is reported with its number. */
async function commitRows(ctx: Ctx, actor: Actor, rows: RowInput[], columnOf: (field: string) => string, how: 'import' | 'bulk') {
  return inTransaction(ctx, async (trx) => {
    const tasks: BulkResult['tasks'] = [];
    for (const { row, input } of rows) {
      let id: string;
      try { id = await openTask(ctx, trx, actor, input); } catch (e) {
        if (e instanceof Invalid) throw new Invalid(e.errors.map((f) => ({ ...f, row, field: columnOf(f.field) })), 'import.badRows', { count: 1 });
        throw e;
      }
      const { serial } = await trx.selectFrom('tasks').select('serial').where('id', '=', id).executeTakeFirstOrThrow();
      tasks.push({ row, id, serial });
    }
    await audit(ctx, trx, actor, { action: `task.${how}`, entityType: 'task', after: { count: tasks.length, tasks: tasks.map((t) => t.serial) } });
    return tasks;
  });
}

async function run(ctx: Ctx, actor: Actor, rows: RowInput[], parseErrors: FieldError[], total: number, commit: boolean, columnOf: (f: string) => string, how: 'import' | 'bulk'): Promise<BulkResult> {
  const checked = await checkRows(ctx, actor, rows, columnOf);
  const errors = [...parseErrors, ...checked.errors].sort((a, b) => a.row! - b.row!);
  const out: BulkResult = { committed: false, total, created: 0, errors: errors.map((e) => ({ row: e.row!, field: e.field, code: e.code, params: e.params })), warnings: checked.warnings, tasks: [] };
  if (errors.length) {
    if (commit) throw new Invalid(errors, 'import.badRows', { count: new Set(errors.map((e) => e.row)).size }, { warnings: checked.warnings });
    return out;
  }
  if (!commit) return out;
  out.tasks = await commitRows(ctx, actor, rows, columnOf, how);
  return { ...out, committed: true, created: out.tasks.length };
}

function sheetRowToInput(r: SheetRow<SheetKey>, dir: Directory): { input: TaskCreateInput | null; errors: FieldError[] } {
  const v = r.values; const errors: FieldError[] = [];
  const e = (key: SheetKey, code: string, params?: Record<string, unknown>) => errors.push({ row: r.row, field: HEADER[key], code, params });
  const take = <T>(key: SheetKey, p: Parsed<T>): T | undefined => { if ('ok' in p) return p.ok; e(key, p.code, p.params); return undefined; };
  const text = (key: SheetKey, max: number, min = 0) => {
    const t = v[key]?.trim() ?? '';
    if (t.length > max) e(key, 'invalid.maxLength', { limit: max }); else if (t.length < min) e(key, t ? 'invalid.minLength' : 'invalid.required', { limit: min });
    return t || null;
  };
  const title = text('title', 200, 2);
  const content = text('content', 5000); const sourceRef = text('sourceRef', 60); const sourceTitle = text('sourceTitle', 100);
  const source = take('source', parseSource(v.source, sourceTitle ?? undefined));
  let sourceDate: string | null | undefined = null;
  if (v.sourceDate) { const p = parseDate(v.sourceDate); sourceDate = 'ok' in p ? p.ok : (e('sourceDate', 'task.import.badDate', { value: v.sourceDate }), undefined); }
  const leaderUserId = v.leader ? take('leader', dir.leader(v.leader)) : null;
  const leadUnitId = v.leadUnit ? take('leadUnit', dir.unit(v.leadUnit)) : (e('leadUnit', 'invalid.required'), undefined);
  const coUnitIds: string[] = [];
  for (const name of splitNames(v.coUnits)) {
    const id = take('coUnits', dir.unit(name));
    if (!id) continue;
    if (id === leadUnitId) e('coUnits', 'task.import.coUnitIsLead', { name }); else if (!coUnitIds.includes(id)) coUnitIds.push(id);
  }
  const deadline = v.deadline ? take('deadline', parseDate(v.deadline)) : (e('deadline', 'invalid.required'), undefined);
  const cadence = take('cadence', parseCadence(v.cadence));
  const level = take('level', parseLevel(v.level));
  if (errors.length) return { input: null, errors };
  return {
    input: {
      source: source!, sourceRef, sourceTitle, sourceDate: sourceDate ?? null, title: title!, content, leaderUserId: leaderUserId ?? null,
      leadUnitId: leadUnitId!, coUnitIds, level: level!, cadence: cadence!.cadence, cadenceDay: cadence!.cadenceDay, deadline: deadline!,
    },
    errors,
  };
}

/** POST /tasks/import: preview (every bad row with its number, column and reason, and the warnings), or commit all. */
export async function importTasks(ctx: Ctx, actor: Actor, file: Buffer, commit: boolean): Promise<BulkResult> {
  authorize(actor, 'tasks.assign');
  const sheet = await readTable(file, TASK_SHEET);
  if (sheet.length > BULK_MAX_ROWS) throw new Invalid({ field: 'file', code: 'task.import.tooManyRows', params: { limit: BULK_MAX_ROWS } });
  const dir = await directory(ctx, actor);
  const rows: RowInput[] = []; const errors: FieldError[] = [];
  for (const r of sheet) {
    const p = sheetRowToInput(r, dir);
    if (p.input) rows.push({ row: r.row, input: p.input }); else errors.push(...p.errors);
  }
  return run(ctx, actor, rows, errors, sheet.length, commit, (f) => COLUMN_OF_FIELD[f.split('/')[0]] ?? f, 'import');
}

export interface BulkDefaults {
  source?: TaskCreateInput['source']; sourceRef?: string | null; sourceTitle?: string | null; sourceDate?: string | null;
  leaderUserId?: string | null; deadline?: string; cadence?: TaskCreateInput['cadence']; cadenceDay?: number | null;
}
export type BulkRow = Partial<TaskCreateInput> & { title: string; leadUnitName?: string; coUnitNames?: string[]; leaderName?: string };

/** POST /tasks/bulk: a pasted list, each row over the defaults; names of units and leaders allowed instead of ids. */
export async function bulkCreate(ctx: Ctx, actor: Actor, defaults: BulkDefaults, list: BulkRow[], commit: boolean): Promise<BulkResult> {
  authorize(actor, 'tasks.assign');
  if (list.length > BULK_MAX_ROWS) throw new Invalid({ field: 'rows', code: 'task.import.tooManyRows', params: { limit: BULK_MAX_ROWS } });
  const needsDirectory = list.some((r) => r.leadUnitName || r.coUnitNames?.length || r.leaderName);
  const dir = needsDirectory ? await directory(ctx, actor) : null;
  const rows: RowInput[] = []; const errors: FieldError[] = [];
  list.forEach((r, i) => {
    const row = i + 1; const before = errors.length;
    const e = (field: string, code: string, params?: Record<string, unknown>) => errors.push({ row, field, code, params });
    const { leadUnitName, coUnitNames, leaderName, ...fields } = r;
    const merged = { ...stripUndefined(defaults), ...stripUndefined(fields) } as Partial<TaskCreateInput>;
    const resolve = (field: string, p: Parsed<string>) => ('ok' in p ? p.ok : (e(field, p.code, p.params), undefined));
    if (!merged.leadUnitId && leadUnitName) merged.leadUnitId = resolve('leadUnitName', dir!.unit(leadUnitName));
    if (!merged.leaderUserId && leaderName) merged.leaderUserId = resolve('leaderName', dir!.leader(leaderName));
    if (coUnitNames?.length) {
      const ids = [...(merged.coUnitIds ?? [])];
      for (const n of coUnitNames) { const id = resolve('coUnitNames', dir!.unit(n)); if (id && !ids.includes(id)) ids.push(id); }
      merged.coUnitIds = ids;
    }
    if (!merged.source) e('source', 'invalid.required');
    if (!merged.leadUnitId && !leadUnitName) e('leadUnitId', 'invalid.required');
    if (!merged.deadline) e('deadline', 'invalid.required');
    if (!merged.title?.trim() || merged.title.trim().length < 2) e('title', 'invalid.minLength', { limit: 2 });
    if (errors.length === before) rows.push({ row, input: merged as TaskCreateInput });
  });
  return run(ctx, actor, rows, errors, list.length, commit, (f) => f, 'bulk');
}

const stripUndefined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** GET /tasks/export: the console's list (same filters and scope) in the import's layout, plus status and colour. */
export async function exportTasks(ctx: Ctx, actor: Actor, f: TaskListFilter): Promise<Buffer> {
  authorize(actor, 'tasks.read');
  const t = today(ctx);
  let q = repo.filtered(ctx.db, actor, f, t);
  if (f.rag) q = q.where('tasks.rag', '=', f.rag);
  const [rows, cal] = await Promise.all([q.select(repo.TASK_COLUMNS).orderBy('tasks.deadline').orderBy('tasks.id').limit(EXPORT_MAX_ROWS).execute(), loadCalendar(ctx)]);
  const co = new Map<string, { id: string; name: string }[]>();
  for (let i = 0; i < rows.length; i += 500) for (const [k, v] of await repo.coUnitsOf(ctx.db, rows.slice(i, i + 500).map((r) => r.id))) co.set(k, v);
  const views = rows.map((r, i) => ({ ...presentTask(r, co.get(r.id) ?? [], cal, t, 'zh-CN'), index: i + 1 }));
  return writeTable('督办事项', `督办事项清单（${t} 导出）`, exportColumns<(typeof views)[number]>(), views);
}

