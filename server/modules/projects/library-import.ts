// Import of a project ledger (项目台账) written the way counties write it (see platform/excel/ledger.ts): preview with
// every bad row and its reason, then all-or-nothing; re-importing updates (matched by project code, else by name).
// A year-to-date column ("1-N月完成投资", "N月末累计…", "截至N月…"; a bare "N月完成投资" is only noted) goes into the monthly reports through reports-read.ts recordYearToDate (month N, the year
// from the title or the header, else this year): filed, corrected with a reason, or left as it is; the preview says
// beforehand which, and refuses a figure below what the year's earlier months already reported.
import type { Ctx, Trx } from '../../context.js';
import { audit, inTransaction } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import type { FieldError } from '../../platform/errors.js';
import { readLedger, toIsoDate, toWan, type LedgerColumn, type MoneyUnit } from '../../platform/excel/ledger.js';
import { getSetting } from '../../platform/settings.js';
import { PROJECT_STAGES, PROJECT_STAGE_LABELS, type ProjectStage } from '../../../common/project-labels.js';
import { newId } from '../../platform/clock.js';
import { projectFactErrors } from './library-rules.js';
import { allowedMoves, canMove } from './stage-rules.js';
import { requireLibrary, libraryRights } from './library-access.js';
import { insertProject, patchProject, today, thisYear, type NewProject } from './library-service.js';
import { ledgerBaseline, recordYearToDate } from './reports-read.js';
import { monthFromYearToDate, periodOf, round2, type Period } from './reports-rules.js';
import * as repo from './library-repository.js';
import { loadCalendar } from '../calendar/service.js';

export type LedgerKey = 'name' | 'projectCode' | 'category' | 'industryCode' | 'township' | 'ownerName' | 'ownerCreditCode' | 'content'
  | 'totalInvestment' | 'yearPlan' | 'plannedStart' | 'actualStart' | 'plannedCompletion' | 'actualCompletion' | 'stage' | 'leader' | 'leadUnit'
  | 'taskForce' | 'planSummary' | 'completedToDate';

/** Customary column names and their variants; the first string is the one the export writes. */
export const LEDGER_COLUMNS: LedgerColumn<LedgerKey>[] = [
  { key: 'name', headers: ['项目名称', '名称', '项目'], required: true },
  { key: 'projectCode', headers: ['投资项目统一代码', '项目代码', '项目统一代码', '统一代码', '赋码', '项目编码'] },
  { key: 'category', headers: ['项目类别', '类别', '项目类型', '类型', '项目分类'] },
  { key: 'industryCode', headers: ['行业代码', '国民经济行业代码', '所属行业代码', '行业分类代码'] },
  { key: 'township', headers: ['所在乡镇', '乡镇', '乡镇街道', '所属乡镇', '建设地点', '属地', '所在地'] },
  { key: 'ownerName', headers: ['业主单位', '项目业主', '建设单位', '业主', '项目单位'] },
  { key: 'ownerCreditCode', headers: ['统一社会信用代码', '业主单位统一社会信用代码', '信用代码'] },
  { key: 'content', headers: ['建设内容', '建设规模及内容', '主要建设内容', '建设规模和内容', '建设内容及规模'] },
  { key: 'totalInvestment', headers: ['总投资', '计划总投资', '项目总投资', '估算总投资'], required: true, money: true },
  { key: 'yearPlan', headers: ['年度计划投资', '本年计划投资', '年计划投资', '当年计划投资', /^\d{4}年(度)?计划投资$/], money: true },
  { key: 'plannedStart', headers: ['计划开工时间', '计划开工', '计划开工日期', '开工时间'] },
  { key: 'actualStart', headers: ['实际开工时间', '实际开工', '实际开工日期'] },
  { key: 'plannedCompletion', headers: ['计划竣工时间', '计划竣工', '计划完工时间', '竣工时间', '计划竣工日期'] },
  { key: 'actualCompletion', headers: ['实际竣工时间', '实际竣工', '实际竣工日期'] },
  { key: 'stage', headers: ['项目阶段', '阶段', '项目状态', '建设阶段', '状态'] },
  { key: 'leader', headers: ['包抓领导', '包抓县领导', '责任领导', '县级领导', '联系领导', '包联领导'] },
  { key: 'leadUnit', headers: ['牵头单位', '责任单位', '牵头部门', '责任部门', '主管部门'], required: true },
  { key: 'taskForce', headers: ['工作专班', '专班', '专班成员'] },
  { key: 'planSummary', headers: ['实施方案', '推进方案'] },
  // 1-N月完成投资 (year to date) goes into the monthly reports (recordYearToDate); without a month it is named, not imported.
  // A bare "N月完成投资" is read (and named in a note) but not imported: it may be the month's own figure.
  { key: 'completedToDate', headers: [/^(截至|截止)?(\d{4}年度?)?(\d{1,2}[-－—–‐~～至])?\d{1,2}月(份)?(末|底)?(累计)?完成投资(额)?$/, '累计完成投资', '完成投资'], money: true },
];

const STAGE_WORDS: Record<string, ProjectStage> = {
  谋划: 'planning', 储备: 'reserve', 前期: 'preparation', 在建: 'construction', 新开工: 'construction', 续建: 'construction', 开工: 'construction',
  竣工: 'completed', 完工: 'completed', 投产: 'operating', 运营: 'operating', 停工: 'suspended', 停建: 'suspended', 缓建: 'suspended',
};
export function stageOf(text: string): ProjectStage | null {
  const t = text.replace(/\s|阶段|项目|类/g, '');
  if ((PROJECT_STAGES as readonly string[]).includes(t)) return t as ProjectStage;
  return STAGE_WORDS[t] ?? null;
}

/**
 * The month a year-to-date header speaks of: N from the header, the year from the header, else the title, else
 * `fallbackYear`. Only a header that says it is year to date counts: "1-N月…" (any dash), or one with 累计, 末 or 截至
 * ("10月末累计完成投资", "截至10月完成投资"). A bare "10月完成投资" is, in county ledgers, usually the month's own figure:
 * null (see monthOnlyHeader).
 */
export function ledgerPeriod(header: string, title: string, fallbackYear: number): Period | null {
  const h = header.replace(/\s/g, '');
  const m = h.match(/(?:((?:19|20)\d{2})年度?)?(?:(\d{1,2})[-－—–‐~～至])?(\d{1,2})月/);
  if (!m) return null;
  const month = Number(m[3]);
  if (month < 1 || month > 12 || (m[2] !== undefined && Number(m[2]) !== 1)) return null; // "3-10月" is not year to date
  if (m[2] === undefined && !/累计|末|截至|截止/.test(h)) return null; // "10月完成投资": the month's figure or the year's?
  const year = m[1] ? Number(m[1]) : Number(title.match(/((?:19|20)\d{2})\s*年/)?.[1] ?? fallbackYear);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** A header naming one month without saying it is year to date ("10月完成投资", "10月份完成投资"). */
export const monthOnlyHeader = (header: string): boolean => {
  const h = header.replace(/\s/g, '');
  return /\d{1,2}月/.test(h) && !/\d{1,2}[-－—–‐~～至]\d{1,2}月/.test(h) && !/累计|末|截至|截止/.test(h);
};

/** The ledger's 1-N月 column when it goes into the reports: its name (header without the unit) and its month. */
interface YearToDateColumn { label: string; period: Period }
const STARTED_STAGES = new Set<ProjectStage>(['construction', 'completed', 'operating']);
const isStarted = (stage: ProjectStage, actualStart: string | null | undefined) => STARTED_STAGES.has(stage) || !!actualStart;

export interface ImportPreviewRow { row: number; name: string; action: 'create' | 'update'; serial: string | null; totalInvestment: number | null; stage: ProjectStage | null }
export interface ImportOutcome {
  total: number; created: number; updated: number; errors: (FieldError & { row: number })[];
  preview: ImportPreviewRow[]; skippedRows: number[]; headerRows: number; units: Record<string, MoneyUnit>; notes: string[];
  /** Monthly figures from the 1-N月 column: the month they go to (null when none is imported) and what happened (or, in preview, will). */
  reports: { period: Period | null; created: number; corrected: number; unchanged: number };
  /** Each monthly figure the 1-N月 column files or corrects (unchanged ones are left out): row, project, month, before → after (万元, the month's own figure). */
  reportChanges: ReportChange[];
}
export interface ReportChange { row: number; name: string; period: Period; action: 'create' | 'correct'; before: number | null; after: number }

interface Op { row: number; existingId: string | null; version: number; input: NewProject; stageChange: ProjectStage | null; yearToDate?: number }

async function lookups(ctx: Ctx, db: Trx, actor: Actor) {
  const [units, leaders, townships, projects, categories] = await Promise.all([
    db.selectFrom('units').select(['id', 'name', 'shortName']).where('regionCode', '=', actor.regionCode).execute(),
    db.selectFrom('users').innerJoin('userRoles', 'userRoles.userId', 'users.id').select(['users.id', 'users.displayName'])
      .where('users.regionCode', '=', actor.regionCode).where('userRoles.role', '=', 'leader').where('users.disabled', '=', 0).execute(),
    db.selectFrom('regions').select(['code', 'name']).where('parentCode', '=', actor.regionCode).where('level', '=', 'township').execute(),
    db.selectFrom('projects').select(['id', 'name', 'projectCode', 'version', 'stage', 'stageSince', 'actualStart', 'actualCompletion', 'serial', 'leadUnitId', 'regionCode'])
      .where('regionCode', '=', actor.regionCode).execute(),
    getSetting(ctx, 'projects.categories', db),
  ]);
  const multi = <T>(pairs: [string, T][]) => { const m = new Map<string, T[]>(); for (const [k, v] of pairs) if (k) (m.get(k) ?? m.set(k, []).get(k)!).push(v); return m; };
  return {
    unitBy: multi(units.flatMap((u) => [[u.name, u.id], ...(u.shortName && u.shortName !== u.name ? [[u.shortName, u.id]] : [])] as [string, string][])),
    leaderBy: multi(leaders.map((l) => [l.displayName, l.id] as [string, string])),
    townshipBy: new Map(townships.map((t) => [t.name, t.code])),
    byCode: new Map(projects.filter((p) => p.projectCode).map((p) => [p.projectCode!, p])),
    byName: new Map(projects.map((p) => [p.name, p])),
    categories,
  };
}

function planRows(ctx: Ctx, L: Awaited<ReturnType<typeof lookups>>, ledger: Awaited<ReturnType<typeof readLedger<LedgerKey>>>, ytdCol: YearToDateColumn | null) {
  const errors: (FieldError & { row: number })[] = [];
  const ops: Op[] = [];
  const t = today(ctx);
  const seenCode = new Map<string, number>();
  const seenName = new Map<string, number>();
  for (const { row, values: v } of ledger.rows) {
    const err = (field: string, code: string, params?: Record<string, unknown>) => errors.push({ row, field, code, params });
    const before = errors.length;
    const name = v.name?.trim() ?? '';
    if (!name) err('项目名称', 'invalid.required');
    const code = v.projectCode?.replace(/\s/g, '').toUpperCase() || null;
    const existing = (code && L.byCode.get(code)) || L.byName.get(name) || null;
    const dupRow = (code && seenCode.get(code)) || seenName.get(name);
    if (dupRow) err('项目名称', 'projects.duplicateInFile', { row: dupRow });
    if (code) seenCode.set(code, row);
    if (name) seenName.set(name, row);

    const money = (k: 'totalInvestment' | 'yearPlan', label: string): number | null | undefined => {
      if (v[k] === undefined) return undefined;
      const n = toWan(v[k]!, ledger.units[k]);
      if (n === null) { err(label, 'projects.badAmount', { value: v[k] }); return undefined; }
      return n;
    };
    const total = money('totalInvestment', '总投资');
    if (v.totalInvestment === undefined && !existing) err('总投资', 'invalid.required');
    const yearPlan = money('yearPlan', '年度计划投资');
    const date = (k: 'plannedStart' | 'actualStart' | 'plannedCompletion' | 'actualCompletion', label: string) => {
      if (v[k] === undefined) return undefined;
      const d = toIsoDate(v[k]!);
      if (!d) err(label, 'projects.badDate', { value: v[k] });
      return d ?? undefined;
    };
    const plannedStart = date('plannedStart', '计划开工时间');
    const actualStart = date('actualStart', '实际开工时间');
    const plannedCompletion = date('plannedCompletion', '计划竣工时间');
    const actualCompletion = date('actualCompletion', '实际竣工时间');

    let leadUnitId: string | undefined;
    if (v.leadUnit !== undefined) {
      // 牵头单位 may list several ("县发改局、县住建局"): the first leads.
      const first = v.leadUnit.split(/[、,，;；/]/)[0].trim();
      const ids = L.unitBy.get(first) ?? L.unitBy.get(first.replace(/^县/, '')) ?? L.unitBy.get(`县${first}`);
      if (!ids?.length) err('牵头单位', 'projects.unknownUnit', { value: first });
      else if (new Set(ids).size > 1) err('牵头单位', 'task.import.ambiguous', { name: first });
      else leadUnitId = ids[0];
    } else if (!existing) err('牵头单位', 'invalid.required');
    let leaderUserId: string | null | undefined;
    if (v.leader !== undefined) {
      const first = v.leader.split(/[、,，;；/]/)[0].replace(/(县长|副县长|常务副县长|书记|同志)$/g, '').trim();
      const ids = L.leaderBy.get(first);
      if (!ids?.length) err('包抓领导', 'projects.unknownLeader', { value: first });
      else if (ids.length > 1) err('包抓领导', 'task.import.ambiguous', { name: first });
      else leaderUserId = ids[0];
    }
    let townshipCode: string | null | undefined;
    if (v.township !== undefined) {
      const raw = v.township.trim();
      const key = [...L.townshipBy.keys()].find((n) => raw === n || raw.startsWith(n));
      if (!key) err('所在乡镇', 'projects.unknownTownship', { value: raw });
      else townshipCode = L.townshipBy.get(key);
    }
    let category: string | undefined;
    if (v.category !== undefined) {
      const c = v.category.trim().replace(/(类|项目)$/g, '');
      category = L.categories.find((x) => x === c || x === v.category!.trim());
      if (!category) err('项目类别', 'projects.unknownCategory', { value: v.category, allowed: L.categories.join('、') });
    } else if (!existing) category = L.categories.includes('其他') ? '其他' : L.categories[L.categories.length - 1];
    let stage: ProjectStage | null = null;
    if (v.stage !== undefined) { stage = stageOf(v.stage); if (!stage) err('项目阶段', 'projects.badStage', { value: v.stage }); }
    let yearToDate: number | undefined;
    if (ytdCol && v.completedToDate !== undefined) {
      const n = toWan(v.completedToDate, ledger.units.completedToDate);
      if (n === null || n < 0) err(ytdCol.label, 'projects.badAmount', { value: v.completedToDate });
      else if (n > 0) yearToDate = round2(n); // 0 is no figure
    }
    if (errors.length > before) continue;
    const notStarted = (s: ProjectStage, start: string | null | undefined) => yearToDate !== undefined && !isStarted(s, start)
      && !!errors.push({ row, field: ytdCol!.label, code: 'projects.ledgerNotStarted', params: { column: ytdCol!.label, value: yearToDate } });

    const input: NewProject = {
      name, projectCode: code ?? undefined, category: category!, industryCode: v.industryCode, townshipCode, ownerName: v.ownerName,
      ownerCreditCode: v.ownerCreditCode?.replace(/\s/g, '').toUpperCase(), content: v.content, totalInvestment: total!, yearPlan, plannedStart, actualStart,
      plannedCompletion, actualCompletion, leaderUserId, leadUnitId: leadUnitId!, taskForce: v.taskForce, planSummary: v.planSummary,
    };
    // A new project enters at the stage written, else as far as its facts show (started → 在建, coded → 前期, else 储备).
    const entry = stage ?? (actualStart ? 'construction' : code ? 'preparation' : 'reserve');
    let stageChange: ProjectStage | null = null;
    const rowErr = (fe: FieldError[]) => { for (const e of fe) errors.push({ ...e, row }); };
    const labelOf: Record<string, string> = { projectCode: '投资项目统一代码', ownerCreditCode: '统一社会信用代码', industryCode: '行业代码', plannedStart: '计划开工时间', actualStart: '实际开工时间', plannedCompletion: '计划竣工时间', actualCompletion: '实际竣工时间', totalInvestment: '总投资', yearPlan: '年度计划投资' };
    const named = (fe: FieldError[]) => fe.map((e) => ({ ...e, field: labelOf[e.field] ?? e.field }));
    if (existing) {
      if (stage && stage !== existing.stage) {
        if (!canMove(existing.stage as ProjectStage, stage)) {
          rowErr([{ field: '项目阶段', code: 'projects.illegalMove', params: { from: PROJECT_STAGE_LABELS[existing.stage as ProjectStage]['zh-CN'], to: PROJECT_STAGE_LABELS[stage]['zh-CN'], allowed: allowedMoves(existing.stage as ProjectStage).map((s) => PROJECT_STAGE_LABELS[s]['zh-CN']).join('、') || '—' } }]);
          continue;
        }
        stageChange = stage;
      }
      const facts = { projectCode: code ?? existing.projectCode, actualStart: actualStart ?? existing.actualStart, actualCompletion: actualCompletion ?? existing.actualCompletion };
      const fe = projectFactErrors({ ...input, ...facts, stage: stageChange ?? existing.stage, totalInvestment: total ?? null, yearPlan: yearPlan ?? null }, t)
        .filter((e) => e.field !== 'projectCode' || code || e.code !== 'projects.codeRequired' || stageChange);
      if (fe.length) { rowErr(named(fe)); continue; }
      if (notStarted(stageChange ?? existing.stage as ProjectStage, facts.actualStart)) continue;
      ops.push({ row, existingId: existing.id, version: existing.version, input, stageChange, yearToDate });
    } else {
      const fe = projectFactErrors({ ...input, stage: entry, yearPlan: yearPlan ?? null }, t);
      if (fe.length) { rowErr(named(fe)); continue; }
      if (notStarted(entry, actualStart)) continue;
      ops.push({ row, existingId: null, version: 0, input: { ...input, stage: entry }, stageChange: null, yearToDate });
    }
  }
  return { ops, errors };
}

/** The 1-N月 column: which month it goes to, or why not (a note; an error when the month has not begun). */
function yearToDateColumn(ctx: Ctx, ledger: Awaited<ReturnType<typeof readLedger<LedgerKey>>>, notes: string[], errors: (FieldError & { row: number })[]): YearToDateColumn | null {
  const header = ledger.headerText.completedToDate;
  if (!header) return null;
  const label = header.replace(/[\s（(]*(亿元|万元|元)[)）]?\s*$/, '').trim() || header;
  const period = ledgerPeriod(label, ledger.titleText, thisYear(ctx));
  if (!period && monthOnlyHeader(label)) {
    notes.push(`“${label}”列：该列是当月数还是累计数无法确定，未导入（累计数请写作“1-N月完成投资”或“N月末累计完成投资”） / the column "${label}": whether it is the month's own figure or the year to date cannot be told, so it is not imported (write "1-N月完成投资" or "N月末累计完成投资" for the year to date)`);
    return null;
  }
  if (!period) {
    notes.push(`“${label}”列没有注明月份（应为“1-N月完成投资”），无法计入月报，未导入 / the column "${label}" names no month (write "1-N月完成投资"): it cannot go into a month's report and is not imported`);
    return null;
  }
  if (period > periodOf(today(ctx))) {
    errors.push({ row: ledger.headerRow, field: label, code: 'projects.ledgerFuturePeriod', params: { column: label, period } });
    return null;
  }
  const unit = ledger.units.completedToDate ?? '万元';
  notes.push(`“${label}”列（${unit}）按 ${period.slice(0, 4)}年${Number(period.slice(5, 7))}月的 1-N月完成投资计入月报：当月数 = 该数减去本年此前各月已报数 / the column "${label}" (${unit}) goes into the ${period} monthly reports as the year-to-date figure; the month's figure is it minus the year's earlier months`);
  return { label, period };
}

export async function importLedger(ctx: Ctx, actor: Actor, buffer: Buffer, commit: boolean): Promise<ImportOutcome> {
  authorize(actor, 'projects.manage');
  await requireLibrary(ctx, ctx.db, actor);
  const ledger = await readLedger(buffer, LEDGER_COLUMNS, { maxRows: 20000 });
  const notes: string[] = [];
  const columnErrors: (FieldError & { row: number })[] = [];
  const ytdCol = yearToDateColumn(ctx, ledger, notes, columnErrors);
  const run = async (db: Trx) => {
    const L = await lookups(ctx, db, actor);
    const planned = planRows(ctx, L, ledger, ytdCol);
    const errors = [...columnErrors, ...planned.errors];
    // What each 1-N月 figure will do to the reports, checked for all existing projects at once (recordYearToDate's rule).
    const reports = { period: ytdCol?.period ?? null, created: 0, corrected: 0, unchanged: 0 };
    const reportChanges: ReportChange[] = [];
    const refused = new Set<Op>();
    if (ytdCol) {
      const withFigure = planned.ops.filter((o) => o.yearToDate !== undefined);
      const base = await ledgerBaseline(db, withFigure.filter((o) => o.existingId).map((o) => o.existingId!), ytdCol.period);
      for (const o of withFigure) {
        const b = o.existingId ? base.get(o.existingId) : undefined;
        const amount = monthFromYearToDate(o.yearToDate!, [b?.earlier ?? 0]);
        if (amount < 0) {
          errors.push({ row: o.row, field: ytdCol.label, code: 'projectReport.ledgerBelowReports', params: { period: ytdCol.period, reported: b!.earlier, value: o.yearToDate } });
          refused.add(o);
        } else if (b?.current === null || b?.current === undefined) {
          reports.created++;
          reportChanges.push({ row: o.row, name: o.input.name, period: ytdCol.period, action: 'create', before: null, after: amount });
        } else if (b.current === amount) reports.unchanged++;
        else {
          reports.corrected++;
          reportChanges.push({ row: o.row, name: o.input.name, period: ytdCol.period, action: 'correct', before: b.current, after: amount });
        }
      }
      errors.sort((a, b) => a.row - b.row);
    }
    const ops = planned.ops.filter((o) => !refused.has(o));
    const serialOf = new Map([...L.byName.values()].map((p) => [p.id, p.serial]));
    const preview: ImportPreviewRow[] = ops.map((o) => ({ row: o.row, name: o.input.name, action: o.existingId ? 'update' : 'create', serial: o.existingId ? serialOf.get(o.existingId) ?? null : null, totalInvestment: o.input.totalInvestment ?? null, stage: o.stageChange ?? (o.input.stage ?? null) }));
    return { L, ops, errors, preview, reports, reportChanges };
  };
  const outcome = (r: Awaited<ReturnType<typeof run>>, created: number, updated: number, reports = r.reports, reportChanges = r.reportChanges): ImportOutcome => ({
    total: ledger.rows.length, created, updated, errors: r.errors, preview: r.preview, skippedRows: ledger.skipped, headerRows: ledger.headerRows,
    units: Object.fromEntries(Object.entries(ledger.units).filter(([k]) => k !== 'completedToDate' || ytdCol)) as Record<string, MoneyUnit>, notes, reports,
    reportChanges,
  });
  if (!commit) {
    const r = await run(ctx.db);
    return outcome(r, r.ops.filter((o) => !o.existingId).length, r.ops.filter((o) => o.existingId).length);
  }
  class Abort extends Error { constructor(readonly result: ImportOutcome) { super('abort'); } }
  // Each filed month needs its due date from the working calendar: built once here, outside the transaction, it is kept
  // (calendar/service.ts) and every row inside reads it instead of rebuilding it.
  if (ytdCol) await loadCalendar(ctx);
  try {
    return await inTransaction(ctx, async (trx) => {
      const r = await run(trx);
      if (r.errors.length) throw new Abort(outcome(r, 0, 0, { period: r.reports.period, created: 0, corrected: 0, unchanged: 0 }, []));
      const rights = await libraryRights(ctx, trx, actor);
      const t = today(ctx);
      let created = 0;
      let updated = 0;
      const reports = { period: r.reports.period, created: 0, corrected: 0, unchanged: 0 };
      for (const op of r.ops) {
        let id = op.existingId;
        if (!id) {
          id = await insertProject(ctx, trx, actor, op.input);
          created++;
        } else {
          const patch = Object.fromEntries(Object.entries(op.input).filter(([, x]) => x !== undefined)) as any;
          await patchProject(ctx, trx, actor, id, { ...patch, version: op.version, planYear: thisYear(ctx) }, rights);
          updated++;
        }
        if (op.stageChange) {
          const cur = await trx.selectFrom('projects').select(['stage', 'version', 'stageSince', 'actualStart', 'actualCompletion']).where('id', '=', id).executeTakeFirstOrThrow();
          let on = op.stageChange === 'construction' ? cur.actualStart ?? t : op.stageChange === 'completed' ? cur.actualCompletion ?? t : t;
          if (on < cur.stageSince) on = cur.stageSince;
          await repo.updateProject(trx, id, cur.version, { stage: op.stageChange, stageSince: on, updatedAt: ctx.clock.now().toISOString() });
          await trx.insertInto('projectStageMoves').values({ id: newId(), projectId: id, fromStage: cur.stage, toStage: op.stageChange, movedOn: on, actorId: actor.userId, comment: '台账导入 ledger import', createdAt: ctx.clock.now().toISOString() }).execute();
        }
        if (ytdCol && op.yearToDate !== undefined) reports[await recordYearToDate(ctx, trx, actor, id, ytdCol.period, op.yearToDate)]++;
      }
      await audit(ctx, trx, actor, { action: 'project.import', entityType: 'project', after: { rows: ledger.rows.length, created, updated, units: ledger.units, reports } });
      return outcome(r, created, updated, reports);
    });
  } catch (e) {
    if (e instanceof Abort) return e.result;
    throw e;
  }
}
