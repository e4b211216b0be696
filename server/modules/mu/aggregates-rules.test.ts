import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { histogram, perMu, transitions } from './aggregates-rules.js';

describe('per-mu figures of a group: sum over sum', () => {
  it('divides the total by the total land, not the mean of the ratios', () => {
    // A 2-亩 workshop at 50 万元/亩 and a 198-亩 plant at 10 万元/亩: the mean of ratios would say 30.
    const r = perMu([{ amount: 100, land: 2 }, { amount: 1980, land: 198 }]);
    expect(r.ratio).toBeCloseTo(2080 / 200, 10);
    expect(r).toMatchObject({ amount: 2080, land: 200, counted: 2 });
  });
  it('leaves out enterprises without land or figure, and says null when no land is left', () => {
    expect(perMu([{ amount: 10, land: 0 }, { amount: null, land: 5 }, { amount: 8, land: 4 }])).toEqual({ amount: 8, land: 4, ratio: 2, counted: 1 });
    expect(perMu([{ amount: 10, land: null }]).ratio).toBeNull();
    expect(perMu([]).ratio).toBeNull();
  });
  it('keeps a loss (negative value added) in the sum', () => {
    expect(perMu([{ amount: -20, land: 10 }, { amount: 50, land: 10 }]).ratio).toBe(1.5);
  });
});

describe('class moves year on year', () => {
  it('counts each enterprise once, from last year to this year, new and gone against none', () => {
    const prev = new Map<string, string | null>([['a', 'A'], ['b', 'B'], ['c', 'C'], ['d', 'D'], ['gone', 'B'], ['t', null]]);
    const cur = new Map<string, string | null>([['a', 'B'], ['b', 'A'], ['c', 'C'], ['d', 'D'], ['new', 'C'], ['t', 'D']]);
    const t = transitions(prev, cur);
    expect(t.counts.A.B).toBe(1);
    expect(t.counts.B.A).toBe(1);
    expect(t.counts.C.C).toBe(1);
    expect(t.counts.D.D).toBe(1);
    expect(t.counts.B.none).toBe(1);
    expect(t.counts.none.C).toBe(1);
    expect(t.counts.none.D).toBe(1);
    expect({ up: t.up, down: t.down, same: t.same }).toEqual({ up: 1, down: 1, same: 2 });
    const total = Object.values(t.counts).flatMap((r) => Object.values(r)).reduce((a, b) => a + b, 0);
    expect(total).toBe(7);
  });
});

describe('score histogram', () => {
  it('bins in whole points and counts by class', () => {
    const h = histogram([{ total: 40, class: 'D' }, { total: 55, class: 'C' }, { total: 61, class: 'B' }, { total: 99.5, class: 'A' }, { total: 100, class: 'A' }, { total: null, class: null }], 6);
    expect(h[0].from).toBe(40);
    expect(h.at(-1)!.to).toBeGreaterThanOrEqual(100);
    expect(h.reduce((a, b) => a + b.total, 0)).toBe(5);
    expect(h.at(-1)!.byClass.A).toBe(2);
    for (let i = 1; i < h.length; i++) expect(h[i].from).toBe(h[i - 1].to);
  });
  it('one score makes one bin; no scores none', () => {
    expect(histogram([{ total: 70, class: 'B' }])).toEqual([{ from: 70, to: 71, total: 1, byClass: { A: 0, B: 1, C: 0, D: 0 } }]);
    expect(histogram([])).toEqual([]);
  });
  it('property: every finite score lands in exactly one bin, bins are contiguous', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -50, max: 300, noNaN: true }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 30 }), (xs, bins) => {
      const h = histogram(xs.map((total) => ({ total, class: 'A' })), bins);
      expect(h.reduce((a, b) => a + b.total, 0)).toBe(xs.length);
      expect(h.length).toBeLessThanOrEqual(Math.max(bins, 1) + 1);
      for (let i = 1; i < h.length; i++) expect(h[i].from).toBeCloseTo(h[i - 1].to, 6);
      expect(h[0].from).toBeLessThanOrEqual(Math.min(...xs));
      expect(h.at(-1)!.to).toBeGreaterThanOrEqual(Math.max(...xs));
    }));
  });
});

describe('industry divisions', () => {
  it('takes the first two digits of a GB/T 4754 code, with or without the section letter', async () => {
    const { industryDivision, divisionName } = await import('./aggregates-rules.js');
    expect(industryDivision('C3411')).toBe('34');
    expect(industryDivision('3911')).toBe('39');
    expect(industryDivision(null)).toBeNull();
    expect(industryDivision('x')).toBeNull();
    expect(divisionName('34')).toBe('通用设备制造业');
    expect(divisionName('99')).toBe('行业 99');
  });
});
