import { describe, expect, it } from 'vitest';
import { parseCadence, parseDate, parseLevel, parseSource, splitNames } from './task-sheet.js';

describe('reading a task sheet\'s cells', () => {
  it.each([
    ['2026-12-31', { ok: '2026-12-31' }],
    ['2026/1/5', { ok: '2026-01-05' }],
    ['2026.12.31', { ok: '2026-12-31' }],
    ['2026年12月31日', { ok: '2026-12-31' }],
    ['2026年12月31日前', { ok: '2026-12-31' }],
    [' 2026年 3月 1日 ', { ok: '2026-03-01' }],
    ['2026年2月底前', { ok: '2026-02-28' }],
    ['2028年2月底', { ok: '2028-02-29' }],
    ['2026年底前', { ok: '2026-12-31' }],
    ['46387', { ok: '2026-12-31' }], // an Excel serial number
    ['2026-02-30', { code: 'task.import.badDate', params: { value: '2026-02-30' } }],
    ['2026-13-01', { code: 'task.import.badDate', params: { value: '2026-13-01' } }],
    ['下月', { code: 'task.import.badDate', params: { value: '下月' } }],
    ['长期', { code: 'task.import.deadlineOngoing', params: { value: '长期' } }],
    ['长期坚持', { code: 'task.import.deadlineOngoing', params: { value: '长期坚持' } }],
    ['持续推进', { code: 'task.import.deadlineOngoing', params: { value: '持续推进' } }],
  ])('date %j → %j', (text, want) => {
    expect(parseDate(text)).toEqual(want);
  });

  it.each([
    [undefined, { ok: { cadence: 'once', cadenceDay: null } }],
    ['一次性', { ok: { cadence: 'once', cadenceDay: null } }],
    ['每周', { ok: { cadence: 'weekly', cadenceDay: null } }],
    ['每两周', { ok: { cadence: 'fortnightly', cadenceDay: null } }],
    ['每月', { ok: { cadence: 'monthly', cadenceDay: null } }],
    ['每月25日', { ok: { cadence: 'day_of_month', cadenceDay: 25 } }],
    ['每月1号前', { ok: { cadence: 'day_of_month', cadenceDay: 1 } }],
    ['每月28日', { ok: { cadence: 'day_of_month', cadenceDay: 28 } }],
    ['每月29日', { code: 'task.cadenceDayRange' }],
    ['每月0日', { code: 'task.cadenceDayRange' }],
    ['每天', { code: 'invalid.enum', params: { allowed: '一次性、每周、每两周、每月、每月N日' } }],
  ])('cadence %j → %j', (text, want) => {
    expect(parseCadence(text)).toEqual(want);
  });

  it.each([[undefined, 'normal'], ['一般', 'normal'], ['重点', 'key'], ['特急', 'urgent'], ['紧急', 'urgent']])('level %j → %s', (text, want) => {
    expect(parseLevel(text)).toEqual({ ok: want });
  });
  it('refuses an unknown level with the allowed ones', () => {
    expect(parseLevel('超级')).toEqual({ code: 'invalid.enum', params: { allowed: '一般、重点、特急' } });
  });

  it.each([
    ['领导批示', undefined, 'instruction'],
    ['会议议定事项', undefined, 'meeting'],
    ['县政府常务会议', undefined, 'meeting'],
    ['年度重点工作', undefined, 'key_work'],
    ['人大建议', undefined, 'npc_suggestion'],
    ['政协提案', undefined, 'cppcc_proposal'],
    ['审计整改', undefined, 'audit'],
    ['', '第12次常务会议', 'meeting'],
    ['audit', undefined, 'audit'],
  ])('source %j (meeting %j) → %s', (text, meeting, want) => {
    expect(parseSource(text, meeting)).toEqual({ ok: want });
  });
  it('needs a source unless the meeting is named', () => {
    expect(parseSource('', undefined)).toEqual({ code: 'invalid.required' });
    expect(parseSource('其他', undefined)).toMatchObject({ code: 'invalid.enum' });
  });

  it('splits co-units on 、，, ; ； and line breaks, dropping blanks and repeats', () => {
    expect(splitNames('住建局、财政局，自然资源局; 交通局；\n财政局 ,')).toEqual(['住建局', '财政局', '自然资源局', '交通局']);
    expect(splitNames(undefined)).toEqual([]);
  });
});
