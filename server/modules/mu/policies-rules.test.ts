import { describe, expect, it } from 'vitest';
import {
  consecutiveYears, describeTerm, describeTiers, policyApplies, policyList, termFor, validatePolicy,
  type MuClass, type PolicyDefinition, type PolicyTerm,
} from './policies-rules.js';

const hist = (entries: [number, MuClass | null][]) => new Map(entries);
const term = (c: MuClass, minYears: number, value: number | null, text: string | null = null): PolicyTerm => ({ class: c, minYears, value, text });

const landTax: PolicyDefinition = {
  name: '城镇土地使用税减免', body: '县税务局', kind: 'reduction', unit: '%', fromYear: 2024, toYear: null,
  terms: [term('A', 1, 100), term('B', 1, 80)],
};
const surcharge: PolicyDefinition = {
  name: 'D类企业差别电价', body: '国网示例县供电公司', kind: 'surcharge', unit: '元/千瓦时', fromYear: 2024, toYear: 2027,
  terms: [term('D', 1, 0.1), term('D', 2, 0.2), term('D', 3, 0.3)],
};

describe('consecutive years in a class (连续年数)', () => {
  it('counts this year as the first', () => {
    expect(consecutiveYears(2026, 'D', hist([]))).toBe(1);
  });
  it('counts back through the published runs of earlier years while the class stays the same', () => {
    expect(consecutiveYears(2026, 'D', hist([[2025, 'D'], [2024, 'D'], [2023, 'C']]))).toBe(3);
    expect(consecutiveYears(2026, 'D', hist([[2025, 'D'], [2024, 'D'], [2023, 'D'], [2022, 'D']]))).toBe(5);
  });
  it('a missing year (no published run, or the enterprise not in it) breaks the streak', () => {
    expect(consecutiveYears(2026, 'D', hist([[2024, 'D'], [2023, 'D']]))).toBe(1);
    expect(consecutiveYears(2026, 'D', hist([[2025, 'D'], [2023, 'D'], [2022, 'D']]))).toBe(2);
  });
  it('a year in the run but not classed (not evaluated) breaks it too', () => {
    expect(consecutiveYears(2026, 'D', hist([[2025, null], [2024, 'D']]))).toBe(1);
  });
  it('a class change restarts the count: D, C, D is one year in D', () => {
    expect(consecutiveYears(2026, 'D', hist([[2025, 'C'], [2024, 'D']]))).toBe(1);
    expect(consecutiveYears(2026, 'C', hist([[2025, 'D'], [2024, 'C']]))).toBe(1);
    expect(consecutiveYears(2026, 'A', hist([[2025, 'A'], [2024, 'B'], [2023, 'A']]))).toBe(2);
  });
  it('later years in the history do not count (a past year is recomputed as it was)', () => {
    expect(consecutiveYears(2024, 'D', hist([[2025, 'D'], [2026, 'D'], [2023, 'D']]))).toBe(2);
  });
});

describe('tiers (分档)', () => {
  it('picks the tier with the largest minimum not above the streak', () => {
    expect(termFor(surcharge.terms, 'D', 1)?.value).toBe(0.1);
    expect(termFor(surcharge.terms, 'D', 2)?.value).toBe(0.2);
    expect(termFor(surcharge.terms, 'D', 3)?.value).toBe(0.3);
    expect(termFor(surcharge.terms, 'D', 7)?.value).toBe(0.3);
  });
  it('gives nothing to a class without terms', () => {
    expect(termFor(surcharge.terms, 'C', 4)).toBeNull();
    expect(termFor(landTax.terms, 'D', 1)).toBeNull();
  });
  it('terms in any order give the same answer', () => {
    const shuffled = [surcharge.terms[2], surcharge.terms[0], surcharge.terms[1]];
    for (const y of [1, 2, 3, 4]) expect(termFor(shuffled, 'D', y)).toEqual(termFor(surcharge.terms, 'D', y));
  });
});

describe('reading a term', () => {
  it('describes reductions, surcharges, restrictions and words', () => {
    expect(describeTerm('reduction', '%', { value: 80, text: null })).toBe('减免 80%');
    expect(describeTerm('surcharge', '元/千瓦时', { value: 0.3, text: null })).toBe('加价 0.3 元/千瓦时');
    expect(describeTerm('restriction', null, { value: 10, text: null })).toBe('压减 10%');
    expect(describeTerm('priority', null, { value: null, text: '优先供地' })).toBe('优先供地');
    expect(describeTerm('price', '元/立方米', { value: 4.5, text: '超定额累进加价' })).toBe('超定额累进加价（4.5 元/立方米）');
    expect(describeTerm('surcharge', '元/千瓦时', { value: 0.1 + 0.2, text: null })).toBe('加价 0.3 元/千瓦时');
  });
  it('describes a class ladder', () => {
    expect(describeTiers('surcharge', '元/千瓦时', surcharge.terms, 'D')).toBe('连续1年 加价 0.1 元/千瓦时；连续2年 加价 0.2 元/千瓦时；连续3年及以上 加价 0.3 元/千瓦时');
    expect(describeTiers('reduction', '%', landTax.terms, 'B')).toBe('减免 80%');
    expect(describeTiers('surcharge', '元', [term('D', 1, 1), term('D', 3, 2)], 'D')).toBe('连续1–2年 加价 1 元；连续3年及以上 加价 2 元');
  });
});

describe('policy definitions: validation names the field', () => {
  it('accepts the examples', () => {
    expect(validatePolicy(landTax)).toEqual([]);
    expect(validatePolicy(surcharge)).toEqual([]);
    expect(validatePolicy({ ...landTax, kind: 'priority', unit: null, terms: [term('A', 1, null, '优先供地'), term('B', 1, null, '同等条件下优先')] })).toEqual([]);
  });
  const fields = (p: PolicyDefinition) => validatePolicy(p).map((e) => `${e.field}:${e.code}`);
  it('refuses a reduction above 100% or below 0', () => {
    expect(fields({ ...landTax, terms: [term('A', 1, 120), term('B', 1, -1)] })).toEqual(['terms/0/value:mu.policy.percent', 'terms/1/value:mu.policy.percent']);
  });
  it('refuses a surcharge of zero, a missing unit, a missing value', () => {
    expect(fields({ ...surcharge, unit: ' ', terms: [term('D', 1, 0), term('D', 2, null)] })).toEqual(['unit:invalid.required', 'terms/0/value:mu.policy.positive', 'terms/1/value:mu.policy.positive']);
  });
  it('refuses duplicated tiers and a ladder that does not start at one year', () => {
    expect(fields({ ...surcharge, terms: [term('D', 1, 0.1), term('D', 1, 0.2)] })).toEqual(['terms/1/minYears:mu.policy.duplicateTier']);
    expect(fields({ ...surcharge, terms: [term('D', 2, 0.2), term('D', 3, 0.3)] })).toEqual(['terms/0/minYears:mu.policy.tierFromOne']);
  });
  it('refuses no terms, a last year before the first, a blank name or body, a priority without words', () => {
    expect(fields({ ...landTax, terms: [] })).toEqual(['terms:mu.policy.noTerms']);
    expect(fields({ ...landTax, fromYear: 2026, toYear: 2025 })).toEqual(['toYear:mu.policy.toYearBeforeFrom']);
    expect(fields({ ...landTax, name: ' ', body: '' })).toEqual(['name:invalid.required', 'body:invalid.required']);
    expect(fields({ ...landTax, kind: 'priority', terms: [term('A', 1, 5)] })).toEqual(['terms/0/text:invalid.required']);
  });
  it('refuses a non-finite value and an out-of-range tier', () => {
    expect(fields({ ...surcharge, terms: [term('D', 1, Number.NaN), term('D', 11, 0.2)] })).toEqual(['terms/0/value:invalid.type', 'terms/1/minYears:invalid.value']);
  });
});

describe('the list a policy produces', () => {
  const ents = [
    { enterpriseId: 'a', class: 'A' as MuClass }, { enterpriseId: 'b', class: 'B' as MuClass },
    { enterpriseId: 'c', class: 'C' as MuClass }, { enterpriseId: 'd1', class: 'D' as MuClass },
    { enterpriseId: 'd2', class: 'D' as MuClass }, { enterpriseId: 'd3', class: 'D' as MuClass }, { enterpriseId: 'x', class: null },
  ];
  const histories = new Map([
    ['d2', hist([[2025, 'D']])],
    ['d3', hist([[2025, 'D'], [2024, 'D'], [2023, 'D']])],
    ['d1', hist([[2025, 'C'], [2024, 'D']])],
  ]);
  it('a tax reduction lists A at 100% and B at 80%, nobody else', () => {
    const rows = policyList(landTax, 2026, ents, histories);
    expect(rows.map((r) => [r.enterprise.enterpriseId, r.termText])).toEqual([['a', '减免 100%'], ['b', '减免 80%']]);
  });
  it('the D surcharge rises with consecutive years in D', () => {
    const rows = policyList(surcharge, 2026, ents, histories);
    expect(rows.map((r) => [r.enterprise.enterpriseId, r.years, r.term.value])).toEqual([['d1', 1, 0.1], ['d2', 2, 0.2], ['d3', 4, 0.3]]);
  });
  it('a policy not in force that year lists nobody', () => {
    expect(policyApplies(surcharge, 2028)).toBe(false);
    expect(policyApplies(surcharge, 2023)).toBe(false);
    expect(policyList(surcharge, 2028, ents, histories)).toEqual([]);
  });
});
