import { describe, expect, it } from 'vitest';
import { addMonths, DEFAULT_THRESHOLDS, monthsElapsed, timeShare, trafficLight, type LightInput } from './traffic-light-rules.js';

// 2026-07-15: January–June have ended → 序时进度 6/12 = 50%.
const base: LightInput = { today: '2026-07-15', stage: 'construction', plannedStart: '2026-01-10', actualStart: '2026-01-20', yearPlanned: 1000, yearCompleted: 500 };
const light = (over: Partial<LightInput>) => trafficLight({ ...base, ...over });

describe('序时进度', () => {
  it('counts the months whose period has ended', () => {
    expect(monthsElapsed('2026-01-31')).toBe(0);
    expect(monthsElapsed('2026-02-01')).toBe(1);
    expect(monthsElapsed('2026-12-31')).toBe(11);
    expect(timeShare('2026-07-01')).toBe(50);
    expect(timeShare('2026-04-10')).toBe(25);
    expect(timeShare('2026-01-05')).toBe(0);
  });
  it('adds whole months, clamping to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-01', -3)).toBe('2025-12-01');
  });
});

describe('traffic lights at their boundaries (defaults: yellow 10–30 behind, red > 30 or not started 3 months on)', () => {
  it('is green on pace and just under 10 points behind', () => {
    expect(light({ yearCompleted: 500 }).light).toBe('green');
    expect(light({ yearCompleted: 401 }).light).toBe('green'); // 40.1% → 9.9 behind
    expect(light({ yearCompleted: 401 }).behind).toBe(9.9);
  });
  it('is yellow from exactly 10 points behind to exactly 30', () => {
    expect(light({ yearCompleted: 400 }).light).toBe('yellow'); // 10.0 behind
    expect(light({ yearCompleted: 200 }).light).toBe('yellow'); // 30.0 behind
    expect(light({ yearCompleted: 200 }).reasons[0]).toMatchObject({ code: 'projectLight.behindYellow', params: { behind: 30, timeShare: 50, rate: 20 } });
  });
  it('is red above 30 points behind', () => {
    const r = light({ yearCompleted: 199 }); // 19.9% → 30.1 behind
    expect(r.light).toBe('red');
    expect(r.reasons[0].code).toBe('projectLight.behindRed');
  });
  it('is green ahead of schedule and when nothing is planned says so', () => {
    expect(light({ yearCompleted: 900 }).light).toBe('green');
    const none = light({ yearPlanned: 0 });
    expect(none.light).toBe('green');
    expect(none.completionRate).toBeNull();
    expect(none.reasons.map((r) => r.code)).toEqual(['projectLight.noYearPlan']);
  });
  it('flags a project not started: yellow after the planned start, red 3 whole months after it', () => {
    const p = { stage: 'preparation', actualStart: null, plannedStart: '2026-04-15', yearCompleted: 500 };
    expect(light({ ...p, today: '2026-04-15' }).light).toBe('green'); // the planned day itself
    expect(light({ ...p, today: '2026-04-16' }).light).toBe('yellow');
    expect(light({ ...p, today: '2026-07-14' }).light).toBe('yellow');
    const red = light({ ...p, today: '2026-07-15' });
    expect(red.light).toBe('red');
    expect(red.reasons.map((r) => r.code)).toContain('projectLight.notStartedRed');
  });
  it('takes the worst of both rules and keeps every reason', () => {
    const r = light({ stage: 'preparation', actualStart: null, plannedStart: '2026-06-01', yearCompleted: 350 }); // 15 behind, not started 1.5 months
    expect(r.light).toBe('yellow');
    expect(r.reasons.map((x) => x.code)).toEqual(['projectLight.behindYellow', 'projectLight.notStartedYellow']);
  });
  it('counts a construction-stage project as started even without a start date', () => {
    expect(light({ stage: 'construction', actualStart: null, plannedStart: '2026-01-01' }).light).toBe('green');
  });
  it('gives no light to projects in planning, reserve, completed or operating', () => {
    for (const stage of ['planning', 'reserve', 'completed', 'operating']) expect(light({ stage, yearCompleted: 0 }).light).toBe('none');
  });
  it('follows the settings', () => {
    const t = { ...DEFAULT_THRESHOLDS, yellowBehind: 5, redBehind: 20, notStartedRedMonths: 1 };
    expect(trafficLight({ ...base, yearCompleted: 450 }, t).light).toBe('yellow');
    expect(trafficLight({ ...base, yearCompleted: 290 }, t).light).toBe('red');
    expect(trafficLight({ ...base, stage: 'preparation', actualStart: null, plannedStart: '2026-06-15' }, t).light).toBe('red');
  });
});
