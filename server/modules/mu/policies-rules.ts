// 差别化政策 (differentiated policies tied to the 亩均 class), as pure rules: what a policy definition must hold, how many
// consecutive years an enterprise has been in its class, which term of a policy applies to it, and how the term reads.
// No database here: the service feeds published runs in.
import type { FieldError } from '../../platform/errors.js';

export const MU_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type MuClass = typeof MU_CLASSES[number];

/**
 * What a policy does to an enterprise of a class:
 * reduction 减免 (a percentage of a tax or fee, 0–100), surcharge 加价 (an amount per unit, e.g. 元/千瓦时),
 * price 差别价格 (a price per unit), priority 优先 (land supply, energy quota, credit: words, no number),
 * restriction 限制 (a cut of a quota, a percentage or words), other 其他.
 */
export const POLICY_KINDS = ['reduction', 'surcharge', 'price', 'priority', 'restriction', 'other'] as const;
export type PolicyKind = typeof POLICY_KINDS[number];
export const POLICY_KIND_LABELS: Record<PolicyKind, { 'zh-CN': string; 'en-US': string }> = {
  reduction: { 'zh-CN': '减免', 'en-US': 'Reduction' },
  surcharge: { 'zh-CN': '加价', 'en-US': 'Surcharge' },
  price: { 'zh-CN': '差别价格', 'en-US': 'Differential price' },
  priority: { 'zh-CN': '优先', 'en-US': 'Priority' },
  restriction: { 'zh-CN': '限制', 'en-US': 'Restriction' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

/** Consecutive-year tiers beyond this are not meaningful (and history is read that far back, no further). */
export const MAX_STREAK_YEARS = 10;

/**
 * One term: enterprises of `class` that have been in that class for at least `minYears` consecutive years (this year
 * included) get `value` (in the policy's unit) and/or `text`. Several terms of one class form tiers: the one with the
 * largest `minYears` not above the enterprise's streak applies (D: 1 year 0.1, 2 years 0.2, 3+ years 0.3 元/千瓦时).
 */
export interface PolicyTerm { class: MuClass; minYears: number; value: number | null; text: string | null }

export interface PolicyDefinition {
  name: string;
  body: string;
  kind: PolicyKind;
  unit: string | null;
  fromYear: number;
  toYear: number | null;
  terms: PolicyTerm[];
}

/** Every problem of a definition, each naming its field (terms/2/value …). Empty when the definition is sound. */
export function validatePolicy(p: PolicyDefinition): FieldError[] {
  const errs: FieldError[] = [];
  const e = (field: string, code: string, params?: Record<string, unknown>) => errs.push({ field, code, ...(params ? { params } : {}) });
  if (!p.name.trim()) e('name', 'invalid.required');
  if (!p.body.trim()) e('body', 'invalid.required');
  if (!POLICY_KINDS.includes(p.kind)) e('kind', 'invalid.enum', { allowed: POLICY_KINDS.join(', ') });
  if (!Number.isInteger(p.fromYear) || p.fromYear < 2000 || p.fromYear > 2100) e('fromYear', 'invalid.value');
  if (p.toYear !== null && (!Number.isInteger(p.toYear) || p.toYear < p.fromYear || p.toYear > 2100)) e('toYear', 'mu.policy.toYearBeforeFrom');
  const needsUnit = p.kind === 'surcharge' || p.kind === 'price';
  if (needsUnit && !p.unit?.trim()) e('unit', 'invalid.required');
  if (!p.terms.length) e('terms', 'mu.policy.noTerms');
  const seen = new Map<string, number>();
  p.terms.forEach((t, i) => {
    const f = (k: string) => `terms/${i}/${k}`;
    if (!MU_CLASSES.includes(t.class)) e(f('class'), 'invalid.enum', { allowed: MU_CLASSES.join(', ') });
    if (!Number.isInteger(t.minYears) || t.minYears < 1 || t.minYears > MAX_STREAK_YEARS) e(f('minYears'), 'invalid.value');
    const key = `${t.class}:${t.minYears}`;
    if (seen.has(key)) e(f('minYears'), 'mu.policy.duplicateTier', { class: t.class, minYears: t.minYears, row: (seen.get(key) ?? 0) + 1 });
    else seen.set(key, i);
    const text = t.text?.trim() || null;
    if (t.value !== null && !Number.isFinite(t.value)) e(f('value'), 'invalid.type', { expected: 'number' });
    else if (p.kind === 'priority') { if (!text) e(f('text'), 'invalid.required'); }
    else if (p.kind === 'reduction') { if (t.value === null || t.value < 0 || t.value > 100) e(f('value'), 'mu.policy.percent'); }
    else if (p.kind === 'surcharge') { if (t.value === null || t.value <= 0) e(f('value'), 'mu.policy.positive'); }
    else if (p.kind === 'price') { if (t.value === null || t.value < 0) e(f('value'), 'mu.policy.nonNegative'); }
    else if (t.value === null && !text) e(f('value'), 'invalid.required');
  });
  // A tier ladder must start at one year: otherwise a first-year enterprise of the class silently gets nothing.
  for (const c of MU_CLASSES) {
    const tiers = p.terms.map((t, i) => ({ t, i })).filter((x) => x.t.class === c);
    if (tiers.length && !tiers.some((x) => x.t.minYears === 1)) e(`terms/${tiers[0].i}/minYears`, 'mu.policy.tierFromOne', { class: c });
  }
  return errs;
}

/** Is the policy in force for the evaluation of `year`? */
export const policyApplies = (p: Pick<PolicyDefinition, 'fromYear' | 'toYear'>, year: number): boolean =>
  year >= p.fromYear && (p.toYear === null || year <= p.toYear);

/**
 * Consecutive years in `cls`, counting `year` itself and going back while the class of each earlier year is the same.
 * `history` maps a year to the class in that year's published run (null: in the run but not classed). A year absent
 * from the history — no published run, or the enterprise not in it — breaks the streak, like a different class does.
 */
export function consecutiveYears(year: number, cls: MuClass, history: ReadonlyMap<number, MuClass | null>): number {
  let n = 1;
  for (let y = year - 1; n < MAX_STREAK_YEARS + 1 && history.get(y) === cls; y--) n++;
  return n;
}

/** The term for an enterprise of `cls` with a streak of `years`: the class's tier with the largest minYears ≤ years. */
export function termFor(terms: readonly PolicyTerm[], cls: MuClass, years: number): PolicyTerm | null {
  let best: PolicyTerm | null = null;
  for (const t of terms) if (t.class === cls && t.minYears <= years && (!best || t.minYears > best.minYears)) best = t;
  return best;
}

const num = (v: number) => String(Math.round(v * 10_000) / 10_000);

/** How a term reads in the list for the acting body (Chinese, as the body's sheet is): "减免 80%", "加价 0.2 元/千瓦时". */
export function describeTerm(kind: PolicyKind, unit: string | null, t: Pick<PolicyTerm, 'value' | 'text'>): string {
  const text = t.text?.trim();
  const u = unit?.trim() ?? '';
  let figure = '';
  if (t.value !== null) {
    if (kind === 'reduction') figure = `减免 ${num(t.value)}%`;
    else if (kind === 'surcharge') figure = `加价 ${num(t.value)} ${u}`.trim();
    else if (kind === 'restriction') figure = `压减 ${num(t.value)}${u || '%'}`;
    else figure = `${num(t.value)} ${u}`.trim();
  }
  if (text && figure) return `${text}（${figure}）`;
  return text || figure;
}

/** Tiers of one class described in order, for the policy list page: "1年 0.1 元/千瓦时；2年 0.2；3年及以上 0.3". */
export function describeTiers(kind: PolicyKind, unit: string | null, terms: readonly PolicyTerm[], cls: MuClass): string {
  const tiers = terms.filter((t) => t.class === cls).sort((a, b) => a.minYears - b.minYears);
  if (tiers.length === 1 && tiers[0].minYears === 1) return describeTerm(kind, unit, tiers[0]);
  return tiers.map((t, i) => {
    const last = i === tiers.length - 1;
    const when = last ? `连续${t.minYears}年及以上` : tiers[i + 1].minYears - t.minYears === 1 ? `连续${t.minYears}年` : `连续${t.minYears}–${tiers[i + 1].minYears - 1}年`;
    return `${when} ${describeTerm(kind, unit, t)}`;
  }).join('；');
}

export interface ClassedEnterprise { enterpriseId: string; class: MuClass | null }
export interface PolicyListRow<E extends ClassedEnterprise> { enterprise: E; class: MuClass; years: number; term: PolicyTerm; termText: string }

/**
 * The list a policy produces for `year`: every enterprise of this year's published run whose class has a term, with
 * its consecutive years in the class (from `histories`: enterprise → year → class of earlier published runs) and the
 * resulting term. Enterprises not classed this year (not evaluated) are not on any list.
 */
export function policyList<E extends ClassedEnterprise>(
  p: PolicyDefinition, year: number, current: readonly E[], histories: ReadonlyMap<string, ReadonlyMap<number, MuClass | null>>,
): PolicyListRow<E>[] {
  if (!policyApplies(p, year)) return [];
  const out: PolicyListRow<E>[] = [];
  const empty = new Map<number, MuClass | null>();
  for (const e of current) {
    if (!e.class) continue;
    const years = consecutiveYears(year, e.class, histories.get(e.enterpriseId) ?? empty);
    const term = termFor(p.terms, e.class, years);
    if (term) out.push({ enterprise: e, class: e.class, years, term, termText: describeTerm(p.kind, p.unit, term) });
  }
  return out;
}
