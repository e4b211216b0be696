import { describe, expect, it } from 'vitest';
import { Invalid } from '../../platform/errors.js';
import {
  assessmentPeriod, NO_FACTS, rankTotals, ratesOf, reportTimeliness, scoreOf, scoreUnits, weightErrors, type UnitFacts, type Weights,
} from './assessment-rules.js';

const W: Weights = { acceptOnTime: 15, reportOnTime: 25, completeOnTime: 40, overdue: 10, returns: 0, quality: 10 };
const facts = (o: Partial<UnitFacts>): UnitFacts => ({ ...NO_FACTS, ...o });

describe('assessment weights', () => {
  it.each([
    ['the defaults', W, []],
    ['a sum of 99', { ...W, quality: 9 }, ['assessment.weights:assessment.weightsSum']],
    ['a sum of 101', { ...W, quality: 11 }, ['assessment.weights:assessment.weightsSum']],
    ['a negative weight', { ...W, quality: -10, completeOnTime: 60 }, ['assessment.weights/quality:assessment.weightNotInteger']],
    ['a fraction', { ...W, quality: 9.5, returns: 0.5 }, ['assessment.weights/returns:assessment.weightNotInteger', 'assessment.weights/quality:assessment.weightNotInteger']],
    ['a missing item', { acceptOnTime: 15, reportOnTime: 25, completeOnTime: 50, overdue: 10, returns: 0 }, ['assessment.weights/quality:invalid.required']],
    ['an activity measure (logins)', { ...W, quality: 0, logins: 10 }, ['assessment.weights/logins:invalid.unknownField']],
    ['all on one result', { acceptOnTime: 0, reportOnTime: 0, completeOnTime: 100, overdue: 0, returns: 0, quality: 0 }, []],
  ])('%s', (_name, w, want) => {
    expect(weightErrors(w).map((e) => `${e.field}:${e.code}`)).toEqual(want);
  });

  it('names the sum in the refusal', () => {
    expect(weightErrors({ ...W, quality: 0 })[0].params).toEqual({ sum: 90 });
  });

  it('refuses to score with weights that do not sum to 100', () => {
    expect(() => scoreUnits([{ unit: 'A', facts: facts({ assigned: 1 }) }], { ...W, completeOnTime: 30 }, 'zh-CN')).toThrow(Invalid);
  });
});

describe('assessment rates and points', () => {
  it('gives a unit with no tasks no rates, no total, no rank — no division by zero', () => {
    const [row] = scoreUnits([{ unit: 'A', facts: NO_FACTS }], W, 'zh-CN');
    expect(Object.values(row.rates).every((r) => r === null)).toBe(true);
    expect(Object.values(row.points).every((p) => p === null)).toBe(true);
    expect(row.total).toBeNull();
    expect(row.rank).toBeNull();
    expect(row.facts.meanQuality).toBeNull();
    expect(row.explanation).toBe('本期无可考核的事项，不参与排名');
  });

  it.each([
    ['everything on time', facts({ assigned: 4, acceptDue: 4, acceptedOnTime: 4, reportsDue: 8, reportsOnTime: 8, completionDue: 2, completedOnTime: 2, active: 4, qualityCount: 2, qualitySum: 10 }), 100],
    ['nothing on time', facts({ assigned: 4, acceptDue: 4, reportsDue: 8, completionDue: 2, active: 4, overdue: 4, qualityCount: 1, qualitySum: 1 }), 2],
    // 15×3/4 + 25×8/10 + 40×1/2 + 10×(1−1/5) + 0 + 10×4/5 = 11.25 + 20 + 20 + 8 + 8 = 67.25
    ['a mixed record', facts({ assigned: 4, acceptDue: 4, acceptedOnTime: 3, reportsDue: 10, reportsOnTime: 8, completionDue: 2, completedOnTime: 1, active: 5, overdue: 1, returns: 1, qualityCount: 2, qualitySum: 8 }), 67.3],
    // Only acceptance (15) and overdue (10) measurable: (15×1 + 10×1) / 25 → 100.
    ['only some items measurable, scaled to 100', facts({ assigned: 2, acceptDue: 2, acceptedOnTime: 2, active: 2 }), 100],
    // (15×½ + 10×1 + 0) / 25 = 70
    ['half accepted on time, nothing else due', facts({ assigned: 2, acceptDue: 2, acceptedOnTime: 1, active: 2 }), 70],
  ])('%s → %s', (_name, f, total) => {
    expect(scoreOf(f, W).total).toBe(total);
  });

  it('scores the kept-out item as null, not as 0 or full marks', () => {
    const s = scoreOf(facts({ assigned: 2, acceptDue: 2, acceptedOnTime: 1, active: 2 }), W);
    expect(s.points).toEqual({ acceptOnTime: 7.5, reportOnTime: null, completeOnTime: null, overdue: 10, returns: 0, quality: null });
    expect(s.available).toBe(25);
  });

  it('turns overdue and returns into "share without" rates, quality into mean/5', () => {
    expect(ratesOf(facts({ active: 4, overdue: 1, assigned: 3, returns: 1, qualityCount: 2, qualitySum: 7 }))).toMatchObject({ overdue: 0.75, returns: 0.75, quality: 0.7 });
  });

  it('explains the score in a sentence, in the reader\'s language', () => {
    const f = facts({ assigned: 2, acceptDue: 2, acceptedOnTime: 1, active: 2 });
    const [zh] = scoreUnits([{ unit: 'A', facts: f }], W, 'zh-CN');
    expect(zh.explanation).toBe('得分 70：按期签收 1/2 件，得 7.5/15 分；在办 2 件中超期 0 件，得 10/10 分；本期无按期反馈、按期办结、办结质量可考核，该项不计，按其余 25 分折算为百分制');
    const [en] = scoreUnits([{ unit: 'A', facts: f }], W, 'en-US');
    expect(en.explanation).toMatch(/^Score 70: accepted on time 1 of 2, 7.5 of 15 points; /);
  });
});

describe('ranking', () => {
  it.each([
    [[90, 95, 90, null, 80], [2, 1, 2, null, 4]],
    [[50, 50, 50], [1, 1, 1]],
    [[null, null], [null, null]],
    [[], []],
    [[70.1, 70], [1, 2]],
  ])('%j → %j (ties share a rank, the next skips)', (totals, ranks) => {
    expect(rankTotals(totals)).toEqual(ranks);
  });

  it('orders the ranked units best first and puts the unranked last', () => {
    const rows = scoreUnits([
      { unit: 'none', facts: NO_FACTS },
      { unit: 'half', facts: facts({ acceptDue: 2, acceptedOnTime: 1 }) },
      { unit: 'full', facts: facts({ acceptDue: 2, acceptedOnTime: 2 }) },
      { unit: 'full2', facts: facts({ acceptDue: 1, acceptedOnTime: 1 }) },
    ], W, 'zh-CN');
    expect(rows.map((r) => [r.unit, r.rank])).toEqual([['full', 1], ['full2', 1], ['half', 3], ['none', null]]);
  });
});

describe('the period and report timeliness', () => {
  it.each([
    ['a past period: its last day is over', '2026-10-01', '2026-10-31', '2026-11-02', { cutoff: '2026-10-31', asOf: '2026-10-31' }],
    ['a period running today: yesterday is the last day over', '2026-11-01', '2026-11-30', '2026-11-02', { cutoff: '2026-11-01', asOf: '2026-11-02' }],
    ['a period ending today', '2026-11-01', '2026-11-02', '2026-11-02', { cutoff: '2026-11-01', asOf: '2026-11-02' }],
  ])('%s', (_n, from, to, today, want) => {
    expect(assessmentPeriod(from, to, today)).toMatchObject(want);
  });

  const dues = ['2026-11-06', '2026-11-13', '2026-11-20', '2026-11-27'];
  it.each([
    ['a report exactly on the due date is on time', ['2026-11-06'], '2026-11-01', '2026-11-30', '2026-11-30', { due: 4, onTime: 1 }],
    ['a report the day after the due date is late', ['2026-11-07'], '2026-11-01', '2026-11-30', '2026-11-30', { due: 4, onTime: 1 }],
    ['one report does not meet two due dates', ['2026-11-13'], '2026-11-01', '2026-11-30', '2026-11-30', { due: 4, onTime: 1 }],
    ['every due date met', ['2026-11-05', '2026-11-13', '2026-11-16', '2026-11-27'], '2026-11-01', '2026-11-30', '2026-11-30', { due: 4, onTime: 4 }],
    ['a report on the acceptance day meets nothing', ['2026-11-02'], '2026-11-01', '2026-11-30', '2026-11-30', { due: 4, onTime: 0 }],
    ['due dates before the period are left out', ['2026-11-20'], '2026-11-14', '2026-11-30', '2026-11-30', { due: 2, onTime: 1 }],
    ['today\'s due date counts only once met', [], '2026-11-01', '2026-11-19', '2026-11-20', { due: 2, onTime: 0 }],
    ['today\'s due date met counts as on time', ['2026-11-20'], '2026-11-01', '2026-11-19', '2026-11-20', { due: 3, onTime: 1 }],
  ])('%s', (_n, reports, from, cutoff, asOf, want) => {
    expect(reportTimeliness(dues, reports, '2026-11-02', from, cutoff, asOf)).toMatchObject(want);
  });

  it('lists the missed due dates', () => {
    expect(reportTimeliness(dues, ['2026-11-10'], '2026-11-02', '2026-11-01', '2026-11-30', '2026-11-30').missed).toEqual(['2026-11-06', '2026-11-20', '2026-11-27']);
  });
});
