// Units (单位): bureaus, offices, townships, state companies, with a parent unit.
import type { Ctx, Trx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import { UNIT_KINDS, UNIT_KIND_LABELS, type UnitKind } from '../../../common/roles.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { newId } from '../../platform/clock.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/db-errors.js';
import { Conflict, Invalid, NotFound, type FieldError } from '../../platform/errors.js';
import { readTable, writeTable, type ColumnSpec } from '../../platform/excel/excel.js';
import * as repo from './repository.js';
import type { UnitCreateInput, UnitListFilter, UnitPatchInput, UnitView } from './schemas.js';

export const listUnits = (ctx: Ctx, actor: Actor, f: UnitListFilter) => {
  authorize(actor, 'org.read');
  return repo.listUnits(ctx.db, actor, f);
};

export async function getUnit(ctx: Ctx, actor: Actor, id: string, trx: Trx = ctx.db): Promise<UnitView> {
  authorize(actor, 'org.read');
  const u = await repo.findUnit(trx, actor, id);
  if (!u) throw new NotFound('unit');
  return u;
}

async function checkParent(trx: Trx, actor: Actor, parentId: string | null | undefined, selfId?: string) {
  if (!parentId) return;
  const p = await repo.findUnit(trx, actor, parentId);
  if (!p || p.regionCode !== actor.regionCode) throw new Invalid({ field: 'parentId', code: 'invalid.value' });
  if (selfId && parentId === selfId) throw new Invalid({ field: 'parentId', code: 'invalid.value' });
  // Walking up from the new parent must not meet the unit itself: that would make a loop (A under B under A).
  for (let up = p.parentId, steps = 0; selfId && up && steps < 1000; steps++) {
    if (up === selfId) throw new Invalid({ field: 'parentId', code: 'invalid.value' });
    up = (await repo.findUnit(trx, actor, up))?.parentId ?? null;
  }
}

export async function createUnit(ctx: Ctx, actor: Actor, input: UnitCreateInput): Promise<UnitView> {
  authorize(actor, 'units.write');
  return inTransaction(ctx, async (trx) => {
    await checkParent(trx, actor, input.parentId);
    if (await repo.findUnitByName(trx, actor.regionCode, input.name.trim())) throw new Conflict('conflict.duplicate', { field: '单位名称 name' });
    const now = ctx.clock.now().toISOString();
    const id = newId();
    try {
      await repo.insertUnit(trx, {
        id, regionCode: actor.regionCode, name: input.name.trim(), shortName: input.shortName?.trim() || null, kind: input.kind,
        parentId: input.parentId ?? null, sortOrder: input.sortOrder ?? 0, phone: input.phone || null, createdAt: now, updatedAt: now,
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict('conflict.duplicate', { field: '单位名称 name' });
      throw e;
    }
    const created = (await repo.findUnit(trx, actor, id))!;
    await audit(ctx, trx, actor, { action: 'unit.create', entityType: 'unit', entityId: id, after: created });
    return created;
  });
}

export async function updateUnit(ctx: Ctx, actor: Actor, id: string, input: UnitPatchInput): Promise<UnitView> {
  authorize(actor, 'units.write');
  return inTransaction(ctx, async (trx) => {
    const before = await repo.findUnit(trx, actor, id);
    if (!before || before.regionCode !== actor.regionCode) throw new NotFound('unit');
    if (input.parentId !== undefined) await checkParent(trx, actor, input.parentId, id);
    if (input.name && input.name.trim() !== before.name) {
      const dup = await repo.findUnitByName(trx, actor.regionCode, input.name.trim());
      if (dup) throw new Conflict('conflict.duplicate', { field: '单位名称 name' });
    }
    const { version, ...fields } = input;
    const set: Record<string, unknown> = { updatedAt: ctx.clock.now().toISOString() };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) set[k] = typeof v === 'string' ? v.trim() || null : v;
    if (!(await repo.updateUnit(trx, id, version, set))) throw new Conflict('conflict.version', {}, { currentVersion: before.version });
    const after = (await repo.findUnit(trx, actor, id))!;
    await audit(ctx, trx, actor, { action: 'unit.update', entityType: 'unit', entityId: id, before, after });
    return after;
  });
}

export async function deleteUnit(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'units.write');
  await inTransaction(ctx, async (trx) => {
    const before = await repo.findUnit(trx, actor, id);
    if (!before || before.regionCode !== actor.regionCode) throw new NotFound('unit');
    const usage = await repo.unitUsage(trx, id);
    if (usage.users || usage.children) {
      throw new Conflict('conflict.inUse', { detail: `${usage.users} 个用户 users, ${usage.children} 个下级单位 child units` });
    }
    try {
      await repo.deleteUnit(trx, id);
    } catch (e) {
      // Other modules' records (tasks, …) may still point at the unit: refuse like the checks above, not with a 500.
      if (isForeignKeyViolation(e)) throw new Conflict('conflict.inUse', { detail: '仍被事项等记录引用 still referenced by tasks or other records' });
      throw e;
    }
    await audit(ctx, trx, actor, { action: 'unit.delete', entityType: 'unit', entityId: id, before });
  });
}

// ---- Excel ----

const KIND_BY_TEXT = new Map<string, UnitKind>();
for (const k of UNIT_KINDS) { KIND_BY_TEXT.set(k, k); KIND_BY_TEXT.set(UNIT_KIND_LABELS[k]['zh-CN'], k); KIND_BY_TEXT.set(UNIT_KIND_LABELS[k]['en-US'].toLowerCase(), k); }
for (const [t, k] of [['局', 'bureau'], ['委', 'bureau'], ['办', 'office'], ['中心', 'office'], ['乡镇', 'township'], ['镇', 'township'], ['乡', 'township'], ['街道', 'township'], ['国企', 'company'], ['企业', 'company']] as const) KIND_BY_TEXT.set(t, k);

export const UNIT_COLUMNS: ColumnSpec<'name' | 'shortName' | 'kind' | 'parent' | 'sortOrder' | 'phone'>[] = [
  { key: 'name', headers: ['单位名称', '名称', '单位'], required: true },
  { key: 'shortName', headers: ['简称', '单位简称'] },
  { key: 'kind', headers: ['单位类型', '类型', '类别'], required: true },
  { key: 'parent', headers: ['上级单位', '上级'] },
  { key: 'sortOrder', headers: ['排序', '序号', '排序号'] },
  { key: 'phone', headers: ['联系电话', '电话'] },
];

export interface ImportPreview { total: number; created: number; updated: number; errors: { row: number; field: string; code: string; message?: string }[] }

/** All-or-nothing import: every row is checked first; with commit, all are written in one transaction or none. */
export async function importUnits(ctx: Ctx, actor: Actor, file: Buffer, commit: boolean): Promise<ImportPreview> {
  authorize(actor, 'units.write');
  const rows = await readTable(file, UNIT_COLUMNS);
  const existing = await repo.allUnitNames(ctx.db, actor.regionCode);
  const byName = new Map(existing.map((u) => [u.name, u]));
  const inFile = new Map<string, number>();
  const errors: FieldError[] = [];
  const parsed: { row: number; name: string; shortName: string | null; kind: UnitKind; parent: string | null; sortOrder: number; phone: string | null }[] = [];
  for (const r of rows) {
    const v = r.values;
    const e = (field: string, code: string, params?: Record<string, unknown>) => errors.push({ row: r.row, field, code, params });
    const name = (v.name ?? '').trim();
    if (!name) e('单位名称', 'invalid.required');
    else if (name.length < 2 || name.length > 60) e('单位名称', 'invalid.maxLength', { limit: 60 });
    else if (inFile.has(name)) e('单位名称', 'conflict.duplicate', { field: `单位名称（第 ${inFile.get(name)} 行）` });
    else inFile.set(name, r.row);
    const kind = KIND_BY_TEXT.get((v.kind ?? '').trim()) ?? KIND_BY_TEXT.get((v.kind ?? '').trim().toLowerCase());
    if (!kind) e('单位类型', 'invalid.enum', { allowed: UNIT_KINDS.map((k) => UNIT_KIND_LABELS[k]['zh-CN']).join('、') });
    const sortOrder = v.sortOrder ? Number(v.sortOrder) : 0;
    if (!Number.isInteger(sortOrder) || sortOrder < 0) e('排序', 'invalid.type', { expected: '非负整数 integer' });
    if (v.phone && !/^[0-9+\- ()]{3,30}$/.test(v.phone)) e('联系电话', 'invalid.pattern');
    parsed.push({ row: r.row, name, shortName: v.shortName?.trim() || null, kind: kind!, parent: v.parent?.trim() || null, sortOrder, phone: v.phone?.trim() || null });
  }
  // Parents after the import: the file's rows over the units already there. Walking up must not come back to the row.
  const nameById = new Map(existing.map((u) => [u.id, u.name]));
  const parentOf = new Map(existing.map((u) => [u.name, u.parentId ? nameById.get(u.parentId) ?? null : null]));
  for (const p of parsed) if (p.name) parentOf.set(p.name, p.parent);
  for (const p of parsed) {
    if (p.parent && !byName.has(p.parent) && !inFile.has(p.parent)) errors.push({ row: p.row, field: '上级单位', code: 'invalid.value' });
    else if (p.parent) {
      let up: string | null | undefined = p.parent;
      for (let steps = 0; up && up !== p.name && steps < 1000; steps++) up = parentOf.get(up);
      if (up === p.name) errors.push({ row: p.row, field: '上级单位', code: 'invalid.value' });
    }
  }
  const created = parsed.filter((p) => !byName.has(p.name)).length;
  const preview = { total: parsed.length, created, updated: parsed.length - created, errors: errors.map((e) => ({ row: e.row!, field: e.field, code: e.code, params: e.params })) };
  if (errors.length) {
    if (commit) throw new Invalid(errors, 'import.badRows', { count: new Set(errors.map((e) => e.row)).size });
    return preview;
  }
  if (!commit) return preview;
  await inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now().toISOString();
    const ids = new Map(existing.map((u) => [u.name, u.id]));
    for (const p of parsed) if (!ids.has(p.name)) ids.set(p.name, newId());
    // Insert without parents first, then set parents, so rows may refer to units further down the sheet.
    for (const p of parsed) {
      const old = byName.get(p.name);
      const fields = { shortName: p.shortName, kind: p.kind, sortOrder: p.sortOrder, phone: p.phone, updatedAt: now };
      if (old) {
        await trx.updateTable('units').set({ ...fields, version: old.version + 1 }).where('id', '=', old.id).execute();
      } else {
        await repo.insertUnit(trx, { id: ids.get(p.name)!, regionCode: actor.regionCode, name: p.name, parentId: null, createdAt: now, ...fields });
      }
    }
    for (const p of parsed) {
      await trx.updateTable('units').set({ parentId: p.parent ? ids.get(p.parent)! : null }).where('id', '=', ids.get(p.name)!).execute();
    }
    await audit(ctx, trx, actor, { action: 'unit.import', entityType: 'unit', after: { created, updated: parsed.length - created, names: parsed.map((p) => p.name) } });
  });
  return preview;
}

export async function exportUnits(ctx: Ctx, actor: Actor, f: UnitListFilter): Promise<Buffer> {
  authorize(actor, 'org.read');
  const { items } = await repo.listUnits(ctx.db, actor, { ...f, page: 1, pageSize: 100_000 });
  return writeTable('单位', null, [
    { header: '单位名称', width: 36, value: (u: UnitView) => u.name },
    { header: '简称', width: 14, value: (u) => u.shortName },
    { header: '单位类型', width: 12, value: (u) => UNIT_KIND_LABELS[u.kind]['zh-CN'] },
    { header: '上级单位', width: 30, value: (u) => u.parentName },
    { header: '排序', width: 8, value: (u) => u.sortOrder },
    { header: '联系电话', width: 16, value: (u) => u.phone },
    { header: '用户数', width: 8, value: (u) => u.userCount },
  ], items);
}

/** For other modules: is this unit one of the region's? (no permission check: the caller has made its own) */
export async function unitBelongsTo(trx: Trx, regionCode: string, id: string): Promise<boolean> {
  return !!(await trx.selectFrom('units').select('id').where('id', '=', id).where('regionCode', '=', regionCode).executeTakeFirst());
}

export { allUnitNames } from './repository.js';
