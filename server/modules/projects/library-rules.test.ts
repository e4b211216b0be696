import { describe, expect, it } from 'vitest';
import { creditCodeShapeOk, isDate, projectCodeShapeOk, projectFactErrors } from './library-rules.js';

const fields = (e: { field: string; code: string }[]) => e.map((x) => `${x.field}:${x.code}`);

describe('投资项目统一代码 shape', () => {
  it('accepts 4-6-2-2-6 digit groups, 24 characters', () => {
    expect(projectCodeShapeOk('2018-330100-47-03-012345')).toBe(true);
    expect(projectCodeShapeOk('2025-990121-44-01-00012X')).toBe(true);
  });
  it('refuses other shapes', () => {
    for (const c of ['2018-330100-47-03-01234', '2018-330100-47-03-0123456', '201-3301000-47-03-012345', '2018330100470301234500000',
      '2018_330100_47_03_012345', '2018-33010A-47-03-012345', ' 2018-330100-47-03-012345', '2018-330100-47-03-01234x']) {
      expect(projectCodeShapeOk(c), c).toBe(false);
    }
  });
});

describe('统一社会信用代码 shape', () => {
  it('accepts 18 characters without I O Z S V', () => {
    expect(creditCodeShapeOk('91330100MA2B3C4D5E')).toBe(true);
    expect(creditCodeShapeOk('91330100MA2B3C4D5')).toBe(false);
    expect(creditCodeShapeOk('91330100MA2B3C4D5I')).toBe(false);
  });
});

describe('dates and facts', () => {
  const today = '2026-06-30';
  it('a real calendar date only', () => {
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2026-02-30')).toBe(false);
    expect(isDate('2026-2-3')).toBe(false);
  });
  it('code optional while 谋划/储备, required from 前期', () => {
    expect(projectFactErrors({ stage: 'reserve' }, today)).toEqual([]);
    expect(fields(projectFactErrors({ stage: 'preparation' }, today))).toEqual(['projectCode:projects.codeRequired']);
    expect(fields(projectFactErrors({ stage: 'planning', projectCode: 'abc' }, today))).toEqual(['projectCode:projects.codeShape']);
  });
  it('names the date at fault', () => {
    const base = { stage: 'reserve' };
    expect(fields(projectFactErrors({ ...base, plannedStart: '2026-05-01', plannedCompletion: '2026-04-30' }, today))).toEqual(['plannedCompletion:projects.completionBeforeStart']);
    expect(projectFactErrors({ ...base, plannedStart: '2026-05-01', plannedCompletion: '2026-05-01' }, today)).toEqual([]);
    expect(fields(projectFactErrors({ ...base, actualStart: '2026-07-01' }, today))).toEqual(['actualStart:projects.actualInFuture']);
    expect(projectFactErrors({ ...base, actualStart: today }, today)).toEqual([]);
    expect(fields(projectFactErrors({ ...base, actualCompletion: '2026-01-01' }, today))).toEqual(['actualStart:projects.completionWithoutStart']);
    expect(fields(projectFactErrors({ ...base, actualStart: '2026-03-01', actualCompletion: '2026-02-28' }, today))).toEqual(['actualCompletion:projects.completionBeforeStart']);
    expect(fields(projectFactErrors({ ...base, plannedStart: '2026-13-01' }, today))).toEqual(['plannedStart:invalid.format']);
  });
  it('stages need their dates; amounts are sane', () => {
    const code = '2025-990121-44-01-000123';
    expect(fields(projectFactErrors({ stage: 'construction', projectCode: code }, today))).toEqual(['actualStart:projects.startRequired']);
    expect(fields(projectFactErrors({ stage: 'completed', projectCode: code, actualStart: '2025-01-01' }, today))).toEqual(['actualCompletion:projects.completionRequired']);
    expect(fields(projectFactErrors({ stage: 'reserve', totalInvestment: 0 }, today))).toEqual(['totalInvestment:projects.positive']);
    expect(fields(projectFactErrors({ stage: 'reserve', totalInvestment: 100, yearPlan: 101 }, today))).toEqual(['yearPlan:projects.planAboveTotal']);
    expect(projectFactErrors({ stage: 'reserve', totalInvestment: 100, yearPlan: 100 }, today)).toEqual([]);
  });
});
