// A run's results as a workbook: 评价结果 (evaluated enterprises by group and rank, each indicator's value and points,
// bonus/deduction points, total, class and the reason in words), 不参评企业 (with the reason) and 评价说明 (scheme and
// version, data snapshot time, the class rule with rounding and ties, draft or published). Access as for the results
// list: getRun (runs.ts) decides whether the actor may read the run at all (draft: the office only), and a township
// reads the rows of its own enterprises only (muReach, as runs.ts's results queries).
import type { Ctx } from '../../context.js';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDateTime } from '../../platform/clock.js';
import { writeWorkbook } from '../../platform/excel/workbook.js';
import { getRun, type StoredScheme } from './runs.js';
import { muReach } from './scope.js';
import { itemRule } from './adjustments-import.js';
import type { MuClass } from './rules.js';

interface Item { key: string; value: number | null; points: number; capped?: boolean; missing?: boolean }
interface Adj { name: string; points: number; forceClass: string | null }
interface Row {
  enterpriseId: string; creditCode: string; name: string; groupKey: string; groupName: string; townshipName: string | null; industryCode: string | null;
  evaluated: boolean; exclusionReason: string | null; rank: number | null; class: MuClass | null; forcedReason: string | null;
  items: Item[]; adjustments: Adj[]; adjustmentPoints: number | null; total: number | null; classWhy: string | null;
}

const round = (n: number | null | undefined, d: number) => (n == null || !Number.isFinite(n) ? null : Math.round(n * 10 ** d) / 10 ** d);
const signed = (n: number) => `${n > 0 ? '+' : ''}${round(n, 2)}`;
/** ISO time → 2026-11-29 14:05 in Asia/Shanghai. */
const shanghai = (s: string | null) => (s ? shanghaiDateTime(s) : '—');

/**
 * The drawer's explanation in one cell: the class reason, the bonuses and deductions, items capped or without data.
 * Indicator names come from the run's groups by key (a stored item may keep only its numbers).
 */
function explain(r: Row, nameOf: (key: string) => string): string {
  const parts: string[] = [];
  // The group's counts (the same on every row, and in 评价说明) are left out: this enterprise's place and class stay.
  if (r.classWhy) parts.push(r.classWhy.includes('；本企业') ? r.classWhy.slice(r.classWhy.indexOf('；本企业') + 1) : r.classWhy);
  if (r.adjustments.length) parts.push(`加减分：${r.adjustments.map((a) => `${a.name} ${a.forceClass ? `直接定为 ${a.forceClass} 类` : signed(a.points)}`).join('、')}`);
  const missing = r.items.filter((i) => i.missing).map((i) => nameOf(i.key));
  if (missing.length) parts.push(`缺数据：${missing.join('、')}`);
  const capped = r.items.filter((i) => i.capped).map((i) => nameOf(i.key));
  if (capped.length) parts.push(`封顶：${capped.join('、')}`);
  const s = parts.join('；');
  return s.length > 240 ? `${s.slice(0, 239)}…` : s;
}

export async function exportRunResults(ctx: Ctx, actor: Actor, runId: string): Promise<{ filename: string; body: Buffer }> {
  const detail = await getRun(ctx, actor, runId); // 403/404 as the run page
  const reach = await muReach(ctx, ctx.db, actor);
  const townships = reach.kind === 'townships' ? reach.townships : null;
  const run = await ctx.db.selectFrom('muRuns').select(['schemeJson', 'createdAt']).where('id', '=', runId).executeTakeFirstOrThrow();
  const scheme = JSON.parse(run.schemeJson) as Partial<StoredScheme>;

  let q = ctx.db.selectFrom('muResults as m').leftJoin('regions as t', 't.code', 'm.townshipCode')
    .select(['m.enterpriseId', 'm.creditCode', 'm.name', 'm.groupKey', 'm.groupName', 't.name as townshipName', 'm.industryCode', 'm.evaluated',
      'm.exclusionReason', 'm.rank', 'm.class', 'm.forcedReason', 'm.detailJson'])
    .where('m.runId', '=', runId);
  if (townships) q = q.where('m.townshipCode', 'in', townships.length ? townships : ['-']);
  const raw = await q.orderBy('m.creditCode').execute();
  const rows: Row[] = raw.map((r) => {
    const d = JSON.parse(r.detailJson) as { items?: Item[]; adjustments?: Adj[]; adjustmentPoints?: number | null; total?: number | null; classWhy?: { zh: string } | null };
    return {
      enterpriseId: r.enterpriseId, creditCode: r.creditCode, name: r.name, groupKey: r.groupKey, groupName: r.groupName, townshipName: r.townshipName ?? null,
      industryCode: r.industryCode, evaluated: !!Number(r.evaluated), exclusionReason: r.exclusionReason, rank: r.rank == null ? null : Number(r.rank),
      class: r.class as MuClass | null, forcedReason: r.forcedReason, items: d.items ?? [], adjustments: d.adjustments ?? [],
      adjustmentPoints: d.adjustmentPoints ?? null, total: d.total ?? null, classWhy: d.classWhy?.zh ?? null,
    };
  });
  const groupOrder = new Map(detail.groups.map((g, i) => [g.key, i]));
  const evaluated = rows.filter((r) => r.evaluated)
    .sort((a, b) => (groupOrder.get(a.groupKey) ?? 99) - (groupOrder.get(b.groupKey) ?? 99) || (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.creditCode.localeCompare(b.creditCode));
  const excluded = rows.filter((r) => !r.evaluated);

  // One value column and one points column per indicator of any group, in the scheme's order.
  const indicators: { key: string; name: string; unit: string }[] = [];
  for (const g of detail.groups) for (const i of g.indicators) if (!indicators.some((x) => x.key === i.key)) indicators.push({ key: i.key, name: i.name, unit: i.unit });
  const labels = detail.classLabels as Record<MuClass, string>;
  const classText = (c: MuClass | null) => (c ? `${c}${labels[c] ? ` ${labels[c]}` : ''}` : '');
  const r = detail.run;
  const draft = r.status === 'draft';
  const status = draft ? '草稿' : '已发布';
  const scopeText = townships ? `本乡镇企业（${detail.townships.map((t) => t.name).join('、') || '—'}）` : '全部企业';

  const resultColumns = [
    { header: '排名', width: 8, value: (x: Row) => x.rank },
    { header: '统一社会信用代码', width: 22, value: (x: Row) => x.creditCode },
    { header: '企业名称', width: 30, value: (x: Row) => x.name },
    { header: '乡镇', width: 12, value: (x: Row) => x.townshipName },
    { header: '行业', width: 10, value: (x: Row) => x.industryCode },
    { header: '分组', width: 22, value: (x: Row) => x.groupName },
    ...indicators.flatMap((ind) => [
      { header: `${ind.name}${ind.unit ? `（${ind.unit}）` : ''}`, width: 16, value: (x: Row) => round(x.items.find((i) => i.key === ind.key)?.value, 4) },
      { header: `${ind.name}得分`, width: 12, value: (x: Row) => round(x.items.find((i) => i.key === ind.key)?.points, 2) },
    ]),
    { header: '加减分', width: 10, value: (x: Row) => round(x.adjustmentPoints, 2) },
    { header: '总分', width: 10, value: (x: Row) => round(x.total, 2) },
    { header: '类别', width: 16, value: (x: Row) => classText(x.class) },
    { header: '说明', width: 60, value: (x: Row) => explain(x, (k) => indicators.find((i) => i.key === k)?.name ?? k) },
  ];
  const excludedColumns = [
    { header: '统一社会信用代码', width: 22, value: (x: Row) => x.creditCode },
    { header: '企业名称', width: 30, value: (x: Row) => x.name },
    { header: '乡镇', width: 12, value: (x: Row) => x.townshipName },
    { header: '行业', width: 10, value: (x: Row) => x.industryCode },
    { header: '不参评原因', width: 50, value: (x: Row) => x.exclusionReason },
  ];
  const notes: [string, string][] = [
    ['评价年度', `${r.year}年度`],
    ['评价方案', `${r.schemeName}（第 ${r.schemeVersion} 版）`],
    ['状态', draft ? '草稿：仅亩均办可见，重新评价后会变化，不作为正式结果' : `已发布（${shanghai(r.publishedAt)}${r.publishedByName ? `，${r.publishedByName}` : ''}），结果冻结`],
    ['数据快照时间', `${shanghai(run.createdAt)}（评价时的企业库、年度数据和加减分录入；之后的修改不影响本次结果）`],
    ['企业数', `${r.enterpriseCount} 家，参评 ${r.evaluatedCount} 家，不参评 ${r.enterpriseCount - r.evaluatedCount} 家`],
    ...detail.groups.map((g): [string, string] => [`定档规则：${g.name}（${g.size} 家）`, g.ruleText.zh]),
    ['排名', '排名为分组内按总分的名次'],
    ['类别名称', (['A', 'B', 'C', 'D'] as const).map((c) => `${c} ${labels[c] || c}`).join('；')],
    ...(scheme.definition?.adjustments ?? []).map((a): [string, string] => [`加减分：${a.name}`, a.source === 'tenants' ? `${itemRule(a).replace(/（填次数\/个数）$/, '')}（按企业库租赁记录自动计算）` : itemRule(a).replace(/（填[^）]*）$/, '')]),
    ['导出范围', scopeText],
    ['导出时间', shanghai(ctx.clock.now().toISOString())],
  ];
  const body = await writeWorkbook([
    { name: '评价结果', title: `${r.year}年度亩均效益评价结果（${status}）`, columns: resultColumns, rows: evaluated },
    { name: '不参评企业', title: `${r.year}年度亩均效益评价不参评企业（${status}）`, columns: excludedColumns, rows: excluded },
    { name: '评价说明', title: `${r.year}年度亩均效益评价说明`, columns: [{ header: '项目', width: 28, value: (x: [string, string]) => x[0] }, { header: '内容', width: 100, value: (x: [string, string]) => x[1] }], rows: notes },
  ]);
  return { filename: `${r.year}年度亩均效益评价结果${draft ? '（草稿）' : ''}.xlsx`, body };
}
