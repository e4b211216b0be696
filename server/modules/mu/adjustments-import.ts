// 加减分事项 by Excel: the year's template (one row per enterprise, one column per input item of the year's scheme,
// prefilled with today's inputs, so re-importing it unchanged changes nothing) and its import, which also reads the
// long layout (统一社会信用代码, 企业名称, 事项, 数量, 备注). Wide: a blank item cell of an enterprise in the file means
// "none" (removes the input); long: only the listed enterprise × item pairs change (数量 0 removes). Enterprises by
// credit code, else by exact name. Every bad row is reported; the commit writes all changes or none, audited once.
// Runs keep their own copy of the inputs (runs.ts snapshot_json), so no run changes until a draft is re-run.
import ExcelJS from 'exceljs';
import type { Ctx, Trx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { Invalid } from '../../platform/errors.js';
import { iso } from '../../platform/clock.js';
import { normHeader, readLedger, type LedgerColumn } from '../../platform/excel/ledger.js';
import { requireMuOffice } from '../enterprises/office.js';
import { identities } from '../enterprises/repository.js';
import { normalizeCreditCode } from '../enterprises/credit-code.js';
import type { AdjustmentItem, SchemeDefinition } from './rules.js';
import { adjustmentRows, schemeOfYear } from './service.js';

/** The most a quantity may be (as in PUT /mu/adjustments). */
const MAX_QUANTITY = 1000;
const CHANGES_SHOWN = 1000;
const MAX_NOTE = 200;

const COL = {
  code: ['统一社会信用代码', '信用代码', '社会信用代码', '统一代码', '企业信用代码'],
  name: ['企业名称', '企业', '名称', '单位名称', '企业全称'],
  item: ['事项', '加减分事项', '加减分项目', '事项名称', '项目名称', '加扣分事项'],
  quantity: ['数量', '次数', '数量/次数', '个数', '数量（次数）', '件数'],
  note: ['备注', '说明', '情况说明'],
} as const;

type Row = { row: number; values: Record<string, string | undefined> };
export interface RowError { row: number; field: string; code: string; params?: Record<string, unknown> }
export interface AdjustmentChange {
  row: number; enterpriseId: string; creditCode: string; name: string; itemKey: string; itemName: string;
  kind: 'added' | 'changed' | 'removed';
  before: { quantity: number; note: string | null } | null;
  after: { quantity: number; note: string | null } | null;
}
export interface AdjustmentImportResult {
  committed: boolean; layout: 'wide' | 'long'; total: number;
  created: number; updated: number; removed: number; unchanged: number;
  changes: AdjustmentChange[]; changesTruncated: boolean;
  errors: RowError[];
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const yes = /^(是|有|√|✓|✔|y|yes|true)$/i;
const no = /^(否|无|没有|×|n|no|false|-|—|－)$/i;

/** A yes/no item: the engine only asks whether the quantity is above 0 (forceClass items force the class). */
export const isYesNo = (a: AdjustmentItem) => !!a.forceClass;

/** 加 3 分/项, 扣 10 分/次, 直接定为 D 类 … as the template's note and legend say it. */
export function itemRule(a: AdjustmentItem): string {
  if (a.forceClass) return `有即直接定为 ${a.forceClass} 类（填“是”）`;
  const p = (n: number) => `${n > 0 ? '加' : '扣'} ${Math.abs(n)} 分`;
  const parts: string[] = [];
  if (a.freeUnits) parts.push(`前 ${a.freeUnits} 项不计`);
  if (a.firstPoints != null && a.firstPoints !== a.points) parts.push(`第一项${p(a.firstPoints)}，此后每项${p(a.points)}`);
  else parts.push(`每项${p(a.points)}`);
  return `${parts.join('，')}（填次数/个数）`;
}

async function schemeOf(db: Trx, regionCode: string, year: number): Promise<SchemeDefinition> {
  const def = await schemeOfYear(db, regionCode, year);
  if (!def) throw new Invalid({ field: 'year', code: 'mu.adjustment.noScheme', params: { year } });
  return def;
}

type Current = Awaited<ReturnType<typeof adjustmentRows>>[number];

/** One note per enterprise in the wide layout: the note itself when its items agree, else "事项：备注；…". */
function joinedNote(cur: Current[], items: AdjustmentItem[]): string {
  const withNote = cur.filter((c) => c.note);
  const distinct = [...new Set(withNote.map((c) => c.note!))];
  if (distinct.length <= 1) return distinct[0] ?? '';
  return withNote.map((c) => `${items.find((a) => a.key === c.itemKey)?.name ?? c.itemKey}：${c.note}`).join('；');
}

const cellOf = (a: AdjustmentItem, q: number | undefined) => (q == null || !(q > 0) ? null : isYesNo(a) ? '是' : q);

export async function adjustmentsTemplate(ctx: Ctx, actor: Actor, year: number): Promise<Buffer> {
  authorize(actor, 'mu.manage');
  await requireMuOffice(ctx, ctx.db, actor);
  const def = await schemeOf(ctx.db, actor.regionCode, year);
  const items = def.adjustments.filter((a) => a.source === 'input');
  const cur = (await adjustmentRows(ctx.db, actor.regionCode, year)).filter((c) => items.some((a) => a.key === c.itemKey));
  const byEnt = new Map<string, Current[]>();
  for (const c of cur) { if (!byEnt.has(c.enterpriseId)) byEnt.set(c.enterpriseId, []); byEnt.get(c.enterpriseId)!.push(c); }

  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi';
  const ws = wb.addWorksheet('加减分事项');
  const width = items.length + 3;
  ws.addRow([`${year}年度亩均效益评价加减分事项`]);
  ws.mergeCells(1, 1, 1, width);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(1).alignment = { horizontal: 'center' };
  const legend = `填写说明：每家企业一行，按统一社会信用代码（无代码时按企业名称）对应企业库；各事项列${items.map((a) => `“${a.name}”${itemRule(a)}`).join('；')}。`
    + '表中企业的事项列留空表示“无”，导入时删除该企业已录入的该项；表中未列出的企业不受影响。出租厂房等自动计算的事项无需填写。';
  ws.addRow([legend]);
  ws.mergeCells(2, 1, 2, width);
  ws.getRow(2).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(2).height = Math.min(120, 18 * Math.ceil(legend.length / Math.max(40, width * 12)) + 6);
  ws.addRow(['统一社会信用代码', '企业名称', ...items.map((a) => a.name), '备注']);
  const hr = ws.getRow(3);
  hr.font = { bold: true };
  hr.alignment = { wrapText: true, vertical: 'middle' };
  hr.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  items.forEach((a, i) => { ws.getCell(3, i + 3).note = `${a.name}：${itemRule(a)}`; });
  ws.getColumn(1).width = 24; ws.getColumn(2).width = 30; ws.getColumn(width).width = 30;
  items.forEach((a, i) => { ws.getColumn(i + 3).width = Math.max(12, Math.min(24, a.name.length * 2 + 2)); });
  ws.views = [{ state: 'frozen', ySplit: 3, xSplit: 2 }];
  for (const list of byEnt.values()) {
    const first = list[0]!;
    ws.addRow([first.creditCode, first.name, ...items.map((a) => cellOf(a, list.find((c) => c.itemKey === a.key)?.quantity)), joinedNote(list, items) || null]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Parsed = { ok: true; q: number } | { ok: false; code: string; params?: Record<string, unknown> };
/** A cell → quantity, following the engine: counted items take whole numbers ≥ 0; yes/no items 是/否 (or 1/0). */
export function parseQuantity(a: AdjustmentItem, text: string): Parsed {
  const t = text.replace(/[\s,，]/g, '').replace(/(次|项|个|件|家|起)$/, '');
  if (yes.test(t)) return { ok: true, q: 1 };
  if (no.test(t)) return { ok: true, q: 0 };
  if (!/^[-+]?\d+(\.\d+)?$/.test(t)) return { ok: false, code: isYesNo(a) ? 'mu.adjustment.import.yesNo' : 'mu.adjustment.import.notNumber', params: { value: text } };
  const n = Number(t);
  if (n < 0) return { ok: false, code: 'mu.adjustment.import.negative', params: { value: text } };
  if (!Number.isInteger(n)) return { ok: false, code: isYesNo(a) ? 'mu.adjustment.import.yesNo' : 'mu.adjustment.import.notInteger', params: { value: text } };
  if (n > MAX_QUANTITY) return { ok: false, code: 'mu.adjustment.import.tooMany', params: { value: text, max: MAX_QUANTITY } };
  return { ok: true, q: n };
}

export async function importAdjustments(ctx: Ctx, actor: Actor, year: number, buffer: Buffer, commit: boolean): Promise<AdjustmentImportResult> {
  authorize(actor, 'mu.manage');
  await requireMuOffice(ctx, ctx.db, actor);
  const def = await schemeOf(ctx.db, actor.regionCode, year);
  const inputs = def.adjustments.filter((a) => a.source === 'input');
  const automatic = def.adjustments.filter((a) => a.source !== 'input');
  const allowed = inputs.map((a) => a.name).join('、') || '—';
  const itemHeaders = (a: AdjustmentItem) => [a.name, a.key, new RegExp(`^${esc(normHeader(a.name))}.*(分|类|填).*$`)];
  const spec: LedgerColumn[] = [
    { key: 'code', headers: [...COL.code] }, { key: 'name', headers: [...COL.name] }, { key: 'item', headers: [...COL.item] },
    { key: 'quantity', headers: [...COL.quantity] }, { key: 'note', headers: [...COL.note] },
    ...inputs.map((a) => ({ key: `i:${a.key}`, headers: itemHeaders(a) })),
    ...automatic.map((a) => ({ key: `t:${a.key}`, headers: itemHeaders(a) })),
  ];
  // The header row holds the credit code column, or failing that the name column.
  const read = (anchor: 'code' | 'name') => readLedger(buffer, spec.map((c) => (c.key === anchor ? { ...c, required: true } : c)), { maxRows: 20000 });
  const missing = (long: boolean) => {
    const columns = `统一社会信用代码或企业名称、${long ? '数量' : `事项和数量（或各事项列：${allowed}）`}`;
    return new Invalid({ field: 'file', code: 'import.missingColumn', params: { columns } }, 'import.missingColumn', { columns });
  };
  const isMissing = (e: unknown) => e instanceof Invalid && e.code === 'import.missingColumn';
  const sheet = await read('code').catch((e) => (isMissing(e) ? read('name') : Promise.reject(e))).catch((e) => Promise.reject(isMissing(e) ? missing(false) : e));
  const has = (k: string) => sheet.headerText[k] !== undefined;
  const head = (k: string, fallback: string) => sheet.headerText[k] ?? fallback;
  const long = has('item');
  const itemCols = inputs.filter((a) => has(`i:${a.key}`));
  if ((!long && !itemCols.length) || (long && !has('quantity'))) throw missing(long);

  // Everything below reads the enterprises and today's inputs: a preview reads them as they are, a commit re-reads them
  // inside its transaction, so the changes written are the ones against the inputs at that moment (a PUT made meanwhile
  // is not overwritten by a stale diff).
  const run = async (db: Trx) => {
    const ents = await identities(db, actor.regionCode);
    const byCode = new Map(ents.map((e) => [e.creditCode.toUpperCase(), e]));
    const byName = new Map<string, typeof ents>();
    for (const e of ents) { const k = e.name.trim(); byName.set(k, [...(byName.get(k) ?? []), e]); }
    const cur = await adjustmentRows(db, actor.regionCode, year);
    const curKey = (e: string, i: string) => `${e}|${i}`;
    const curMap = new Map(cur.map((c) => [curKey(c.enterpriseId, c.itemKey), c]));
    const curByEnt = new Map<string, Current[]>();
    for (const c of cur) curByEnt.set(c.enterpriseId, [...(curByEnt.get(c.enterpriseId) ?? []), c]);

    const errors: RowError[] = [];
    const codeField = head('code', '统一社会信用代码');
    const nameField = head('name', '企业名称');
    const enterpriseOf = (r: Row) => {
      const raw = r.values.code ?? '';
      const name = (r.values.name ?? '').replace(/\s+/g, ' ').trim();
      const e = (field: string, code: string, params?: Record<string, unknown>) => { errors.push({ row: r.row, field, code, params }); return null; };
      if (raw) {
        const code = normalizeCreditCode(raw);
        const found = byCode.get(code);
        if (!found) return e(codeField, 'mu.adjustment.import.unknownCode', { code });
        if (name && name !== found.name.trim()) return e(nameField, 'mu.adjustment.import.nameMismatch', { name, registered: found.name, code });
        return found;
      }
      if (!name) return e(has('code') ? codeField : nameField, 'mu.adjustment.import.noEnterprise');
      const list = byName.get(name) ?? [];
      if (!list.length) return e(nameField, 'mu.adjustment.import.unknownName', { name });
      if (list.length > 1) return e(nameField, 'mu.adjustment.import.ambiguousName', { name, count: list.length });
      return list[0]!;
    };

    type Want = { row: number; ent: { id: string; creditCode: string; name: string }; item: AdjustmentItem; q: number; note: string | null | undefined };
    const wants: Want[] = [];
    const rows = sheet.rows as Row[];
    const noteCol = has('note');
    const noteField = head('note', '备注');
    const noteOf = (r: Row) => {
      if (!noteCol) return undefined;
      const t = (r.values.note ?? '').trim();
      if (t.length > MAX_NOTE) errors.push({ row: r.row, field: noteField, code: 'invalid.maxLength', params: { limit: MAX_NOTE } });
      return t || null;
    };

    if (long) {
      const itemField = head('item', '事项');
      const qField = head('quantity', '数量');
      const seen = new Map<string, number>();
      for (const r of rows) {
        const before = errors.length;
        const ent = enterpriseOf(r);
        const text = (r.values.item ?? '').trim();
        const t = normHeader(text);
        const match = (a: AdjustmentItem) => normHeader(a.name) === t || a.key.toLowerCase() === t || new RegExp(`^${esc(normHeader(a.name))}.*(分|类|填).*$`).test(t);
        const item = inputs.find(match);
        if (!text) errors.push({ row: r.row, field: itemField, code: 'mu.adjustment.import.noItem', params: { allowed } });
        else if (!item && automatic.some(match)) errors.push({ row: r.row, field: itemField, code: 'mu.adjustment.import.automatic', params: { value: text } });
        else if (!item) errors.push({ row: r.row, field: itemField, code: 'mu.adjustment.import.unknownItem', params: { value: text, allowed } });
        let q: number | null = null;
        const qt = (r.values.quantity ?? '').trim();
        if (!qt) errors.push({ row: r.row, field: qField, code: 'mu.adjustment.import.noQuantity' });
        else if (item) {
          const p = parseQuantity(item, qt);
          if (p.ok) q = p.q; else errors.push({ row: r.row, field: qField, code: p.code, params: p.params });
        }
        if (ent && item) {
          const k = curKey(ent.id, item.key);
          if (seen.has(k)) errors.push({ row: r.row, field: itemField, code: 'mu.adjustment.import.duplicatePair', params: { row: seen.get(k), name: ent.name, item: item.name } });
          else seen.set(k, r.row);
        }
        const note = noteOf(r);
        if (errors.length === before && ent && item && q != null) wants.push({ row: r.row, ent, item, q, note });
      }
    } else {
      const seen = new Map<string, number>();
      const autoCols = automatic.filter((a) => has(`t:${a.key}`));
      for (const r of rows) {
        const before = errors.length;
        const ent = enterpriseOf(r);
        if (ent) {
          if (seen.has(ent.id)) errors.push({ row: r.row, field: r.values.code ? codeField : nameField, code: 'mu.adjustment.import.duplicateEnterprise', params: { row: seen.get(ent.id), name: ent.name } });
          else seen.set(ent.id, r.row);
        }
        for (const a of autoCols) if ((r.values[`t:${a.key}`] ?? '').trim()) errors.push({ row: r.row, field: head(`t:${a.key}`, a.name), code: 'mu.adjustment.import.automatic', params: { value: a.name } });
        const qs: { item: AdjustmentItem; q: number }[] = [];
        for (const a of itemCols) {
          const text = (r.values[`i:${a.key}`] ?? '').trim();
          if (!text) { qs.push({ item: a, q: 0 }); continue; }
          const p = parseQuantity(a, text);
          if (p.ok) qs.push({ item: a, q: p.q }); else errors.push({ row: r.row, field: head(`i:${a.key}`, a.name), code: p.code, params: p.params });
        }
        const note = noteOf(r);
        if (errors.length !== before || !ent) continue;
        // The row's one note: unchanged from the template's text → each item keeps its own note; otherwise it is every item's note.
        const mine = (curByEnt.get(ent.id) ?? []).filter((c) => itemCols.some((a) => a.key === c.itemKey));
        const keepNotes = note === undefined || (note ?? '') === joinedNote(mine, inputs);
        for (const { item, q } of qs) {
          wants.push({ row: r.row, ent, item, q, note: keepNotes ? (curMap.get(curKey(ent.id, item.key)) ? undefined : note ?? null) : note });
        }
      }
    }

    // What would change.
    const changes: AdjustmentChange[] = [];
    let unchanged = 0;
    for (const w of wants) {
      const c = curMap.get(curKey(w.ent.id, w.item.key));
      const base = { row: w.row, enterpriseId: w.ent.id, creditCode: w.ent.creditCode, name: w.ent.name, itemKey: w.item.key, itemName: w.item.name };
      const before = c ? { quantity: c.quantity, note: c.note } : null;
      if (!(w.q > 0)) {
        if (c) changes.push({ ...base, kind: 'removed', before, after: null }); else unchanged++;
        continue;
      }
      // A yes/no item stays as entered while it stays "yes" (the engine reads only quantity > 0).
      const quantity = c && isYesNo(w.item) ? c.quantity : w.q;
      const note = w.note === undefined ? (c?.note ?? null) : w.note;
      if (!c) changes.push({ ...base, kind: 'added', before: null, after: { quantity, note } });
      else if (c.quantity !== quantity || (c.note ?? null) !== note) changes.push({ ...base, kind: 'changed', before, after: { quantity, note } });
      else unchanged++;
    }
    const count = (k: AdjustmentChange['kind']) => changes.filter((c) => c.kind === k).length;
    const result: AdjustmentImportResult = {
      committed: false, layout: long ? 'long' : 'wide', total: rows.length,
      created: count('added'), updated: count('changed'), removed: count('removed'), unchanged,
      changes: changes.slice(0, CHANGES_SHOWN), changesTruncated: changes.length > CHANGES_SHOWN, errors,
    };
    return { result, changes };
  };

  if (!commit) return (await run(ctx.db)).result;
  return inTransaction(ctx, async (trx) => {
    await requireMuOffice(ctx, trx, actor);
    const { result, changes } = await run(trx);
    const { errors } = result;
    if (errors.length) throw new Invalid(errors, 'import.badRows', { count: new Set(errors.map((x) => x.row)).size });
    const now = iso(ctx.clock.now());
    for (const c of changes) {
      await trx.deleteFrom('muAdjustments').where('regionCode', '=', actor.regionCode).where('year', '=', year)
        .where('enterpriseId', '=', c.enterpriseId).where('itemKey', '=', c.itemKey).execute();
      if (c.after) {
        await trx.insertInto('muAdjustments').values({ regionCode: actor.regionCode, year, enterpriseId: c.enterpriseId, itemKey: c.itemKey, quantity: c.after.quantity, note: c.after.note, updatedBy: actor.userId, updatedAt: now }).execute();
      }
    }
    // One entry per import, holding every change with its before and after (as PUT /mu/adjustments audits each one):
    // an import can add or remove a forced-class item for hundreds of enterprises, and the log must say which.
    await audit(ctx, trx, actor, {
      action: 'mu.adjustment.import', entityType: 'mu_adjustments',
      after: {
        year, layout: result.layout, rows: result.total, added: result.created, changed: result.updated, removed: result.removed, unchanged: result.unchanged,
        changes: changes.map((c) => ({ enterpriseId: c.enterpriseId, creditCode: c.creditCode, name: c.name, itemKey: c.itemKey, kind: c.kind, before: c.before, after: c.after })),
      },
    });
    return { ...result, committed: true };
  });
}
