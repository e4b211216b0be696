// 红黄绿灯 against 序时进度 ("时间过半、任务过半"). Pure: the facts of one project in, a colour and its reasons out.
//
// 序时进度 is counted in whole months, the way the monthly reports count: on a given day the months whose report
// period has ended (January … the previous month) over 12. The completion rate is the year's investment completed in
// those months (1-N月完成投资) over the year's planned investment. Points behind = 序时进度 − completion rate, in points.
//   green  : fewer than `yellowBehind` points behind (default 10)
//   yellow : `yellowBehind` … `redBehind` points behind, both ends included (default 10–30)
//   red    : more than `redBehind` points behind (default 30)
// The start date against the plan: a project not started (no actual start) on the day after its planned start is
// yellow; `notStartedRedMonths` whole months after the planned start (default 3) it is red.
// The colour is the worst of the two; every rule that fired is a reason, so the page can say why.

export type Light = 'green' | 'yellow' | 'red' | 'none';

export interface LightThresholds {
  /** Points behind 序时进度 from which a project is yellow (inclusive). */
  yellowBehind: number;
  /** Points behind 序时进度 above which a project is red (exclusive). */
  redBehind: number;
  /** Whole months after the planned start without a start that make a project red. */
  notStartedRedMonths: number;
}

export const DEFAULT_THRESHOLDS: LightThresholds = { yellowBehind: 10, redBehind: 30, notStartedRedMonths: 3 };

export interface LightInput {
  /** The day the colour is for ('YYYY-MM-DD', Asia/Shanghai). */
  today: string;
  stage: string;
  plannedStart: string | null;
  actualStart: string | null;
  /** This year's planned investment (万元); null or 0 = no plan for the year. */
  yearPlanned: number | null;
  /** This year's investment completed in the months counted by 序时进度 (万元). */
  yearCompleted: number;
}

export interface LightReason { code: string; params?: Record<string, string | number> }
export interface LightResult {
  light: Light;
  reasons: LightReason[];
  /** 序时进度 in percent (0–100, one decimal). */
  timeShare: number;
  /** The year's completion rate in percent (one decimal), null without a plan. */
  completionRate: number | null;
  /** Points behind 序时进度 (negative = ahead), null without a plan. */
  behind: number | null;
}

/** Stages with nothing to build yet or nothing left to build: no light. */
const NO_LIGHT_STAGES = new Set(['planning', 'reserve', 'completed', 'operating']);
const STARTED_STAGES = new Set(['construction', 'completed', 'operating']);
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Months whose report period has ended by `today` in today's year (0 in January). */
export function monthsElapsed(today: string): number {
  return Number(today.slice(5, 7)) - 1;
}

/** 序时进度 in percent on a day: monthsElapsed / 12. */
export function timeShare(today: string): number {
  return round1((monthsElapsed(today) / 12) * 100);
}

/** The date `months` whole months after `date` (the same day of the month, clamped to the month's last day). */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4)); const m = Number(date.slice(5, 7)) - 1 + months; const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12); const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const rank: Record<Light, number> = { none: 0, green: 1, yellow: 2, red: 3 };
const worst = (a: Light, b: Light): Light => (rank[a] >= rank[b] ? a : b);

export function trafficLight(p: LightInput, t: LightThresholds = DEFAULT_THRESHOLDS): LightResult {
  const share = timeShare(p.today);
  const planned = p.yearPlanned && p.yearPlanned > 0 ? p.yearPlanned : null;
  const rate = planned ? round1((p.yearCompleted / planned) * 100) : null;
  const behind = rate === null ? null : round1(share - rate);
  if (NO_LIGHT_STAGES.has(p.stage)) {
    return { light: 'none', reasons: [{ code: 'projectLight.stageNoLight' }], timeShare: share, completionRate: rate, behind };
  }
  let light: Light = 'green';
  const reasons: LightReason[] = [];
  if (behind !== null) {
    const params = { behind, timeShare: share, rate: rate! };
    if (behind > t.redBehind) { light = 'red'; reasons.push({ code: 'projectLight.behindRed', params: { ...params, limit: t.redBehind } }); }
    else if (behind >= t.yellowBehind) { light = 'yellow'; reasons.push({ code: 'projectLight.behindYellow', params: { ...params, from: t.yellowBehind, to: t.redBehind } }); }
    else reasons.push({ code: 'projectLight.onPace', params });
  } else {
    reasons.push({ code: 'projectLight.noYearPlan' });
  }
  const started = !!p.actualStart || STARTED_STAGES.has(p.stage);
  if (!started && p.plannedStart && p.today > p.plannedStart) {
    const redOn = addMonths(p.plannedStart, t.notStartedRedMonths);
    if (p.today >= redOn) { light = worst(light, 'red'); reasons.push({ code: 'projectLight.notStartedRed', params: { plannedStart: p.plannedStart, months: t.notStartedRedMonths } }); }
    else { light = worst(light, 'yellow'); reasons.push({ code: 'projectLight.notStartedYellow', params: { plannedStart: p.plannedStart, redOn } }); }
  }
  return { light, reasons, timeShare: share, completionRate: rate, behind };
}
