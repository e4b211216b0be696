// The registry as an Excel sheet: import (preview naming every bad row, all-or-nothing, re-import updates by
// 统一社会信用代码) and export with the same columns, so an export re-imports cleanly.
import type { Ctx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { newId } from '../../platform/clock.js';
import { Invalid, type FieldError } from '../../platform/errors.js';
import { readTable, writeTable, type ColumnSpec } from '../../platform/excel/excel.js';
import { industryCodeProblem, normalizeCreditCode } from './credit-code.js';
import { readNumber } from './data-columns.js';
import { isMuOfficeAdmin } from './office.js';
import * as repo from './repository.js';
import { codeErrors, readerReach, requireOffice } from './service.js';
import type { EnterpriseView } from './schemas.js';

type Key = 'creditCode' | 'name' | 'industryCode' | 'township' | 'park' | 'aboveScale' | 'landAreaMu' | 'producingSince' | 'closedOn' | 'codeOverrideReason';
export const REGISTRY_COLUMNS: ColumnSpec<Key>[] = [
  { key: 'creditCode', headers: ['统一社会信用代码', '社会信用代码', '信用代码'], required: true },
  { key: 'name', headers: ['企业名称', '名称', '企业'], required: true },
  { key: 'industryCode', headers: ['行业代码', '国民经济行业代码', '行业代码GB/T4754'] },
  { key: 'township', headers: ['所属乡镇', '乡镇', '乡镇（街道）', '乡镇街道'] },
  { key: 'park', headers: ['所属园区', '园区'] },
  { key: 'aboveScale', headers: ['规上企业', '是否规上', '规模', '规上/规下'] },
  { key: 'landAreaMu', headers: ['自有用地面积（亩）', '用地面积（亩）', '自有用地面积', '用地面积', '占地面积（亩）'] },
  { key: 'producingSince', headers: ['投产日期', '投产时间'] },
  { key: 'closedOn', headers: ['关停日期', '关停时间', '注销日期'] },
  { key: 'codeOverrideReason', headers: ['代码例外说明', '代码校验例外原因'] },
];

const YES = new Set(['是', '规上', 'y', 'yes', '1', 'true', '规模以上']);
const NO = new Set(['否', '规下', 'n', 'no', '0', 'false', '规模以下']);

/** 2020-06-01, 2020/6/1, 2020.6.1, 2020.6, 2020年6月(1日) → YYYY-MM-DD (the first of the month when no day). */
export function parseDay(s: string): string | null {
  const m = s.trim().match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?|月)?$/);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 1)];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

export interface RegistryImportPreview { total: number; created: number; updated: number; errors: { row: number; field: string; code: string; params?: Record<string, unknown> }[] }

export async function importRegistry(ctx: Ctx, actor: Actor, file: Buffer, commit: boolean): Promise<RegistryImportPreview> {
  await requireOffice(ctx, actor);
  const rows = await readTable(file, REGISTRY_COLUMNS);
  const mayOverride = await isMuOfficeAdmin(ctx, ctx.db, actor);
  const registry = await repo.registryIndex(ctx.db, actor.regionCode);
  const townships = await repo.townshipsOf(ctx.db, actor.regionCode);
  const townshipBy = new Map<string, string>();
  for (const t of townships) { townshipBy.set(t.name, t.code); townshipBy.set(t.code, t.code); }
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  const parsed: { row: number; creditCode: string; values: Record<string, unknown> }[] = [];
  for (const r of rows) {
    const v = r.values;
    const e = (field: string, code: string, params?: Record<string, unknown>) => errors.push({ row: r.row, field, code, params });
    const creditCode = normalizeCreditCode(v.creditCode ?? '');
    const known = registry.get(creditCode);
    if (!creditCode) e('统一社会信用代码', 'invalid.required');
    else {
      // A code already accepted with a reason stays accepted on re-import.
      const reason = v.codeOverrideReason?.trim() || known?.codeOverrideReason || null;
      const c = codeErrors(creditCode, reason, mayOverride || (!!known?.codeOverrideReason && reason === known.codeOverrideReason), '统一社会信用代码');
      for (const x of c.errors) e(x.field, x.code, x.params);
      if (seen.has(creditCode)) e('统一社会信用代码', 'enterprise.import.duplicateInFile', { row: seen.get(creditCode) });
      else seen.set(creditCode, r.row);
    }
    const name = (v.name ?? '').trim();
    if (name.length < 2 || name.length > 100) e('企业名称', name ? 'invalid.maxLength' : 'invalid.required', { limit: 100 });
    const values: Record<string, unknown> = { name };
    if (v.industryCode) { if (industryCodeProblem(v.industryCode.trim())) e('行业代码', 'enterprise.industryCode'); else values.industryCode = v.industryCode.trim(); }
    if (v.township) { const t = townshipBy.get(v.township.trim()); if (!t) e('所属乡镇', 'enterprise.unknownTownship', { value: v.township }); else values.townshipCode = t; }
    if (v.park) values.park = v.park.trim();
    if (v.aboveScale) {
      const t = v.aboveScale.trim().toLowerCase();
      if (YES.has(t)) values.aboveScale = 1; else if (NO.has(t)) values.aboveScale = 0; else e('规上企业', 'enterprise.import.badFlag', { value: v.aboveScale });
    }
    if (v.landAreaMu) {
      const n = readNumber(v.landAreaMu);
      if (n.kind === 'text') e('自有用地面积（亩）', 'enterprise.import.notNumber', { value: n.text });
      else if (n.kind === 'number' && n.value <= 0) e('自有用地面积（亩）', n.value === 0 ? 'enterprise.import.landZero' : 'enterprise.import.negative', { value: v.landAreaMu });
      else if (n.kind === 'number') values.landAreaMu = n.value;
    }
    for (const [k, label] of [['producingSince', '投产日期'], ['closedOn', '关停日期']] as const) {
      if (!v[k]) continue;
      const d = parseDay(v[k]!);
      if (!d) e(label, 'enterprise.import.badDate', { value: v[k] }); else values[k] = d;
    }
    if (values.producingSince && values.closedOn && (values.closedOn as string) < (values.producingSince as string)) e('关停日期', 'enterprise.closedBeforeProducing');
    if (v.codeOverrideReason?.trim() && !creditCodeProblemFree(creditCode)) values.codeOverrideReason = v.codeOverrideReason.trim();
    parsed.push({ row: r.row, creditCode, values });
  }
  const created = parsed.filter((p) => !registry.has(p.creditCode)).length;
  const preview: RegistryImportPreview = { total: parsed.length, created, updated: parsed.length - created, errors: errors.map((x) => ({ row: x.row!, field: x.field, code: x.code, params: x.params })) };
  if (errors.length) {
    if (commit) throw new Invalid(errors, 'import.badRows', { count: new Set(errors.map((x) => x.row)).size });
    return preview;
  }
  if (!commit) return preview;
  await inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now().toISOString();
    const overrides: { creditCode: string; reason: unknown }[] = [];
    for (const p of parsed) {
      const old = registry.get(p.creditCode);
      const v = p.values;
      if (v.codeOverrideReason && v.codeOverrideReason !== old?.codeOverrideReason) overrides.push({ creditCode: p.creditCode, reason: v.codeOverrideReason });
      if (old) {
        // Filled cells change the facts; an empty cell leaves the registry's value (a sheet need not carry every column).
        const set: Record<string, unknown> = { name: v.name, updatedAt: now, version: old.version + 1 };
        for (const key of ['industryCode', 'townshipCode', 'park', 'landAreaMu', 'producingSince', 'closedOn', 'aboveScale']) if (key in v) set[key] = v[key];
        if (v.codeOverrideReason) set.codeOverrideReason = v.codeOverrideReason;
        set.searchText = repo.searchText(v.name as string, p.creditCode, (set.park ?? old.park) as string | null);
        await trx.updateTable('enterprises').set(set).where('id', '=', old.id).execute();
      } else {
        await trx.insertInto('enterprises').values({
          id: newId(), regionCode: actor.regionCode, creditCode: p.creditCode, name: v.name as string, industryCode: (v.industryCode as string) ?? null,
          townshipCode: (v.townshipCode as string) ?? null, park: (v.park as string) ?? null, aboveScale: (v.aboveScale as number) ?? 0,
          landAreaMu: (v.landAreaMu as number) ?? null, producingSince: (v.producingSince as string) ?? null, closedOn: (v.closedOn as string) ?? null,
          codeOverrideReason: (v.codeOverrideReason as string) ?? null, searchText: repo.searchText(v.name as string, p.creditCode, (v.park as string) ?? null),
          createdAt: now, updatedAt: now,
        }).execute();
      }
    }
    await audit(ctx, trx, actor, { action: 'enterprise.import', entityType: 'enterprise', after: { created, updated: parsed.length - created, codes: parsed.map((p) => p.creditCode) } });
    for (const o of overrides) await audit(ctx, trx, actor, { action: 'enterprise.codeOverride', entityType: 'enterprise', after: o });
  });
  return preview;
}

const creditCodeProblemFree = (code: string) => codeErrors(code, null, false).errors.length === 0;

export async function exportRegistry(ctx: Ctx, actor: Actor): Promise<Buffer> {
  const r = await readerReach(ctx, actor);
  const items = await repo.allInReach(ctx.db, r);
  return writeTable('企业库', null, [
    { header: '统一社会信用代码', width: 24, value: (e: EnterpriseView) => e.creditCode },
    { header: '企业名称', width: 36, value: (e) => e.name },
    { header: '行业代码', width: 10, value: (e) => e.industryCode },
    { header: '所属乡镇', width: 14, value: (e) => e.townshipName },
    { header: '所属园区', width: 16, value: (e) => e.park },
    { header: '规上企业', width: 10, value: (e) => (e.aboveScale ? '是' : '否') },
    { header: '自有用地面积（亩）', width: 18, value: (e) => e.landAreaMu },
    { header: '投产日期', width: 12, value: (e) => e.producingSince },
    { header: '关停日期', width: 12, value: (e) => e.closedOn },
    { header: '代码例外说明', width: 30, value: (e) => e.codeOverrideReason },
  ], items);
}
