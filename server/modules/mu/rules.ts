// 亩均论英雄 scoring engine, as pure rules: what a county's evaluation scheme holds (groups and their scope, exclusions,
// indicators with weights, benchmarks, caps and the rule for missing or non-positive values, bonus/deduction items,
// items that force a class, classes by rank shares or score cut-offs), its validation, and the evaluation of one data
// snapshot under one scheme: every enterprise's items, points, total, rank, class and the reasons in words.
// No database here: the service feeds the snapshot (enterprises/snapshot.ts) and the year's adjustment inputs in.
import { ENTERPRISE_FIELDS, ENTERPRISE_FIELD_INFO, type EnterpriseField } from '../../../common/enterprise-fields.js';
import type { FieldError } from '../../platform/errors.js';

export const MU_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type MuClass = typeof MU_CLASSES[number];

/** 'land' = the enterprise's land: the 自然资源局 figure (data.land_area) if sent, else the registry's own land (亩). */
export type Operand = EnterpriseField | 'land';

export const STANDARD_INDICATORS = {
  tax_per_mu: { zh: '亩均税收', en: 'Tax per mu', numerator: 'tax', denominator: 'land', unit: '万元/亩' },
  value_added_per_mu: { zh: '亩均增加值', en: 'Value added per mu', numerator: 'value_added', denominator: 'land', unit: '万元/亩' },
  value_added_per_energy: { zh: '单位能耗增加值', en: 'Value added per unit of energy', numerator: 'value_added', denominator: 'energy', unit: '万元/吨标准煤' },
  value_added_per_emission: { zh: '单位排放增加值', en: 'Value added per unit of emissions', numerator: 'value_added', denominator: 'emissions', unit: '万元/吨' },
  labour_productivity: { zh: '全员劳动生产率', en: 'Labour productivity', numerator: 'value_added', denominator: 'employees', unit: '万元/人' },
  rd_share: { zh: 'R&D经费支出占主营业务收入比重', en: 'R&D share of revenue', numerator: 'rd_expense', denominator: 'revenue', unit: '' },
  tax_per_electricity: { zh: '单位电耗税收', en: 'Tax per unit of electricity', numerator: 'tax', denominator: 'electricity', unit: '万元/万千瓦时' },
  revenue_per_mu: { zh: '亩均营业收入', en: 'Revenue per mu', numerator: 'revenue', denominator: 'land', unit: '万元/亩' },
} as const satisfies Record<string, { zh: string; en: string; numerator: Operand; denominator: Operand; unit: string }>;
export type StandardIndicator = keyof typeof STANDARD_INDICATORS;
export const STANDARD_INDICATOR_KEYS = Object.keys(STANDARD_INDICATORS) as StandardIndicator[];

export type Benchmark =
  | { mode: 'fixed'; value: number }
  /** The group's Σ numerator / Σ denominator (e.g. the group's total tax over its total land). */
  | { mode: 'groupRatio' }
  /** The mean of the group's values. */
  | { mode: 'mean' }
  /** `multiple` × last year's mean of the same group and indicator (from last year's published run). */
  | { mode: 'lastYear'; multiple: number };

export type MissingRule = { mode: 'zero' } | { mode: 'groupAverage' } | { mode: 'deduct'; points: number };

export interface IndicatorDef {
  /** A standard key (STANDARD_INDICATORS) or, with numerator/denominator, a custom key. */
  key: string;
  /** Custom indicators only: its name and the two data fields it divides. */
  name?: string | null;
  numerator?: Operand | null;
  denominator?: Operand | null;
  unit?: string | null;
  weight: number;
  /** Ratio method only (min–max ignores it). */
  benchmark: Benchmark;
  /** Points at most cap × weight (e.g. 1.5); null: no cap. Min–max never exceeds the weight. */
  cap: number | null;
  missing: MissingRule;
  /** A value ≤ 0 (a loss-making firm's value added): 'zero' scores 0; 'proportional' scores value/benchmark × weight (negative). */
  nonPositive: 'zero' | 'proportional';
}

export interface GroupScope {
  /** true: 规上 only; false: 规下 only; null: both. */
  aboveScale: boolean | null;
  /** Land (亩) at least this (e.g. 规下 ≥ 3 亩); null: no threshold. */
  minLandMu: number | null;
  /** Full years in production at the year's end at least this; null: no rule. */
  minYearsProducing: number | null;
  /** GB/T 4754 code prefixes (e.g. ['13','14']); empty: any industry. */
  industryPrefixes: string[];
}

export type ClassRule =
  /** Cumulative upper bounds of rank shares in percent: A top 20, B to 60, C to 95, D the rest. */
  | { mode: 'share'; A: number; B: number; C: number }
  /** Lowest total of each class: A ≥ 85, B ≥ 70, C ≥ 60, D below. */
  | { mode: 'cutoff'; A: number; B: number; C: number };

export interface GroupDef {
  key: string;
  name: string;
  scope: GroupScope;
  method: 'ratio' | 'minmax';
  indicators: IndicatorDef[];
  classes: ClassRule;
}

export interface ExclusionRule {
  key: string;
  /** Shown on the "not evaluated" list (e.g. 公用事业企业, 投产未满两年). */
  reason: string;
  industryPrefixes: string[];
  /** Excluded when in production for fewer full years than this at the year's end. */
  producingYearsBelow: number | null;
  creditCodes: string[];
}

export interface AdjustmentItem {
  key: string;
  name: string;
  /** 'tenants': the number of enterprises renting its plant that year (from the registry); 'input': entered per year. */
  source: 'tenants' | 'input';
  /** Points per unit beyond `freeUnits` (negative = deduction). */
  points: number;
  /** Points for the first counted unit, if different (规下 −10 for the first tenant, −5 each further). */
  firstPoints: number | null;
  freeUnits: number;
  /** When set, any quantity > 0 forces this class (严重环境违法 → D) instead of points. */
  forceClass: MuClass | null;
  /** Groups it applies to; empty: all. */
  groups: string[];
}

export interface SchemeDefinition {
  groups: GroupDef[];
  exclusions: ExclusionRule[];
  adjustments: AdjustmentItem[];
  /** How a share of the group becomes a number of enterprises: n × share rounded half up, down or up. */
  rounding: 'round' | 'floor' | 'ceil';
  /** Enterprises tied on the total across a class boundary all take the better class, or all the worse one. */
  ties: 'better' | 'worse';
  /** Display names of the classes (天台: A 优先发展类 …); empty text: the letter. */
  classLabels: Record<MuClass, string>;
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const OPERANDS = new Set<string>([...ENTERPRISE_FIELDS, 'land']);

/** Every reason the scheme cannot be used, each naming its field (e.g. groups/0/indicators: weights add up to 95). */
export function validateScheme(def: SchemeDefinition): FieldError[] {
  const errors: FieldError[] = [];
  if (!def.groups.length) errors.push({ field: 'groups', code: 'mu.scheme.noGroups' });
  const groupKeys = new Set<string>();
  def.groups.forEach((g, gi) => {
    const at = `groups/${gi}`;
    if (!g.key.trim()) errors.push({ field: `${at}/key`, code: 'invalid.required' });
    else if (groupKeys.has(g.key)) errors.push({ field: `${at}/key`, code: 'mu.scheme.duplicateKey', params: { key: g.key } });
    groupKeys.add(g.key);
    if (!g.name.trim()) errors.push({ field: `${at}/name`, code: 'invalid.required' });
    if (g.scope.minLandMu != null && !(isNum(g.scope.minLandMu) && g.scope.minLandMu >= 0)) errors.push({ field: `${at}/scope/minLandMu`, code: 'mu.scheme.nonNegative' });
    if (g.scope.minYearsProducing != null && !(isNum(g.scope.minYearsProducing) && g.scope.minYearsProducing >= 0)) errors.push({ field: `${at}/scope/minYearsProducing`, code: 'mu.scheme.nonNegative' });
    if (!g.indicators.length) errors.push({ field: `${at}/indicators`, code: 'mu.scheme.noIndicators' });
    const indKeys = new Set<string>();
    let sum = 0;
    g.indicators.forEach((ind, ii) => {
      const ia = `${at}/indicators/${ii}`;
      if (indKeys.has(ind.key)) errors.push({ field: `${ia}/key`, code: 'mu.scheme.duplicateKey', params: { key: ind.key } });
      indKeys.add(ind.key);
      if (!(ind.key in STANDARD_INDICATORS)) {
        if (!ind.key.trim()) errors.push({ field: `${ia}/key`, code: 'invalid.required' });
        if (!ind.name?.trim()) errors.push({ field: `${ia}/name`, code: 'mu.scheme.customName' });
        if (!ind.numerator || !OPERANDS.has(ind.numerator)) errors.push({ field: `${ia}/numerator`, code: 'mu.scheme.unknownField' });
        if (!ind.denominator || !OPERANDS.has(ind.denominator)) errors.push({ field: `${ia}/denominator`, code: 'mu.scheme.unknownField' });
      }
      if (!(isNum(ind.weight) && ind.weight > 0)) errors.push({ field: `${ia}/weight`, code: 'mu.scheme.weightPositive' });
      else sum += ind.weight;
      if (g.method === 'ratio') {
        const b = ind.benchmark;
        if (b.mode === 'fixed' && !(isNum(b.value) && b.value > 0)) errors.push({ field: `${ia}/benchmark/value`, code: 'mu.scheme.benchmarkPositive' });
        if (b.mode === 'lastYear' && !(isNum(b.multiple) && b.multiple > 0)) errors.push({ field: `${ia}/benchmark/multiple`, code: 'mu.scheme.benchmarkPositive' });
      }
      if (ind.cap != null && !(isNum(ind.cap) && ind.cap >= 1)) errors.push({ field: `${ia}/cap`, code: 'mu.scheme.capAtLeastOne' });
      if (ind.missing.mode === 'deduct' && !(isNum(ind.missing.points) && ind.missing.points >= 0)) errors.push({ field: `${ia}/missing/points`, code: 'mu.scheme.nonNegative' });
    });
    if (g.indicators.length && Math.abs(sum - 100) > 1e-9) errors.push({ field: `${at}/indicators`, code: 'mu.scheme.weightsSum', params: { sum: round(sum, 4) } });
    const c = g.classes;
    const vals = [c.A, c.B, c.C];
    (['A', 'B', 'C'] as const).forEach((k, i) => { if (!isNum(vals[i])) errors.push({ field: `${at}/classes/${k}`, code: 'mu.scheme.number' }); });
    if (vals.every(isNum)) {
      if (c.mode === 'share') {
        if (!(c.A > 0)) errors.push({ field: `${at}/classes/A`, code: 'mu.scheme.shareRange' });
        if (!(c.B > c.A)) errors.push({ field: `${at}/classes/B`, code: 'mu.scheme.sharesOverlap', params: { cls: 'B', value: c.B, prev: 'A', prevValue: c.A } });
        if (!(c.C > c.B)) errors.push({ field: `${at}/classes/C`, code: 'mu.scheme.sharesOverlap', params: { cls: 'C', value: c.C, prev: 'B', prevValue: c.B } });
        if (!(c.C <= 100)) errors.push({ field: `${at}/classes/C`, code: 'mu.scheme.shareRange' });
      } else {
        if (!(c.B < c.A)) errors.push({ field: `${at}/classes/B`, code: 'mu.scheme.cutoffsOrder', params: { cls: 'B', value: c.B, prev: 'A', prevValue: c.A } });
        if (!(c.C < c.B)) errors.push({ field: `${at}/classes/C`, code: 'mu.scheme.cutoffsOrder', params: { cls: 'C', value: c.C, prev: 'B', prevValue: c.B } });
      }
    }
  });
  const exKeys = new Set<string>();
  def.exclusions.forEach((x, i) => {
    if (!x.reason.trim()) errors.push({ field: `exclusions/${i}/reason`, code: 'invalid.required' });
    if (exKeys.has(x.key)) errors.push({ field: `exclusions/${i}/key`, code: 'mu.scheme.duplicateKey', params: { key: x.key } });
    exKeys.add(x.key);
    if (!x.industryPrefixes.length && x.producingYearsBelow == null && !x.creditCodes.length) errors.push({ field: `exclusions/${i}`, code: 'mu.scheme.emptyExclusion' });
  });
  const adjKeys = new Set<string>();
  def.adjustments.forEach((a, i) => {
    const at = `adjustments/${i}`;
    if (!a.key.trim()) errors.push({ field: `${at}/key`, code: 'invalid.required' });
    else if (adjKeys.has(a.key)) errors.push({ field: `${at}/key`, code: 'mu.scheme.duplicateKey', params: { key: a.key } });
    adjKeys.add(a.key);
    if (!a.name.trim()) errors.push({ field: `${at}/name`, code: 'invalid.required' });
    if (!isNum(a.points)) errors.push({ field: `${at}/points`, code: 'mu.scheme.number' });
    if (a.firstPoints != null && !isNum(a.firstPoints)) errors.push({ field: `${at}/firstPoints`, code: 'mu.scheme.number' });
    if (!(isNum(a.freeUnits) && a.freeUnits >= 0)) errors.push({ field: `${at}/freeUnits`, code: 'mu.scheme.nonNegative' });
    a.groups.forEach((k, j) => { if (!groupKeys.has(k)) errors.push({ field: `${at}/groups/${j}`, code: 'mu.scheme.unknownGroup', params: { key: k } }); });
  });
  return errors;
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

export interface EvalEnterprise {
  id: string; creditCode: string; name: string; industryCode: string | null; townshipCode: string | null; park: string | null;
  aboveScale: boolean; landAreaMu: number | null; producingSince: string | null; tenantCount: number;
  data: Partial<Record<EnterpriseField, number>>;
}

export interface EvalInput {
  year: number;
  enterprises: EvalEnterprise[];
  /** Entered bonus/deduction quantities: enterprise id → item key → quantity. */
  adjustments: Record<string, Record<string, number>>;
  /** Last year's group means per indicator (for lastYear benchmarks): group key → indicator key → mean. */
  priorMeans: Record<string, Record<string, number>>;
}

export interface ItemResult {
  key: string; name: string; nameEn: string; unit: string; weight: number;
  numerator: number | null; denominator: number | null; value: number | null;
  /** Ratio: the benchmark; min–max: null (min and max given). */
  benchmark: number | null; min: number | null; max: number | null;
  points: number; capped: boolean; missing: boolean;
  /** The rule that decided the points when not the plain formula: 'missing-zero' | 'missing-average' | 'missing-deduct' | 'non-positive-zero' | 'benchmark-unusable' | 'cap'. */
  rule: string | null;
  why: { zh: string; en: string };
}
export interface AdjustmentResult { key: string; name: string; quantity: number; points: number; forceClass: MuClass | null }
export interface EnterpriseResult {
  enterpriseId: string; creditCode: string; name: string; townshipCode: string | null; park: string | null; industryCode: string | null;
  groupKey: string; groupName: string; evaluated: boolean; exclusionReason: string | null;
  items: ItemResult[]; adjustments: AdjustmentResult[];
  indicatorPoints: number | null; adjustmentPoints: number | null; total: number | null;
  rank: number | null; groupSize: number | null; class: MuClass | null; forcedReason: string | null;
  classWhy: { zh: string; en: string } | null;
  perMuTax: number | null; perMuValueAdded: number | null; land: number | null;
}
export interface GroupStats {
  key: string; name: string; size: number;
  indicators: { key: string; name: string; benchmark: number | null; mean: number | null; min: number | null; max: number | null; present: number }[];
  classCounts: Record<MuClass, number>;
  /** The stated rule as words, shown with the result. */
  ruleText: { zh: string; en: string };
}
export interface EvalOutput { results: EnterpriseResult[]; groups: GroupStats[] }

export const NOT_IN_SCOPE = '__none__';

export function round(x: number, digits: number): number {
  if (!Number.isFinite(x)) return 0;
  const f = 10 ** digits;
  if (!Number.isFinite(x * f)) return x; // too large to carry decimals: nothing to round
  return Math.round(x * f + (x >= 0 ? 1e-9 : -1e-9)) / f;
}
const fmt = (x: number | null, d = 2): string => (x == null ? '—' : String(round(x, d)));

export function landOf(e: Pick<EvalEnterprise, 'data' | 'landAreaMu'>): number | null {
  const l = e.data.land_area ?? e.landAreaMu;
  return l != null && Number.isFinite(l) ? l : null;
}

function operand(e: EvalEnterprise, o: Operand): number | null {
  const v = o === 'land' ? landOf(e) : e.data[o];
  return v != null && Number.isFinite(v) ? v : null;
}

/** Full years between producingSince and the year's last day (null: not recorded → counted as long established). */
export function yearsProducing(producingSince: string | null, year: number): number | null {
  if (!producingSince) return null;
  // Counted to the year's last day (12-31), so any start date in year y has year − y full years by then.
  const y = Number(producingSince.slice(0, 4));
  return Number.isFinite(y) ? Math.max(0, year - y) : null;
}

export function indicatorInfo(ind: Pick<IndicatorDef, 'key' | 'name' | 'numerator' | 'denominator' | 'unit'>): { name: string; nameEn: string; numerator: Operand; denominator: Operand; unit: string } {
  const std = STANDARD_INDICATORS[ind.key as StandardIndicator];
  if (std) return { name: std.zh, nameEn: std.en, numerator: std.numerator, denominator: std.denominator, unit: std.unit };
  const num = ind.numerator ?? 'tax';
  const den = ind.denominator ?? 'land';
  const unit = ind.unit ?? `${num === 'land' ? '亩' : ENTERPRISE_FIELD_INFO[num].unit}/${den === 'land' ? '亩' : ENTERPRISE_FIELD_INFO[den].unit}`;
  return { name: ind.name ?? ind.key, nameEn: ind.name ?? ind.key, numerator: num, denominator: den, unit };
}

function matchesPrefix(code: string | null, prefixes: string[]): boolean {
  return !!code && prefixes.some((p) => p && code.startsWith(p));
}

function exclusionOf(def: SchemeDefinition, e: EvalEnterprise, year: number): string | null {
  for (const x of def.exclusions) {
    if (x.creditCodes.includes(e.creditCode)) return x.reason;
    if (x.industryPrefixes.length && matchesPrefix(e.industryCode, x.industryPrefixes)) return x.reason;
    if (x.producingYearsBelow != null) {
      const y = yearsProducing(e.producingSince, year);
      if (y != null && y < x.producingYearsBelow) return x.reason;
    }
  }
  return null;
}

function inScope(g: GroupDef, e: EvalEnterprise, year: number): boolean {
  const s = g.scope;
  if (s.aboveScale != null && s.aboveScale !== e.aboveScale) return false;
  if (s.minLandMu != null) { const l = landOf(e); if (l == null || l < s.minLandMu) return false; }
  if (s.minYearsProducing != null) { const y = yearsProducing(e.producingSince, year); if (y != null && y < s.minYearsProducing) return false; }
  if (s.industryPrefixes.length && !matchesPrefix(e.industryCode, s.industryPrefixes)) return false;
  return true;
}

/** How many of n enterprises a cumulative share (percent) covers, by the scheme's rounding. */
export function shareCount(n: number, percent: number, rounding: SchemeDefinition['rounding']): number {
  const x = (n * percent) / 100;
  const k = rounding === 'floor' ? Math.floor(x + 1e-9) : rounding === 'ceil' ? Math.ceil(x - 1e-9) : Math.floor(x + 0.5 + 1e-9);
  return Math.max(0, Math.min(n, k));
}

export function classRuleText(def: Pick<SchemeDefinition, 'rounding' | 'ties'>, c: ClassRule): { zh: string; en: string } {
  if (c.mode === 'cutoff') {
    return {
      zh: `按得分划档：A ≥ ${c.A} 分，B ≥ ${c.B} 分，C ≥ ${c.C} 分，其余为 D；强制定档的企业不参与划档。`,
      en: `By score: A ≥ ${c.A}, B ≥ ${c.B}, C ≥ ${c.C}, D below; enterprises forced into a class are set apart.`,
    };
  }
  const r = { round: ['四舍五入', 'rounded half up'], floor: ['向下取整', 'rounded down'], ceil: ['向上取整', 'rounded up'] }[def.rounding];
  const t = def.ties === 'better' ? ['同分企业跨越分界时一并归入较高等级', 'enterprises tied across a boundary all take the better class']
    : ['同分企业跨越分界时一并归入较低等级', 'enterprises tied across a boundary all take the worse class'];
  return {
    zh: `按组内排名比例划档：A 前 ${c.A}%，B 至 ${c.B}%，C 至 ${c.C}%，其余为 D；人数 = 组内参评企业数 × 比例，${r[0]}；${t[0]}；强制定档的企业不占比例。`,
    en: `By rank share within the group: A top ${c.A}%, B to ${c.B}%, C to ${c.C}%, D the rest; count = group size × share, ${r[1]}; ${t[1]}; enterprises forced into a class take no share.`,
  };
}

export function adjustmentPoints(a: AdjustmentItem, quantity: number): number {
  if (a.forceClass) return 0;
  const n = Math.max(0, Math.floor(quantity + 1e-9) - a.freeUnits);
  if (n <= 0) return 0;
  return (a.firstPoints ?? a.points) + (n - 1) * a.points;
}

/** Evaluate every enterprise of the snapshot under the scheme. Deterministic: same input, same output. */
export function evaluate(def: SchemeDefinition, input: EvalInput): EvalOutput {
  const { year } = input;
  const results: EnterpriseResult[] = [];
  const members = new Map<string, EvalEnterprise[]>(def.groups.map((g) => [g.key, []]));
  const base = (e: EvalEnterprise) => ({
    enterpriseId: e.id, creditCode: e.creditCode, name: e.name, townshipCode: e.townshipCode, park: e.park, industryCode: e.industryCode,
    perMuTax: perMu(e, 'tax'), perMuValueAdded: perMu(e, 'value_added'), land: landOf(e),
  });
  const notEvaluated = (e: EvalEnterprise, groupKey: string, groupName: string, reason: string): EnterpriseResult => ({
    ...base(e), groupKey, groupName, evaluated: false, exclusionReason: reason, items: [], adjustments: [],
    indicatorPoints: null, adjustmentPoints: null, total: null, rank: null, groupSize: null, class: null, forcedReason: null, classWhy: null,
  });

  for (const e of [...input.enterprises].sort((a, b) => cmp(a.creditCode, b.creditCode) || cmp(a.id, b.id))) {
    const reason = exclusionOf(def, e, year);
    if (reason) { results.push(notEvaluated(e, NOT_IN_SCOPE, '不参评', reason)); continue; }
    const g = def.groups.find((gr) => inScope(gr, e, year));
    if (!g) { results.push(notEvaluated(e, NOT_IN_SCOPE, '不参评', outOfScopeReason(def, e, year))); continue; }
    members.get(g.key)!.push(e);
  }

  const stats: GroupStats[] = [];
  for (const g of def.groups) {
    const list = members.get(g.key)!;
    const groupResults = scoreGroup(def, g, list, input);
    results.push(...groupResults.results);
    stats.push(groupResults.stats);
  }
  return { results, groups: stats };
}

function cmp(a: string, b: string): number { return a < b ? -1 : a > b ? 1 : 0; }

function perMu(e: EvalEnterprise, f: EnterpriseField): number | null {
  const l = landOf(e);
  const v = e.data[f];
  return l != null && l > 0 && v != null && Number.isFinite(v) ? v / l : null;
}

function outOfScopeReason(def: SchemeDefinition, e: EvalEnterprise, year: number): string {
  const land = landOf(e);
  if (!e.aboveScale && def.groups.some((g) => g.scope.aboveScale === false && g.scope.minLandMu != null)) {
    const min = Math.min(...def.groups.filter((g) => g.scope.aboveScale === false && g.scope.minLandMu != null).map((g) => g.scope.minLandMu!));
    if (land == null || land <= 0) return `规下企业无自有用地（租赁企业），单列`;
    if (land < min) return `规下企业用地 ${fmt(land)} 亩，不足 ${min} 亩，单列`;
  }
  const yp = yearsProducing(e.producingSince, year);
  if (yp != null && def.groups.some((g) => g.scope.minYearsProducing != null && yp < g.scope.minYearsProducing)) return `投产 ${yp} 年，未满参评年限`;
  return '不在任何评价组的范围内';
}

interface Raw { e: EvalEnterprise; num: number | null; den: number | null; value: number | null }

function scoreGroup(def: SchemeDefinition, g: GroupDef, list: EvalEnterprise[], input: EvalInput): { results: EnterpriseResult[]; stats: GroupStats } {
  const n = list.length;
  const itemsByEnt = list.map(() => [] as ItemResult[]);
  const indStats: GroupStats['indicators'] = [];

  for (const ind of g.indicators) {
    const info = indicatorInfo(ind);
    const raws: Raw[] = list.map((e) => {
      const num = operand(e, info.numerator);
      const den = operand(e, info.denominator);
      // A ratio that overflows (a vanishing denominator, e.g. land typed as 1e-300) is no figure: counted as missing.
      const ratio = num != null && den != null && den > 0 ? num / den : null;
      const value = ratio != null && Number.isFinite(ratio) ? ratio : null;
      return { e, num, den, value };
    });
    const present = raws.filter((r) => r.value != null);
    const values = present.map((r) => r.value!);
    const mean = values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
    const min = values.length ? Math.min(...values) : null;
    const max = values.length ? Math.max(...values) : null;
    let benchmark: number | null = null;
    if (g.method === 'ratio') {
      const b = ind.benchmark;
      if (b.mode === 'fixed') benchmark = b.value;
      else if (b.mode === 'mean') benchmark = mean;
      else if (b.mode === 'groupRatio') {
        const sn = present.reduce((s, r) => s + r.num!, 0);
        const sd = present.reduce((s, r) => s + r.den!, 0);
        benchmark = sd > 0 ? sn / sd : null;
      } else {
        const prior = input.priorMeans[g.key]?.[ind.key];
        benchmark = prior != null && Number.isFinite(prior) ? prior * b.multiple : null;
      }
      if (benchmark != null && !(Number.isFinite(benchmark) && benchmark > 0)) benchmark = null;
    }
    indStats.push({ key: ind.key, name: info.name, benchmark, mean, min, max, present: values.length });

    const maxPoints = ind.cap != null ? ind.cap * ind.weight : null;
    const scored: (ItemResult | null)[] = raws.map((r) => {
      if (r.value == null) return null;
      let points: number;
      let rule: string | null = null;
      let capped = false;
      if (g.method === 'ratio') {
        if (benchmark == null) { points = 0; rule = 'benchmark-unusable'; }
        else if (r.value <= 0 && ind.nonPositive === 'zero') { points = 0; rule = 'non-positive-zero'; }
        else points = (r.value / benchmark) * ind.weight;
      } else if (r.value <= 0 && ind.nonPositive === 'zero') { points = 0; rule = 'non-positive-zero'; }
      else {
        const span = max! - min!;
        const pos = span > 0 ? (r.value - min!) / span : 1;
        points = (ind.weight * (20 + 80 * pos)) / 100;
      }
      if (maxPoints != null && points > maxPoints) { points = maxPoints; capped = true; rule = 'cap'; }
      return item(ind, info, r, benchmark, g.method === 'minmax' ? min : null, g.method === 'minmax' ? max : null, round(points, 6), capped, false, rule);
    });
    const presentPoints = scored.filter((s): s is ItemResult => s != null).map((s) => s.points);
    const avgPoints = presentPoints.length ? presentPoints.reduce((s, v) => s + v, 0) / presentPoints.length : 0;
    raws.forEach((r, i) => {
      let it = scored[i];
      if (!it) {
        const m = ind.missing;
        const pts = m.mode === 'zero' ? 0 : m.mode === 'groupAverage' ? avgPoints : -m.points;
        const rule = m.mode === 'zero' ? 'missing-zero' : m.mode === 'groupAverage' ? 'missing-average' : 'missing-deduct';
        it = item(ind, info, r, benchmark, g.method === 'minmax' ? min : null, g.method === 'minmax' ? max : null, round(pts, 6), false, true, rule);
      }
      itemsByEnt[i]!.push(it);
    });
  }

  // Adjustments and totals.
  const adjItems = def.adjustments.filter((a) => !a.groups.length || a.groups.includes(g.key));
  const rows = list.map((e, i) => {
    const items = itemsByEnt[i]!;
    const adjustments: AdjustmentResult[] = [];
    let forced: { cls: MuClass; reason: string } | null = null;
    for (const a of adjItems) {
      const q = a.source === 'tenants' ? e.tenantCount : input.adjustments[e.id]?.[a.key] ?? 0;
      if (!(q > 0)) continue;
      if (a.forceClass) {
        adjustments.push({ key: a.key, name: a.name, quantity: q, points: 0, forceClass: a.forceClass });
        // The worst forced class wins when several apply.
        if (!forced || a.forceClass > forced.cls) forced = { cls: a.forceClass, reason: a.name };
        continue;
      }
      const pts = adjustmentPoints(a, q);
      if (pts !== 0) adjustments.push({ key: a.key, name: a.name, quantity: q, points: pts, forceClass: null });
    }
    const indicatorPoints = round(items.reduce((s, it) => s + it.points, 0), 6);
    const adjustmentPointsSum = round(adjustments.reduce((s, a) => s + a.points, 0), 6);
    return { e, items, adjustments, forced, indicatorPoints, adjustmentPoints: adjustmentPointsSum, total: round(indicatorPoints + adjustmentPointsSum, 6) };
  });

  // Ranks: by total, best first; equal totals share the rank (1, 2, 2, 4); order among equals by credit code.
  const order = rows.map((_, i) => i).sort((a, b) => rows[b]!.total - rows[a]!.total || cmp(rows[a]!.e.creditCode, rows[b]!.e.creditCode));
  const rank = new Array<number>(n);
  order.forEach((idx, pos) => {
    const prev = pos > 0 ? order[pos - 1]! : -1;
    rank[idx] = prev >= 0 && rows[prev]!.total === rows[idx]!.total ? rank[prev]! : pos + 1;
  });

  const cls = new Array<MuClass>(n);
  const classWhy = new Array<{ zh: string; en: string }>(n);
  const c = g.classes;
  const free = order.filter((i) => !rows[i]!.forced);
  const m = free.length;
  if (c.mode === 'share') {
    const kA = shareCount(m, c.A, def.rounding);
    const kB = shareCount(m, c.B, def.rounding);
    const kC = shareCount(m, c.C, def.rounding);
    // Position among the not-forced enterprises; ties take the first (better) or last (worse) position of their run.
    let pos = 0;
    while (pos < m) {
      let end = pos;
      while (end + 1 < m && rows[free[end + 1]!]!.total === rows[free[pos]!]!.total) end++;
      const p = (def.ties === 'better' ? pos : end) + 1;
      const k: MuClass = p <= kA ? 'A' : p <= kB ? 'B' : p <= kC ? 'C' : 'D';
      const tie = end > pos;
      for (let q = pos; q <= end; q++) {
        const i = free[q]!;
        cls[i] = k;
        classWhy[i] = shareWhy(k, q + 1, p, m, kA, kB, kC, c, tie, end - pos + 1);
      }
      pos = end + 1;
    }
  } else {
    for (const i of free) {
      const t = rows[i]!.total;
      const k: MuClass = t >= c.A ? 'A' : t >= c.B ? 'B' : t >= c.C ? 'C' : 'D';
      cls[i] = k;
      const bound = k === 'D' ? c.C : c[k];
      classWhy[i] = k === 'D'
        ? { zh: `总分 ${fmt(t)} 分，低于 C 类下限 ${bound} 分，定为 D 类`, en: `Total ${fmt(t)}, below C's floor ${bound}: class D` }
        : { zh: `总分 ${fmt(t)} 分，不低于 ${k} 类下限 ${bound} 分，定为 ${k} 类`, en: `Total ${fmt(t)}, at least ${k}'s floor ${bound}: class ${k}` };
    }
  }
  for (let i = 0; i < n; i++) {
    const f = rows[i]!.forced;
    if (f) { cls[i] = f.cls; classWhy[i] = { zh: `因“${f.reason}”直接定为 ${f.cls} 类（不占比例）`, en: `"${f.reason}" sets class ${f.cls} directly (takes no share)` }; }
  }

  const results: EnterpriseResult[] = rows.map((r, i) => ({
    enterpriseId: r.e.id, creditCode: r.e.creditCode, name: r.e.name, townshipCode: r.e.townshipCode, park: r.e.park, industryCode: r.e.industryCode,
    perMuTax: perMu(r.e, 'tax'), perMuValueAdded: perMu(r.e, 'value_added'), land: landOf(r.e),
    groupKey: g.key, groupName: g.name, evaluated: true, exclusionReason: null, items: r.items, adjustments: r.adjustments,
    indicatorPoints: r.indicatorPoints, adjustmentPoints: r.adjustmentPoints, total: r.total, rank: rank[i]!, groupSize: n,
    class: cls[i]!, forcedReason: r.forced?.reason ?? null, classWhy: classWhy[i]!,
  }));
  results.sort((a, b) => a.rank! - b.rank! || cmp(a.creditCode, b.creditCode));
  const classCounts: Record<MuClass, number> = { A: 0, B: 0, C: 0, D: 0 };
  for (const r of results) classCounts[r.class!]++;
  return { results, stats: { key: g.key, name: g.name, size: n, indicators: indStats, classCounts, ruleText: classRuleText(def, c) } };
}

function shareWhy(k: MuClass, position: number, p: number, m: number, kA: number, kB: number, kC: number, c: Extract<ClassRule, { mode: 'share' }>, tie: boolean, tieSize: number): { zh: string; en: string } {
  const zh = `组内参评 ${m} 家（不含强制定档），A 类 ${kA} 家（前 ${c.A}%），B 类至第 ${kB} 名（${c.B}%），C 类至第 ${kC} 名（${c.C}%）；本企业第 ${position} 位`
    + (tie ? `，与另外 ${tieSize - 1} 家同分，按第 ${p} 位定档` : '') + `，定为 ${k} 类`;
  const en = `${m} enterprises ranked (forced ones apart): A ${kA} (top ${c.A}%), B to position ${kB} (${c.B}%), C to ${kC} (${c.C}%); this one is position ${position}`
    + (tie ? `, tied with ${tieSize - 1} other(s), classed by position ${p}` : '') + `: class ${k}`;
  return { zh, en };
}

/**
 * An item's result. Its explanation (`why`) is worded only when read: a county-wide run scores 100,000 enterprises
 * × 8 indicators, and building two sentences for each would be most of the engine's time and memory.
 */
class Item implements ItemResult {
  constructor(
    readonly key: string, readonly name: string, readonly nameEn: string, readonly unit: string, readonly weight: number,
    readonly numerator: number | null, readonly denominator: number | null, readonly value: number | null,
    readonly benchmark: number | null, readonly min: number | null, readonly max: number | null,
    readonly points: number, readonly capped: boolean, readonly missing: boolean, readonly rule: string | null,
  ) {}
  get why(): { zh: string; en: string } { return explainItem(this); }
}

function item(ind: IndicatorDef, info: ReturnType<typeof indicatorInfo>, r: Raw, benchmark: number | null, min: number | null, max: number | null,
  points: number, capped: boolean, missing: boolean, rule: string | null): ItemResult {
  return new Item(ind.key, info.name, info.nameEn, info.unit, ind.weight, r.num, r.den, r.value, benchmark, min, max, points, capped, missing, rule);
}

/** The rule that set an item's points, in words (zh, en). */
export const RULE_WORDS: Record<string, [string, string]> = {
  'missing-zero': ['数据缺失，按 0 分计', 'no data: scores 0'],
  'missing-average': ['数据缺失，按组内平均得分计', 'no data: scores the group average'],
  'missing-deduct': ['数据缺失，扣分', 'no data: deduction'],
  'non-positive-zero': ['数值不大于 0，按 0 分计', 'value not above 0: scores 0'],
  'benchmark-unusable': ['基准值无法确定（无数据或不大于 0），按 0 分计', 'no usable benchmark: scores 0'],
  cap: ['达到封顶分', 'capped'],
};

/** "亩均税收 8.2 万元/亩 against 24.1: 10.2 of 30 points", in both languages. */
export function explainItem(it: Omit<ItemResult, 'why'>): { zh: string; en: string } {
  const u = it.unit ? ` ${it.unit}` : '';
  const d = it.unit ? 2 : 4;
  const pts = `${fmt(it.points, 1)}`;
  if (it.missing) {
    const w = RULE_WORDS[it.rule ?? 'missing-zero']!;
    return { zh: `${it.name}：${w[0]}，得 ${pts} 分（权重 ${it.weight} 分）`, en: `${it.nameEn}: ${w[1]}, ${pts} of ${it.weight} points` };
  }
  const against = it.benchmark != null ? { zh: `基准值 ${fmt(it.benchmark, d)}`, en: `against ${fmt(it.benchmark, d)}` }
    : it.min != null ? { zh: `组内最小 ${fmt(it.min, d)}、最大 ${fmt(it.max, d)}`, en: `group min ${fmt(it.min, d)}, max ${fmt(it.max, d)}` }
      : { zh: '无基准值', en: 'no benchmark' };
  const extra = it.rule ? RULE_WORDS[it.rule] : null;
  return {
    zh: `${it.name} ${fmt(it.value, d)}${u}，${against.zh}：得 ${pts} 分（权重 ${it.weight} 分）${extra ? `，${extra[0]}` : ''}`,
    en: `${it.nameEn} ${fmt(it.value, d)}${u} ${against.en}: ${pts} of ${it.weight} points${extra ? ` (${extra[1]})` : ''}`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// A starting scheme modelled on the 黄岩 2022 notice (规上 six indicators, 规下 two), used as the template for new schemes.

const std = (key: StandardIndicator, weight: number, value: number, missing: MissingRule = { mode: 'zero' }): IndicatorDef =>
  ({ key, weight, benchmark: { mode: 'fixed', value }, cap: null, missing, nonPositive: 'zero' });

export function huangyan2022Scheme(): SchemeDefinition {
  return {
    groups: [
      {
        key: 'above', name: '规上工业企业', method: 'ratio',
        scope: { aboveScale: true, minLandMu: null, minYearsProducing: null, industryPrefixes: [] },
        indicators: [
          std('tax_per_mu', 30, 24.097),
          std('value_added_per_mu', 20, 136.16),
          std('value_added_per_energy', 20, 2.694),
          std('value_added_per_emission', 10, 4929.81, { mode: 'groupAverage' }),
          std('labour_productivity', 10, 18.14),
          std('rd_share', 10, 0.0302),
        ],
        classes: { mode: 'share', A: 20, B: 60, C: 95 },
      },
      {
        key: 'below', name: '规下工业企业（用地 3 亩以上）', method: 'ratio',
        scope: { aboveScale: false, minLandMu: 3, minYearsProducing: null, industryPrefixes: [] },
        indicators: [std('tax_per_mu', 50, 11.5932), std('tax_per_electricity', 50, 0.2352)],
        classes: { mode: 'share', A: 20, B: 60, C: 95 },
      },
    ],
    exclusions: [
      { key: 'utilities', reason: '公用事业企业（电力、燃气、水的生产和供应）', industryPrefixes: ['44', '45', '46'], producingYearsBelow: null, creditCodes: [] },
      { key: 'new', reason: '投产未满两年', industryPrefixes: [], producingYearsBelow: 2, creditCodes: [] },
    ],
    adjustments: [
      { key: 'tenants', name: '出租厂房（第一家以外每家）', source: 'tenants', points: -5, firstPoints: null, freeUnits: 1, forceClass: null, groups: [] },
      { key: 'safety', name: '发生较大以上安全生产事故', source: 'input', points: -10, firstPoints: null, freeUnits: 0, forceClass: null, groups: [] },
      { key: 'hightech', name: '国家高新技术企业', source: 'input', points: 3, firstPoints: null, freeUnits: 0, forceClass: null, groups: [] },
      { key: 'env_violation', name: '严重环境违法行为', source: 'input', points: 0, firstPoints: null, freeUnits: 0, forceClass: 'D', groups: [] },
    ],
    rounding: 'round',
    ties: 'better',
    classLabels: { A: '优先发展类', B: '提升发展类', C: '调控帮扶类', D: '倒逼整治类' },
  };
}
