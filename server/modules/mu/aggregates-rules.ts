// Aggregates of a published 亩均 run, as pure rules: per-mu figures of a group of enterprises, the year-on-year class
// transition table and the score histogram. The service reads the rows; these decide what the numbers mean.
import { MU_CLASSES, type MuClass } from './policies-rules.js';

/**
 * 亩均税收 (or 亩均增加值) of a group = the group's total tax ÷ the group's total land — sum over sum, NOT the mean of
 * the enterprises' own ratios (a 2-亩 workshop with a high ratio would otherwise weigh as much as a 200-亩 plant).
 * Enterprises without land (or without the figure) are left out of both sums. Null when no land is left.
 */
export function perMu(rows: readonly { amount: number | null; land: number | null }[]): { amount: number; land: number; ratio: number | null; counted: number } {
  let amount = 0; let land = 0; let counted = 0;
  for (const r of rows) {
    if (r.amount === null || r.land === null || !Number.isFinite(r.amount) || !Number.isFinite(r.land) || r.land <= 0) continue;
    amount += r.amount; land += r.land; counted++;
  }
  return { amount, land, ratio: land > 0 ? amount / land : null, counted };
}

/** Row/column keys of the transition table: the four classes, then "not classed" (not evaluated, or not in the run). */
export const TRANSITION_KEYS = [...MU_CLASSES, 'none'] as const;
export type TransitionKey = typeof TRANSITION_KEYS[number];
export const classKey = (c: string | null | undefined): TransitionKey => (c && (MU_CLASSES as readonly string[]).includes(c) ? (c as MuClass) : 'none');

export interface TransitionTable {
  /** counts[from][to]: enterprises in class `from` last year and `to` this year. */
  counts: Record<TransitionKey, Record<TransitionKey, number>>;
  up: number; down: number; same: number;
}

const rank: Record<MuClass, number> = { A: 0, B: 1, C: 2, D: 3 };

/**
 * Class moves between last year's and this year's published runs, by enterprise. An enterprise in only one of the two
 * runs (new, closed) is counted against 'none'. up/down/same count only the enterprises classed in both years.
 */
export function transitions(previous: ReadonlyMap<string, string | null>, current: ReadonlyMap<string, string | null>): TransitionTable {
  const counts = Object.fromEntries(TRANSITION_KEYS.map((f) => [f, Object.fromEntries(TRANSITION_KEYS.map((t) => [t, 0]))])) as TransitionTable['counts'];
  let up = 0; let down = 0; let same = 0;
  const ids = new Set([...previous.keys(), ...current.keys()]);
  for (const id of ids) {
    const from = classKey(previous.get(id)); const to = classKey(current.get(id));
    counts[from][to]++;
    if (from !== 'none' && to !== 'none') {
      if (rank[to] < rank[from]) up++; else if (rank[to] > rank[from]) down++; else same++;
    }
  }
  return { counts, up, down, same };
}

export interface HistogramBin { from: number; to: number; total: number; byClass: Record<MuClass, number> }

/**
 * Distribution of total scores in `bins` equal bins from the lowest to the highest score, each bin [from, to) except
 * the last, which includes its top. Scores are rounded outward to whole points so the bins read cleanly (60–65).
 * Null or non-finite scores are not counted.
 */
export function histogram(scores: readonly { total: number | null; class: string | null }[], bins = 10): HistogramBin[] {
  const vals = scores.filter((s): s is { total: number; class: string | null } => s.total !== null && Number.isFinite(s.total));
  if (!vals.length) return [];
  let lo = Math.floor(Math.min(...vals.map((v) => v.total)));
  let hi = Math.ceil(Math.max(...vals.map((v) => v.total)));
  if (hi === lo) {
    const byClass = { A: 0, B: 0, C: 0, D: 0 };
    for (const v of vals) { const k = classKey(v.class); if (k !== 'none') byClass[k]++; }
    return [{ from: lo, to: lo + 1, total: vals.length, byClass }];
  }
  const n = Math.max(1, Math.min(50, Math.floor(bins)));
  const raw = (hi - lo) / n;
  // A step of whole points (or halves below 1) when the range allows: 0–10, 10–20 rather than 0–9.7, 9.7–19.4.
  const step = raw >= 1 ? Math.ceil(raw) : Math.ceil(raw * 10) / 10;
  lo = Math.floor(lo / step) * step;
  const count = Math.max(1, Math.ceil((hi - lo) / step - 1e-9));
  hi = lo + count * step;
  const out: HistogramBin[] = Array.from({ length: count }, (_, i) => ({
    from: round(lo + i * step), to: round(lo + (i + 1) * step), total: 0, byClass: { A: 0, B: 0, C: 0, D: 0 },
  }));
  for (const v of vals) {
    const i = Math.min(count - 1, Math.floor((v.total - lo) / step + 1e-9));
    out[i].total++;
    const k = classKey(v.class);
    if (k !== 'none') out[i].byClass[k]++;
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** GB/T 4754-2017 divisions (大类) of mining, manufacturing and utilities: the industry aggregates group by these. */
const DIVISIONS: Record<string, string> = {
  '06': '煤炭开采和洗选业', '07': '石油和天然气开采业', '08': '黑色金属矿采选业', '09': '有色金属矿采选业', '10': '非金属矿采选业',
  '11': '开采专业及辅助性活动', '12': '其他采矿业', '13': '农副食品加工业', '14': '食品制造业', '15': '酒、饮料和精制茶制造业',
  '16': '烟草制品业', '17': '纺织业', '18': '纺织服装、服饰业', '19': '皮革、毛皮、羽毛及其制品和制鞋业',
  '20': '木材加工和木、竹、藤、棕、草制品业', '21': '家具制造业', '22': '造纸和纸制品业', '23': '印刷和记录媒介复制业',
  '24': '文教、工美、体育和娱乐用品制造业', '25': '石油、煤炭及其他燃料加工业', '26': '化学原料和化学制品制造业', '27': '医药制造业',
  '28': '化学纤维制造业', '29': '橡胶和塑料制品业', '30': '非金属矿物制品业', '31': '黑色金属冶炼和压延加工业',
  '32': '有色金属冶炼和压延加工业', '33': '金属制品业', '34': '通用设备制造业', '35': '专用设备制造业', '36': '汽车制造业',
  '37': '铁路、船舶、航空航天和其他运输设备制造业', '38': '电气机械和器材制造业', '39': '计算机、通信和其他电子设备制造业',
  '40': '仪器仪表制造业', '41': '其他制造业', '42': '废弃资源综合利用业', '43': '金属制品、机械和设备修理业',
  '44': '电力、热力生产和供应业', '45': '燃气生产和供应业', '46': '水的生产和供应业',
};

/** The division (大类) of an industry code: 'C3411' or '3411' → '34'; null when there is none. */
export function industryDivision(code: string | null | undefined): string | null {
  const m = /^[A-Za-z]?(\d{2})/.exec(code?.trim() ?? '');
  return m ? m[1] : null;
}

export const divisionName = (division: string): string => DIVISIONS[division] ?? `行业 ${division}`;
