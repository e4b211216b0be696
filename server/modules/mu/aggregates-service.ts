// Aggregates of a published 亩均 run (统计分析): class counts by township, park and industry; 亩均税收 and 亩均增加值 by
// township and industry (Σ over Σ of the run's own snapshot figures); the class moves against last year's published
// run; the distribution of scores. Each also as an Excel sheet. Readers see the enterprises of their scope only.
import type { Ctx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { authorize } from '../../platform/access/policies.js';
import { writeTable, type ExportColumn } from '../../platform/excel/excel.js';
import { publishedRun, publishedRuns } from './runs-read.js';
import { inMuScope, muReadScope, readRegion } from './policies-access.js';
import { MU_CLASSES } from './policies-rules.js';
import { landOf } from './rules.js';
import { classKey, divisionName, histogram, industryDivision, perMu, transitions, TRANSITION_KEYS } from './aggregates-rules.js';
import type { AnalysisFilter, AnalysisTable, ClassCountRowView, PerMuRowView } from './aggregates-schemas.js';

type RunRef = { id: string; year: number; publishedAt: string | null };
interface Row {
  enterpriseId: string; townshipCode: string | null; townshipName: string | null; park: string | null; industryCode: string | null;
  groupKey: string; groupName: string; evaluated: boolean; class: string | null; total: number | null;
}

export async function analysisYears(ctx: Ctx, actor: Actor, f: Pick<AnalysisFilter, 'regionCode'>) {
  authorize(actor, 'enterprises.read');
  const runs = await publishedRuns(ctx, ctx.db, readRegion(actor, f.regionCode));
  if (!runs.length) return [];
  const info = await ctx.db.selectFrom('muRuns').select(['id', 'publishedAt']).where('id', 'in', runs.map((r) => r.id)).execute();
  const at = new Map(info.map((r) => [r.id, r.publishedAt]));
  return runs.map((r) => ({ year: r.year, runId: r.id, publishedAt: at.get(r.id) ?? null }));
}

async function runOf(ctx: Ctx, region: string, year: number | undefined): Promise<RunRef | null> {
  const y = year ?? (await publishedRuns(ctx, ctx.db, region))[0]?.year;
  if (y === undefined) return null;
  const r = await publishedRun(ctx, ctx.db, region, y);
  if (!r) return null;
  const info = await ctx.db.selectFrom('muRuns').select(['id', 'year', 'publishedAt']).where('id', '=', r.id).executeTakeFirstOrThrow();
  return { id: info.id, year: Number(info.year), publishedAt: info.publishedAt };
}

async function rowsOf(ctx: Ctx, actor: Actor, runId: string): Promise<Row[]> {
  const scope = await muReadScope(ctx, ctx.db, actor);
  const rows = await ctx.db.selectFrom('muResults as r').leftJoin('regions as t', 't.code', 'r.townshipCode')
    .select(['r.enterpriseId', 'r.townshipCode', 't.name as townshipName', 'r.park', 'r.industryCode', 'r.groupKey', 'r.groupName', 'r.evaluated', 'r.class', 'r.total'])
    .where('r.runId', '=', runId).where((eb) => inMuScope(eb, scope, 'r.township_code'))
    .execute();
  return rows.map((r) => ({
    ...r, townshipName: r.townshipName ?? null, evaluated: !!Number(r.evaluated), total: r.total === null ? null : Number(r.total),
  }));
}

async function context(ctx: Ctx, actor: Actor, f: AnalysisFilter) {
  authorize(actor, 'enterprises.read');
  const region = readRegion(actor, f.regionCode);
  const run = await runOf(ctx, region, f.year);
  return { region, run, rows: run ? await rowsOf(ctx, actor, run.id) : [] };
}

const NONE = '（未填）';
function dimension(by: 'township' | 'park' | 'industry', r: Row): { key: string | null; name: string } {
  if (by === 'township') return { key: r.townshipCode, name: r.townshipName ?? r.townshipCode ?? NONE };
  if (by === 'park') return { key: r.park?.trim() || null, name: r.park?.trim() || NONE };
  const d = industryDivision(r.industryCode);
  return { key: d, name: d ? `${d} ${divisionName(d)}` : NONE };
}

/** Groups first by name (Chinese order), the "not filled in" group last. */
const byName = (a: { key: string | null; name: string }, b: { key: string | null; name: string }) =>
  (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) || (a.key && b.key && /^\d+$/.test(a.key) && /^\d+$/.test(b.key) ? a.key.localeCompare(b.key) : a.name.localeCompare(b.name, 'zh-CN'));

const emptyCounts = (key: string | null, name: string): ClassCountRowView => ({ key, name, A: 0, B: 0, C: 0, D: 0, notEvaluated: 0, total: 0 });

function countClasses(rows: Row[], by: 'township' | 'park' | 'industry') {
  const groups = new Map<string, ClassCountRowView>();
  const totals = emptyCounts(null, '合计');
  for (const r of rows) {
    const d = dimension(by, r);
    const k = d.key ?? '';
    let g = groups.get(k);
    if (!g) groups.set(k, (g = emptyCounts(d.key, d.name)));
    for (const x of [g, totals]) {
      x.total++;
      const c = classKey(r.class);
      if (!r.evaluated) x.notEvaluated++;
      else if (c !== 'none') x[c]++;
    }
  }
  return { rows: [...groups.values()].sort(byName), totals };
}

export async function classCounts(ctx: Ctx, actor: Actor, f: AnalysisFilter & { by: 'township' | 'park' | 'industry' }) {
  const { run, rows } = await context(ctx, actor, f);
  return { run, by: f.by, ...countClasses(rows, f.by) };
}

export const PER_MU_METHOD = '合计税收（增加值）÷ 合计用地面积（参评企业，按评价时的数据快照），非各企业亩均值的平均数 — Σ tax (value added) ÷ Σ land of the evaluated enterprises, from the run\'s data snapshot; not the mean of the enterprises\' ratios';

/**
 * The run's own figures per enterprise (tax, value added, land = 自然资源局 land_area else the registry's land), read
 * from the data snapshot stored with the run, so the aggregate reproduces the run even after data were corrected.
 */
async function snapshotFigures(ctx: Ctx, runId: string): Promise<Map<string, { tax: number | null; valueAdded: number | null; land: number | null }>> {
  const r = await ctx.db.selectFrom('muRuns').select('snapshotJson').where('id', '=', runId).executeTakeFirstOrThrow();
  const parsed = JSON.parse(r.snapshotJson) as unknown;
  // { year, enterprises: SnapshotEnterprise[], adjustments } as runs.ts stores it (a bare array is read too).
  const list: any[] = Array.isArray(parsed) ? parsed : Array.isArray((parsed as any)?.enterprises) ? (parsed as any).enterprises : [];
  const out = new Map<string, { tax: number | null; valueAdded: number | null; land: number | null }>();
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  for (const e of list) {
    if (!e || typeof e.id !== 'string') continue;
    const data = e.data ?? {};
    // The land the scoring engine used (rules.ts landOf): 自然资源局's land_area if sent, else the registry's own.
    out.set(e.id, { tax: num(data.tax), valueAdded: num(data.value_added), land: landOf({ data: { land_area: num(data.land_area) ?? undefined }, landAreaMu: num(e.landAreaMu) }) });
  }
  return out;
}

function perMuRows(rows: Row[], figures: Awaited<ReturnType<typeof snapshotFigures>>, by: 'township' | 'industry') {
  const groups = new Map<string, { key: string | null; name: string; items: { tax: number | null; valueAdded: number | null; land: number | null }[] }>();
  const all: { tax: number | null; valueAdded: number | null; land: number | null }[] = [];
  for (const r of rows) {
    if (!r.evaluated) continue;
    const fig = figures.get(r.enterpriseId);
    if (!fig) continue;
    const d = dimension(by, r);
    let g = groups.get(d.key ?? '');
    if (!g) groups.set(d.key ?? '', (g = { ...d, items: [] }));
    g.items.push(fig); all.push(fig);
  }
  const line = (key: string | null, name: string, items: typeof all): PerMuRowView => {
    const t = perMu(items.map((i) => ({ amount: i.tax, land: i.land })));
    const v = perMu(items.map((i) => ({ amount: i.valueAdded, land: i.land })));
    const land = perMu(items.map((i) => ({ amount: 0, land: i.land })));
    return { key, name, enterprises: land.counted, tax: t.amount, valueAdded: v.amount, land: land.land, perMuTax: t.ratio, perMuValueAdded: v.ratio };
  };
  return { rows: [...groups.values()].sort(byName).map((g) => line(g.key, g.name, g.items)), totals: line(null, '合计', all) };
}

export async function perMuTable(ctx: Ctx, actor: Actor, f: AnalysisFilter & { by: 'township' | 'industry' }) {
  const { run, rows } = await context(ctx, actor, f);
  if (!run) return { run, by: f.by, method: PER_MU_METHOD, rows: [], totals: line0() };
  return { run, by: f.by, method: PER_MU_METHOD, ...perMuRows(rows, await snapshotFigures(ctx, run.id), f.by) };
}
const line0 = (): PerMuRowView => ({ key: null, name: '合计', enterprises: 0, tax: 0, valueAdded: 0, land: 0, perMuTax: null, perMuValueAdded: null });

export async function transitionTable(ctx: Ctx, actor: Actor, f: AnalysisFilter) {
  const { region, run, rows } = await context(ctx, actor, f);
  const empty = transitions(new Map(), new Map());
  if (!run) return { run, previousRun: null, keys: [...TRANSITION_KEYS], ...empty };
  const previousRun = await runOf(ctx, region, run.year - 1);
  const prevRows = previousRun ? await rowsOf(ctx, actor, previousRun.id) : [];
  const t = transitions(new Map(prevRows.map((r) => [r.enterpriseId, r.class])), new Map(rows.map((r) => [r.enterpriseId, r.class])));
  return { run, previousRun, keys: [...TRANSITION_KEYS], ...t };
}

export async function scoreDistribution(ctx: Ctx, actor: Actor, f: AnalysisFilter & { bins?: number; groupKey?: string }) {
  const { run, rows } = await context(ctx, actor, f);
  const evaluated = rows.filter((r) => r.evaluated && r.total !== null);
  const groups = new Map<string, { key: string; name: string; count: number }>();
  for (const r of evaluated) {
    const g = groups.get(r.groupKey) ?? { key: r.groupKey, name: r.groupName, count: 0 };
    g.count++; groups.set(r.groupKey, g);
  }
  const list = [...groups.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN'));
  // Scores of different groups are on different scales: one group at a time, the largest unless asked.
  const groupKey = f.groupKey ?? list[0]?.key ?? null;
  const chosen = evaluated.filter((r) => r.groupKey === groupKey);
  const totals = chosen.map((r) => r.total!).sort((a, b) => a - b);
  const mid = totals.length >> 1;
  const median = totals.length ? (totals.length % 2 ? totals[mid] : (totals[mid - 1] + totals[mid]) / 2) : null;
  const mean = totals.length ? totals.reduce((a, b) => a + b, 0) / totals.length : null;
  return { run, groups: list, groupKey, count: totals.length, mean, median, bins: histogram(chosen, f.bins ?? 10) };
}

// ---- Excel ----

const TABLE_TITLES: Record<AnalysisTable, string> = {
  'classes-township': '分乡镇（街道）评价等级统计', 'classes-park': '分园区评价等级统计', 'classes-industry': '分行业评价等级统计',
  'per-mu-township': '分乡镇（街道）亩均效益', 'per-mu-industry': '分行业亩均效益', transitions: '评价等级年度变动', scores: '综合得分分布',
};
const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

export async function exportAnalysis(ctx: Ctx, actor: Actor, f: AnalysisFilter & { table: AnalysisTable; bins?: number; groupKey?: string }): Promise<{ buffer: Buffer; filename: string }> {
  const t = f.table;
  let buffer: Buffer; let year: number | null = null;
  if (t.startsWith('classes-')) {
    const by = t.slice('classes-'.length) as 'township' | 'park' | 'industry';
    const r = await classCounts(ctx, actor, { ...f, by });
    year = r.run?.year ?? null;
    const cols: ExportColumn<ClassCountRowView>[] = [
      { header: by === 'township' ? '乡镇（街道）' : by === 'park' ? '园区' : '行业（GB/T 4754 大类）', width: 30, value: (x) => x.name },
      ...MU_CLASSES.map((c) => ({ header: `${c} 类`, width: 8, value: (x: ClassCountRowView) => x[c] })),
      { header: '不定等级', width: 10, value: (x) => x.notEvaluated }, { header: '合计', width: 8, value: (x) => x.total },
    ];
    buffer = await writeTable(TABLE_TITLES[t], `${year ?? ''}年度${TABLE_TITLES[t]}`, cols, [...r.rows, r.totals]);
  } else if (t.startsWith('per-mu-')) {
    const by = t.slice('per-mu-'.length) as 'township' | 'industry';
    const r = await perMuTable(ctx, actor, { ...f, by });
    year = r.run?.year ?? null;
    buffer = await writeTable(TABLE_TITLES[t], `${year ?? ''}年度${TABLE_TITLES[t]}（合计 ÷ 合计）`, [
      { header: by === 'township' ? '乡镇（街道）' : '行业（GB/T 4754 大类）', width: 30, value: (x: PerMuRowView) => x.name },
      { header: '参评企业数', width: 10, value: (x) => x.enterprises },
      { header: '用地面积（亩）', width: 14, value: (x) => round2(x.land), numFmt: '#,##0.00' },
      { header: '实缴税金（万元）', width: 16, value: (x) => round2(x.tax), numFmt: '#,##0.00' },
      { header: '工业增加值（万元）', width: 16, value: (x) => round2(x.valueAdded), numFmt: '#,##0.00' },
      { header: '亩均税收（万元/亩）', width: 16, value: (x) => round2(x.perMuTax), numFmt: '#,##0.00' },
      { header: '亩均增加值（万元/亩）', width: 18, value: (x) => round2(x.perMuValueAdded), numFmt: '#,##0.00' },
    ], [...r.rows, r.totals]);
  } else if (t === 'transitions') {
    const r = await transitionTable(ctx, actor, f);
    year = r.run?.year ?? null;
    const label = (k: string) => (k === 'none' ? '未评价/不在名单' : `${k} 类`);
    const rows = r.keys.map((from) => ({ from, ...r.counts[from as keyof typeof r.counts] }));
    buffer = await writeTable(TABLE_TITLES[t], `${TABLE_TITLES[t]}（${r.previousRun?.year ?? (year ?? 0) - 1} 年 → ${year ?? ''} 年）`, [
      { header: `上年等级 \\ 本年等级`, width: 22, value: (x: any) => label(x.from) },
      ...r.keys.map((to) => ({ header: label(to), width: 14, value: (x: any) => x[to] as number })),
    ], rows);
  } else {
    const r = await scoreDistribution(ctx, actor, f);
    year = r.run?.year ?? null;
    const group = r.groups.find((g) => g.key === r.groupKey)?.name ?? '';
    buffer = await writeTable(TABLE_TITLES[t], `${year ?? ''}年度${TABLE_TITLES[t]}（${group}）`, [
      { header: '得分区间', width: 16, value: (b: (typeof r.bins)[number]) => `${b.from}–${b.to}` },
      { header: '企业数', width: 10, value: (b) => b.total },
      ...MU_CLASSES.map((c) => ({ header: `其中 ${c} 类`, width: 10, value: (b: (typeof r.bins)[number]) => b.byClass[c] })),
    ], r.bins);
  }
  return { buffer, filename: `${year ?? ''}年度${TABLE_TITLES[t]}.xlsx` };
}
