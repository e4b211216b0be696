import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  adjustmentPoints, evaluate, huangyan2022Scheme, shareCount, validateScheme, yearsProducing,
  type EvalEnterprise, type EvalInput, type GroupDef, type IndicatorDef, type SchemeDefinition,
} from './rules.js';

let seq = 0;
function ent(over: Partial<EvalEnterprise> & { data?: EvalEnterprise['data'] } = {}): EvalEnterprise {
  seq++;
  return {
    id: over.id ?? `e${seq}`, creditCode: over.creditCode ?? `91330000${String(seq).padStart(10, '0')}`, name: over.name ?? `企业${seq}`,
    industryCode: over.industryCode ?? '3411', townshipCode: null, park: null, aboveScale: over.aboveScale ?? true,
    landAreaMu: over.landAreaMu ?? 50, producingSince: over.producingSince ?? '2010-01-01', tenantCount: over.tenantCount ?? 0,
    data: over.data ?? {},
  };
}
const input = (enterprises: EvalEnterprise[], extra: Partial<EvalInput> = {}): EvalInput =>
  ({ year: 2022, enterprises, adjustments: {}, priorMeans: {}, ...extra });

function oneIndicator(ind: Partial<IndicatorDef>, group: Partial<GroupDef> = {}, scheme: Partial<SchemeDefinition> = {}): SchemeDefinition {
  return {
    groups: [{
      key: 'g', name: '组', method: 'ratio', scope: { aboveScale: null, minLandMu: null, minYearsProducing: null, industryPrefixes: [] },
      indicators: [{ key: 'tax_per_mu', weight: 100, benchmark: { mode: 'fixed', value: 10 }, cap: null, missing: { mode: 'zero' }, nonPositive: 'zero', ...ind }],
      classes: { mode: 'share', A: 20, B: 60, C: 95 }, ...group,
    }],
    exclusions: [], adjustments: [], rounding: 'round', ties: 'better', classLabels: { A: '', B: '', C: '', D: '' }, ...scheme,
  };
}
const taxes = (xs: (number | undefined)[]) => xs.map((t) => ent({ landAreaMu: 10, data: t === undefined ? {} : { tax: t } }));

describe('黄岩 2022 worked example', () => {
  it('recomputes a 规上 firm item by item from the notice weights and benchmarks', () => {
    const e = ent({ landAreaMu: 50, data: { tax: 410, value_added: 3000, energy: 1000, emissions: 0.5, employees: 150, revenue: 10000, rd_expense: 302 } });
    const out = evaluate(huangyan2022Scheme(), input([e]));
    const r = out.results.find((x) => x.enterpriseId === e.id)!;
    expect(r.groupKey).toBe('above');
    const pts = Object.fromEntries(r.items.map((i) => [i.key, i.points]));
    expect(pts.tax_per_mu).toBeCloseTo((8.2 / 24.097) * 30, 5); // 10.2087
    expect(pts.value_added_per_mu).toBeCloseTo((60 / 136.16) * 20, 5); // 8.8132
    expect(pts.value_added_per_energy).toBeCloseTo((3 / 2.694) * 20, 5); // 22.2717
    expect(pts.value_added_per_emission).toBeCloseTo((6000 / 4929.81) * 10, 5); // 12.1709
    expect(pts.labour_productivity).toBeCloseTo((20 / 18.14) * 10, 5); // 11.0254
    expect(pts.rd_share).toBeCloseTo(10, 5);
    expect(r.total).toBeCloseTo(74.489828, 5);
    expect(r.items[0]!.why.zh).toBe('亩均税收 8.2 万元/亩，基准值 24.1：得 10.2 分（权重 30 分）');
    expect(r.items[0]!.why.en).toBe('Tax per mu 8.2 万元/亩 against 24.1: 10.2 of 30 points');
  });

  it('scores a 规下 firm of ≥ 3 亩 on 亩均税收 and 单位电耗税收, and lists one under 3 亩 apart', () => {
    const small = ent({ aboveScale: false, landAreaMu: 20, data: { tax: 100, electricity: 500 } });
    const tiny = ent({ aboveScale: false, landAreaMu: 2, data: { tax: 10 } });
    const out = evaluate(huangyan2022Scheme(), input([small, tiny]));
    const s = out.results.find((x) => x.enterpriseId === small.id)!;
    expect(s.groupKey).toBe('below');
    expect(s.total).toBeCloseTo((5 / 11.5932) * 50 + (0.2 / 0.2352) * 50, 5);
    const t = out.results.find((x) => x.enterpriseId === tiny.id)!;
    expect(t.evaluated).toBe(false);
    expect(t.exclusionReason).toContain('不足 3 亩');
  });

  it('sends utilities and firms producing under two years to the not-evaluated list with the reason', () => {
    const water = ent({ industryCode: '4610', data: { tax: 100 } });
    const young = ent({ producingSince: '2021-06-01', data: { tax: 100 } });
    const out = evaluate(huangyan2022Scheme(), input([water, young]));
    expect(out.results.find((x) => x.enterpriseId === water.id)!.exclusionReason).toContain('公用事业');
    expect(out.results.find((x) => x.enterpriseId === young.id)!.exclusionReason).toBe('投产未满两年');
    expect(yearsProducing('2021-06-01', 2022)).toBe(1);
    expect(yearsProducing('2020-12-31', 2022)).toBe(2);
  });
});

describe('scoring methods', () => {
  it('ratio to a fixed benchmark: value / benchmark × weight', () => {
    const out = evaluate(oneIndicator({}), input(taxes([50, 100, 200])));
    expect(out.results.map((r) => r.total)).toEqual([200, 100, 50]);
  });

  it('ratio to the group total over total, and to the group mean', () => {
    // land 10, 10, 20; tax 100, 300, 200 → per mu 10, 30, 10; total 600/40 = 15; mean 50/3
    const es = [ent({ landAreaMu: 10, data: { tax: 100 } }), ent({ landAreaMu: 10, data: { tax: 300 } }), ent({ landAreaMu: 20, data: { tax: 200 } })];
    const ratio = evaluate(oneIndicator({ benchmark: { mode: 'groupRatio' } }), input(es));
    expect(ratio.groups[0]!.indicators[0]!.benchmark).toBeCloseTo(15, 9);
    expect(ratio.results.find((r) => r.enterpriseId === es[1]!.id)!.total).toBeCloseTo(200, 5);
    const mean = evaluate(oneIndicator({ benchmark: { mode: 'mean' } }), input(es));
    expect(mean.groups[0]!.indicators[0]!.benchmark).toBeCloseTo(50 / 3, 9);
    expect(mean.results.find((r) => r.enterpriseId === es[1]!.id)!.total).toBeCloseTo(180, 5);
  });

  it('a multiple of last year\'s mean; without last year\'s figure the item scores 0 by a stated rule', () => {
    const es = taxes([100]);
    const out = evaluate(oneIndicator({ benchmark: { mode: 'lastYear', multiple: 2 } }), input(es, { priorMeans: { g: { tax_per_mu: 5 } } }));
    expect(out.groups[0]!.indicators[0]!.benchmark).toBe(10);
    expect(out.results[0]!.total).toBe(100);
    const none = evaluate(oneIndicator({ benchmark: { mode: 'lastYear', multiple: 2 } }), input(es));
    expect(none.results[0]!.total).toBe(0);
    expect(none.results[0]!.items[0]!.rule).toBe('benchmark-unusable');
  });

  it('min–max: weight × (20 + 80 × (x − min)/(max − min)) / 100', () => {
    const out = evaluate(oneIndicator({ weight: 100 }, { method: 'minmax' }), input(taxes([10, 30, 50])));
    expect(out.results.map((r) => r.total)).toEqual([100, 60, 20]);
    const same = evaluate(oneIndicator({}, { method: 'minmax' }), input(taxes([10, 10])));
    expect(same.results.map((r) => r.total)).toEqual([100, 100]);
    expect(same.results[0]!.items[0]!.why.zh).toContain('组内最小');
  });

  it('caps an item at a multiple of its weight', () => {
    const out = evaluate(oneIndicator({ cap: 1.5 }), input(taxes([1000, 100])));
    expect(out.results[0]!.total).toBe(150);
    expect(out.results[0]!.items[0]!.capped).toBe(true);
    expect(out.results[0]!.items[0]!.why.zh).toContain('封顶');
    expect(out.results[1]!.total).toBe(100);
  });
});

describe('missing, zero and negative values', () => {
  it('missing scores zero, the group average score, or a deduction', () => {
    const zero = evaluate(oneIndicator({}), input(taxes([100, 300, undefined])));
    expect(zero.results.map((r) => r.total)).toEqual([300, 100, 0]);
    const avg = evaluate(oneIndicator({ missing: { mode: 'groupAverage' } }), input(taxes([100, 300, undefined])));
    expect(avg.results.find((r) => r.items[0]!.missing)!.total).toBe(200);
    const ded = evaluate(oneIndicator({ missing: { mode: 'deduct', points: 5 } }), input(taxes([100, undefined])));
    const m = ded.results.find((r) => r.items[0]!.missing)!;
    expect(m.total).toBe(-5);
    expect(m.items[0]!.why.zh).toContain('数据缺失');
  });

  it('zero land counts as missing; a loss (negative value added) scores 0 or proportionally, never NaN', () => {
    const zeroLand = evaluate(oneIndicator({}), input([ent({ landAreaMu: 0, data: { tax: 10 } })]));
    expect(zeroLand.results[0]!.items[0]!.missing).toBe(true);
    expect(zeroLand.results[0]!.total).toBe(0);
    const loss = [ent({ landAreaMu: 10, data: { tax: -50 } }), ent({ landAreaMu: 10, data: { tax: 100 } })];
    const z = evaluate(oneIndicator({}), input(loss));
    expect(z.results.find((r) => r.enterpriseId === loss[0]!.id)!.total).toBe(0);
    expect(z.results.find((r) => r.enterpriseId === loss[0]!.id)!.items[0]!.rule).toBe('non-positive-zero');
    const p = evaluate(oneIndicator({ nonPositive: 'proportional' }), input(loss));
    expect(p.results.find((r) => r.enterpriseId === loss[0]!.id)!.total).toBe(-50);
    // A mean benchmark of 0 is unusable: 0 points, not NaN or Infinity.
    const allZero = evaluate(oneIndicator({ benchmark: { mode: 'mean' } }), input(taxes([0, 0])));
    expect(allZero.results.every((r) => r.total === 0)).toBe(true);
  });
});

describe('classes', () => {
  it('by rank shares: 10 firms, A 20% B 60% C 95% → 2 / 4 / 4 / 0 (9.5 rounds to 10)', () => {
    const out = evaluate(oneIndicator({}), input(taxes([10, 20, 30, 40, 50, 60, 70, 80, 90, 100])));
    expect(out.groups[0]!.classCounts).toEqual({ A: 2, B: 4, C: 4, D: 0 });
    const floor = evaluate(oneIndicator({}, {}, { rounding: 'floor' }), input(taxes([10, 20, 30, 40, 50, 60, 70, 80, 90, 100])));
    expect(floor.groups[0]!.classCounts).toEqual({ A: 2, B: 4, C: 3, D: 1 });
    expect(out.groups[0]!.ruleText.zh).toContain('四舍五入');
    expect(shareCount(7, 20, 'round')).toBe(1);
    expect(shareCount(7, 20, 'ceil')).toBe(2);
  });

  it('ties across a boundary all take the better class, or all the worse one, as the scheme states', () => {
    // 5 firms, A top 20% = 1 firm; the two best are tied.
    const vals = [100, 100, 50, 40, 30];
    const better = evaluate(oneIndicator({}), input(taxes(vals)));
    expect(better.results.map((r) => r.rank)).toEqual([1, 1, 3, 4, 5]);
    expect(better.results.slice(0, 2).map((r) => r.class)).toEqual(['A', 'A']);
    expect(better.results[0]!.classWhy!.zh).toContain('同分');
    const worse = evaluate(oneIndicator({}, {}, { ties: 'worse' }), input(taxes(vals)));
    expect(worse.results.slice(0, 2).map((r) => r.class)).toEqual(['B', 'B']);
  });

  it('by score cut-offs', () => {
    const out = evaluate(oneIndicator({}, { classes: { mode: 'cutoff', A: 85, B: 70, C: 60 } }), input(taxes([90, 85, 70, 65, 10])));
    expect(out.results.map((r) => r.class)).toEqual(['A', 'A', 'B', 'C', 'D']);
  });

  it('a forcing item sets the class whatever the score and takes no share; points adjust the total', () => {
    const s = oneIndicator({}, {}, {
      adjustments: [
        { key: 'env', name: '严重环境违法行为', source: 'input', points: 0, firstPoints: null, freeUnits: 0, forceClass: 'D', groups: [] },
        { key: 'tenants', name: '出租厂房', source: 'tenants', points: -5, firstPoints: -10, freeUnits: 0, forceClass: null, groups: [] },
        { key: 'ht', name: '高新技术企业', source: 'input', points: 3, firstPoints: null, freeUnits: 0, forceClass: null, groups: [] },
      ],
    });
    const es = taxes([200, 100, 90, 80, 70, 60]);
    es[1]!.tenantCount = 3;
    const out = evaluate(s, input(es, { adjustments: { [es[0]!.id]: { env: 1 }, [es[2]!.id]: { ht: 1 } } }));
    const top = out.results.find((r) => r.enterpriseId === es[0]!.id)!;
    expect(top.class).toBe('D');
    expect(top.forcedReason).toBe('严重环境违法行为');
    expect(top.rank).toBe(1);
    const landlord = out.results.find((r) => r.enterpriseId === es[1]!.id)!;
    expect(landlord.adjustmentPoints).toBe(-20); // −10 first, −5 × 2 further
    expect(landlord.total).toBe(80);
    expect(out.results.find((r) => r.enterpriseId === es[2]!.id)!.total).toBe(93);
    // The five others share A 20% (1), B to 60% (3), C to 95% (5 → round 4.75 = 5).
    expect(out.groups[0]!.classCounts).toEqual({ A: 1, B: 2, C: 2, D: 1 });
    expect(adjustmentPoints({ key: 't', name: 't', source: 'tenants', points: -5, firstPoints: null, freeUnits: 1, forceClass: null, groups: [] }, 3)).toBe(-10);
  });
});

describe('validation', () => {
  it('accepts the 黄岩 2022 scheme', () => {
    expect(validateScheme(huangyan2022Scheme())).toEqual([]);
  });

  it('refuses weights not adding up to 100, naming the group', () => {
    const s = huangyan2022Scheme();
    s.groups[0]!.indicators[0]!.weight = 25;
    expect(validateScheme(s)).toEqual([{ field: 'groups/0/indicators', code: 'mu.scheme.weightsSum', params: { sum: 95 } }]);
  });

  it('refuses overlapping class shares and out-of-order cut-offs, naming the class', () => {
    const s = huangyan2022Scheme();
    s.groups[1]!.classes = { mode: 'share', A: 60, B: 40, C: 95 };
    expect(validateScheme(s).map((e) => e.field)).toEqual(['groups/1/classes/B']);
    s.groups[1]!.classes = { mode: 'cutoff', A: 80, B: 85, C: 60 };
    expect(validateScheme(s).map((e) => [e.field, e.code])).toEqual([['groups/1/classes/B', 'mu.scheme.cutoffsOrder']]);
  });

  it('refuses a custom indicator without fields, a zero benchmark and a duplicate key', () => {
    const s = huangyan2022Scheme();
    s.groups[0]!.indicators[1] = { key: 'custom1', name: '', numerator: null, denominator: 'land', weight: 20, benchmark: { mode: 'fixed', value: 0 }, cap: null, missing: { mode: 'zero' }, nonPositive: 'zero' };
    s.groups[1]!.key = 'above';
    expect(validateScheme(s).map((e) => e.field).sort()).toEqual([
      'groups/0/indicators/1/benchmark/value', 'groups/0/indicators/1/name', 'groups/0/indicators/1/numerator', 'groups/1/key',
    ]);
  });

  it('scores a custom indicator as the ratio of two data fields', () => {
    const s = oneIndicator({ key: 'tax_per_emp', name: '人均税收', numerator: 'tax', denominator: 'employees', benchmark: { mode: 'fixed', value: 2 } });
    const out = evaluate(s, input([ent({ data: { tax: 100, employees: 25 } })]));
    expect(out.results[0]!.total).toBe(200);
    expect(out.results[0]!.items[0]!.unit).toBe('万元/人');
  });
});

describe('property', () => {
  it('scores are never NaN, ranks are a permutation, class shares are within one enterprise of the target', () => {
    const firm = fc.record({
      tax: fc.option(fc.double({ min: -100, max: 10000, noNaN: true }), { nil: undefined }),
      va: fc.option(fc.double({ min: -500, max: 50000, noNaN: true }), { nil: undefined }),
      energy: fc.option(fc.double({ min: 0, max: 5000, noNaN: true }), { nil: undefined }),
      land: fc.option(fc.double({ min: 0, max: 500, noNaN: true }), { nil: null }),
    });
    const scheme = fc.record({
      method: fc.constantFrom('ratio' as const, 'minmax' as const),
      missing: fc.constantFrom({ mode: 'zero' as const }, { mode: 'groupAverage' as const }, { mode: 'deduct' as const, points: 3 }),
      bench: fc.constantFrom({ mode: 'fixed' as const, value: 20 }, { mode: 'mean' as const }, { mode: 'groupRatio' as const }),
      cap: fc.constantFrom(null, 1.5),
      rounding: fc.constantFrom('round' as const, 'floor' as const, 'ceil' as const),
      A: fc.integer({ min: 5, max: 30 }), B: fc.integer({ min: 35, max: 70 }), C: fc.integer({ min: 75, max: 100 }),
    });
    fc.assert(fc.property(fc.array(firm, { minLength: 1, maxLength: 60 }), scheme, (firms, sc) => {
      const def: SchemeDefinition = {
        groups: [{
          key: 'g', name: 'g', method: sc.method, scope: { aboveScale: null, minLandMu: null, minYearsProducing: null, industryPrefixes: [] },
          indicators: [
            { key: 'tax_per_mu', weight: 50, benchmark: sc.bench, cap: sc.cap, missing: sc.missing, nonPositive: 'proportional' },
            { key: 'value_added_per_energy', weight: 50, benchmark: sc.bench, cap: sc.cap, missing: sc.missing, nonPositive: 'zero' },
          ],
          classes: { mode: 'share', A: sc.A, B: sc.B, C: sc.C },
        }],
        exclusions: [], adjustments: [], rounding: sc.rounding, ties: 'better', classLabels: { A: '', B: '', C: '', D: '' },
      };
      expect(validateScheme(def)).toEqual([]);
      const es = firms.map((f, i) => ent({ id: `p${i}`, creditCode: `C${String(i).padStart(4, '0')}`, landAreaMu: f.land,
        data: Object.fromEntries(Object.entries({ tax: f.tax, value_added: f.va, energy: f.energy }).filter(([, v]) => v !== undefined)) }));
      const out = evaluate(def, input(es));
      const rs = out.results.filter((r) => r.evaluated);
      expect(rs.length).toBe(es.length);
      for (const r of rs) {
        expect(Number.isFinite(r.total)).toBe(true);
        for (const it of r.items) expect(Number.isFinite(it.points)).toBe(true);
      }
      // Ranks: sorted by total, the rank at each position is its position or shared with the one before on a tie.
      const sorted = [...rs].sort((a, b) => a.rank! - b.rank!);
      sorted.forEach((r, i) => {
        if (i === 0) expect(r.rank).toBe(1);
        else if (r.total === sorted[i - 1]!.total) expect(r.rank).toBe(sorted[i - 1]!.rank);
        else expect(r.rank).toBe(i + 1);
      });
      // The order behind the ranks is a permutation of the enterprises.
      expect(new Set(rs.map((r) => r.enterpriseId)).size).toBe(es.length);
      // Class shares: each cumulative count is within one enterprise of n × share; a tie across the boundary (all of
      // it in one class, the stated rule) widens that by the tied enterprises beyond the first, no more.
      const n = rs.length;
      const totals = sorted.map((r) => r.total!);
      let longestTie = 1;
      for (let i = 1, run = 1; i < n; i++) { run = totals[i] === totals[i - 1] ? run + 1 : 1; longestTie = Math.max(longestTie, run); }
      const cum = { A: 0, B: 0, C: 0 };
      for (const r of rs) { if (r.class === 'A') cum.A++; if (r.class === 'A' || r.class === 'B') cum.B++; if (r.class !== 'D') cum.C++; }
      for (const k of ['A', 'B', 'C'] as const) {
        expect(Math.abs(cum[k] - (n * sc[k]) / 100)).toBeLessThanOrEqual(1 + (longestTie - 1));
      }
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) });
  });
});
