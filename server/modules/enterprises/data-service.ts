// Yearly figures per enterprise, one source bureau's sheet at a time (税务 实缴税金; 统计 增加值, 主营业务收入, R&D, 职工;
// 供电 用电量; 能耗; 环保 排放当量; 自然资源 用地面积), the import history, and which enterprises lack which figures.
// Imports are all-or-nothing: the preview names every bad row; a commit with any bad row writes nothing.
import type { Ctx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import {
  DATA_SOURCE_INFO, ENTERPRISE_FIELD_INFO, ENTERPRISE_FIELDS, fieldsOfSource, type DataSource, type EnterpriseField,
} from '../../../common/enterprise-fields.js';
import type { Actor } from '../../platform/access/actor.js';
import { newId } from '../../platform/clock.js';
import { Invalid, type FieldError } from '../../platform/errors.js';
import { writeTable } from '../../platform/excel/excel.js';
import { creditCodeMessage, creditCodeProblem, normalizeCreditCode } from './credit-code.js';
import { allowedHeaders, matchHeader, readNumber, roundFigure, titleMoneyUnit, type ColumnMatch } from './data-columns.js';
import * as repo from './repository.js';
import { readerReach, requireOffice } from './service.js';
import { readRawSheet } from '../../platform/excel/raw-sheet.js';
import type { CompletenessFilter } from './schemas.js';

export interface DataImportPreview {
  source: DataSource; year: number; total: number; created: number; updated: number; batchId: string | null;
  columns: { header: string; field: string; unit: string; factor: number }[];
  errors: { row: number; field: string; code: string; params?: Record<string, unknown> }[];
  sample: { row: number; creditCode: string; name: string; values: Record<string, number> }[];
}

/** Negative figures make sense only for value added (a loss-making year); land must be above zero. */
const MAY_BE_NEGATIVE: readonly EnterpriseField[] = ['value_added'];

export async function importSourceData(
  ctx: Ctx, actor: Actor, input: { source: DataSource; year: number; fileName: string | null; buffer: Buffer; commit: boolean },
): Promise<DataImportPreview> {
  await requireOffice(ctx, actor);
  const { source, year } = input;
  const fields = fieldsOfSource(source);
  const sheet = await readRawSheet(
    input.buffer,
    (texts) => texts.some((t) => matchHeader(source, t, null)?.role === 'creditCode'),
    () => new Invalid({ field: 'file', code: 'enterprise.import.missingColumn', params: { columns: '统一社会信用代码' } }, 'enterprise.import.missingColumn', { columns: '统一社会信用代码' }),
  );
  const defaultMoney = titleMoneyUnit(sheet.titleLines);
  const errors: FieldError[] = [];
  const cols = new Map<number, ColumnMatch & { header: string }>();
  for (const h of sheet.headers) {
    const m = matchHeader(source, h.text, defaultMoney);
    if (!m) {
      errors.push({ row: sheet.headerRow, field: h.text, code: 'enterprise.import.unknownColumn', params: { value: h.text, source: DATA_SOURCE_INFO[source].zh, allowed: allowedHeaders(source).join('、') } });
    } else if ([...cols.values()].some((c) => c.role === m.role && m.role !== 'ignore')) {
      errors.push({ row: sheet.headerRow, field: h.text, code: 'conflict.duplicate', params: { field: h.text } });
    } else cols.set(h.col, { ...m, header: h.text });
  }
  const valueCols = [...cols.entries()].filter(([, c]) => (fields as string[]).includes(c.role)) as [number, ColumnMatch & { header: string; role: EnterpriseField }][];
  if (!valueCols.length && errors.length) {
    // Only columns we cannot read: name them (the preview shows why) rather than "missing column".
    if (input.commit) throw new Invalid(errors, 'import.badRows', { count: 1 });
    return { source, year, total: sheet.rows.length, created: 0, updated: 0, batchId: null, columns: [], sample: [], errors: errors.map((x) => ({ row: x.row!, field: x.field, code: x.code, params: x.params })) };
  }
  if (!valueCols.length) {
    const columns = fields.map((f) => ENTERPRISE_FIELD_INFO[f].zh).join('、');
    throw new Invalid({ field: 'file', code: 'enterprise.import.missingColumn', params: { columns } }, 'enterprise.import.missingColumn', { columns });
  }
  const codeCol = [...cols.entries()].find(([, c]) => c.role === 'creditCode')![0];
  const nameCol = [...cols.entries()].find(([, c]) => c.role === 'name')?.[0];
  const yearCol = [...cols.entries()].find(([, c]) => c.role === 'year')?.[0];

  const registry = await repo.registryIndex(ctx.db, actor.regionCode);
  const seen = new Map<string, number>();
  const parsed: { row: number; enterpriseId: string; creditCode: string; name: string; values: Partial<Record<EnterpriseField, number>> }[] = [];
  for (const r of sheet.rows) {
    const rawCode = r.cells.get(codeCol) ?? '';
    const name = nameCol !== undefined ? r.cells.get(nameCol) ?? '' : '';
    if (!rawCode && /^(合计|总计|小计)$/.test(name.replace(/\s/g, ''))) continue; // a totals row at the bottom
    const e = (field: string, code: string, params?: Record<string, unknown>) => errors.push({ row: r.row, field, code, params });
    const codeHeader = cols.get(codeCol)!.header;
    const creditCode = normalizeCreditCode(rawCode);
    let enterpriseId: string | null = null;
    if (!creditCode) e(codeHeader, 'invalid.required');
    else {
      const known = registry.get(creditCode);
      const problem = creditCodeProblem(creditCode);
      // A code the registry holds with a recorded exception is accepted as the registry accepted it.
      if (problem && !(known && known.codeOverrideReason)) { const m = creditCodeMessage(problem); e(codeHeader, m.code, m.params); }
      else if (seen.has(creditCode)) e(codeHeader, 'enterprise.import.duplicateInFile', { row: seen.get(creditCode) });
      else if (!known) e(codeHeader, 'enterprise.import.unknownEnterprise', { code: creditCode });
      else enterpriseId = known.id;
      if (!seen.has(creditCode)) seen.set(creditCode, r.row);
    }
    if (yearCol !== undefined && r.cells.get(yearCol)) {
      const y = (r.cells.get(yearCol) ?? '').replace(/年$/, '');
      if (Number(y) !== year) e(cols.get(yearCol)!.header, 'enterprise.import.yearMismatch', { value: y, year });
    }
    const values: Partial<Record<EnterpriseField, number>> = {};
    for (const [col, c] of valueCols) {
      const raw = r.cells.get(col);
      const n = readNumber(raw);
      if (n.kind === 'text') { e(c.header, 'enterprise.import.notNumber', { value: n.text }); continue; }
      if (n.kind === 'empty') { if (c.role === 'land_area') e(c.header, 'enterprise.import.landMissing'); continue; }
      if (c.role === 'land_area' && n.value <= 0) { e(c.header, n.value === 0 ? 'enterprise.import.landZero' : 'enterprise.import.negative', { value: raw }); continue; }
      if (n.value < 0 && !MAY_BE_NEGATIVE.includes(c.role)) { e(c.header, 'enterprise.import.negative', { value: raw }); continue; }
      values[c.role] = roundFigure(n.value * c.factor);
    }
    if (!Object.keys(values).length && !errors.some((x) => x.row === r.row)) e(valueCols[0][1].header, 'enterprise.import.noFigures');
    if (enterpriseId) parsed.push({ row: r.row, enterpriseId, creditCode, name: registry.get(creditCode)!.name, values });
  }

  // Created = an enterprise without any of this source's figures for the year yet; updated = it had some.
  // (By region, not by an IN list of the file's enterprises: a sheet may have 100,000 rows, beyond any SQL parameter limit.)
  const had = new Set((await ctx.db.selectFrom('enterpriseYearData as d').innerJoin('enterprises as e', 'e.id', 'd.enterpriseId').select('d.enterpriseId').distinct()
    .where('e.regionCode', '=', actor.regionCode).where('d.year', '=', year).where('d.source', '=', source).execute()).map((x) => x.enterpriseId));
  const created = parsed.filter((p) => !had.has(p.enterpriseId)).length;
  const total = sheet.rows.length;
  const preview: DataImportPreview = {
    source, year, total, created, updated: parsed.length - created, batchId: null,
    columns: valueCols.map(([, c]) => ({ header: c.header, field: c.role, unit: c.unit ?? '', factor: c.factor })),
    errors: errors.map((x) => ({ row: x.row!, field: x.field, code: x.code, params: x.params })),
    sample: parsed.slice(0, 20).map((p) => ({ row: p.row, creditCode: p.creditCode, name: p.name, values: p.values as Record<string, number> })),
  };
  if (errors.length) {
    if (input.commit) throw new Invalid(errors, 'import.badRows', { count: new Set(errors.map((x) => x.row)).size });
    return preview;
  }
  if (!input.commit) return preview;
  const moneyCol = valueCols.find(([, c]) => c.unit && /元/.test(c.unit));
  await inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now().toISOString();
    const batchId = newId();
    await trx.insertInto('enterpriseDataBatches').values({
      id: batchId, regionCode: actor.regionCode, source, year, fileName: input.fileName, moneyUnit: moneyCol?.[1].unit ?? null,
      rowCount: parsed.length, createdCount: created, updatedCount: parsed.length - created, createdBy: actor.userId, createdByName: actor.displayName, createdAt: now,
    }).execute();
    for (const p of parsed) {
      for (const [field, value] of Object.entries(p.values) as [EnterpriseField, number][]) {
        await trx.insertInto('enterpriseYearData').values({ enterpriseId: p.enterpriseId, year, field, value, source, batchId, updatedAt: now })
          .onConflict((oc) => oc.columns(['enterpriseId', 'year', 'field']).doUpdateSet({ value, source, batchId, updatedAt: now }))
          .execute();
      }
    }
    await audit(ctx, trx, actor, {
      action: 'enterprise.dataImport', entityType: 'enterpriseDataBatch', entityId: batchId,
      after: { source, year, fileName: input.fileName, rows: parsed.length, created, updated: parsed.length - created, columns: preview.columns },
    });
    preview.batchId = batchId;
  });
  return preview;
}

export async function listBatches(ctx: Ctx, actor: Actor, f: { source?: DataSource; year?: number; page?: number; pageSize?: number }) {
  const r = await readerReach(ctx, actor);
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 50;
  // The history is the county's: those who read the whole registry see it; a township government does not.
  if (r.kind !== 'region') return { items: [], total: 0, page, pageSize };
  let q = ctx.db.selectFrom('enterpriseDataBatches').where('regionCode', 'in', r.regions);
  if (f.source) q = q.where('source', '=', f.source);
  if (f.year) q = q.where('year', '=', f.year);
  const [rows, n] = await Promise.all([
    q.select(['id', 'source', 'year', 'fileName', 'moneyUnit', 'rowCount', 'createdCount', 'updatedCount', 'createdByName', 'createdAt'])
      .orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((b) => ({ ...b, source: b.source as DataSource, year: Number(b.year), rowCount: Number(b.rowCount), createdCount: Number(b.createdCount), updatedCount: Number(b.updatedCount) })),
    total: Number(n.n), page, pageSize,
  };
}

/**
 * Which enterprises (in the reader's reach, not closed before the year) lack which figures of the year. Land counts as
 * present when 自然资源局 sent it for the year or the registry holds the enterprise's own land area.
 */
export async function completeness(ctx: Ctx, actor: Actor, f: CompletenessFilter) {
  const r = await readerReach(ctx, actor);
  let q = ctx.db.selectFrom('enterprises as e').leftJoin('regions as t', 't.code', 'e.townshipCode')
    .select(['e.id', 'e.creditCode', 'e.name', 't.name as townshipName', 'e.park', 'e.aboveScale', 'e.landAreaMu'])
    .where((eb) => repo.inReach(eb as any, r))
    .where((eb) => eb.or([eb('e.closedOn', 'is', null), eb('e.closedOn', '>=', `${f.year}-01-01`)]));
  if (f.townshipCode) q = q.where('e.townshipCode', '=', f.townshipCode);
  if (f.aboveScale !== undefined) q = q.where('e.aboveScale', '=', f.aboveScale ? 1 : 0);
  const rows = await q.orderBy('e.aboveScale', 'desc').orderBy('e.name').orderBy('e.id').execute();
  const figures = await ctx.db.selectFrom('enterpriseYearData as d').innerJoin('enterprises as e', 'e.id', 'd.enterpriseId')
    .select(['d.enterpriseId', 'd.field']).where('d.year', '=', f.year).where((eb) => repo.inReach(eb as any, r)).execute();
  const have = new Map<string, Set<string>>();
  for (const x of figures) { let s = have.get(x.enterpriseId); if (!s) have.set(x.enterpriseId, (s = new Set())); s.add(x.field); }
  const missingByField = Object.fromEntries(ENTERPRISE_FIELDS.map((k) => [k, 0])) as Record<EnterpriseField, number>;
  let complete = 0;
  const all = rows.map((e) => {
    const s = have.get(e.id) ?? new Set<string>();
    const missing = ENTERPRISE_FIELDS.filter((k) => !s.has(k) && !(k === 'land_area' && e.landAreaMu != null && Number(e.landAreaMu) > 0));
    for (const k of missing) missingByField[k]++;
    if (!missing.length) complete++;
    return { id: e.id, creditCode: e.creditCode, name: e.name, townshipName: e.townshipName ?? null, park: e.park, aboveScale: !!e.aboveScale, missing };
  });
  const onlyMissing = f.onlyMissing ?? true;
  const listed = all.filter((x) => (f.field ? x.missing.includes(f.field) : !onlyMissing || x.missing.length > 0));
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 50;
  return {
    year: f.year, enterprises: all.length, complete, missingByField,
    items: listed.slice((page - 1) * pageSize, page * pageSize), total: listed.length, page, pageSize,
  };
}

/** An empty sheet with the columns a source's import expects (the first customary name of each). */
export async function sourceTemplate(ctx: Ctx, actor: Actor, source: DataSource): Promise<Buffer> {
  await requireOffice(ctx, actor);
  const cols = [
    { header: '统一社会信用代码', width: 24, value: () => '' },
    { header: '企业名称', width: 36, value: () => '' },
    ...fieldsOfSource(source).map((f) => ({ header: `${ENTERPRISE_FIELD_INFO[f].zh}（${ENTERPRISE_FIELD_INFO[f].unit}）`, width: 20, value: () => '' })),
  ];
  return writeTable(DATA_SOURCE_INFO[source].zh, null, cols, []);
}
