// 督查考核: per-unit scores from the record. Pure: facts in, rates, points, total, rank and a sentence out.
// Results only — on-time acceptance, reports and completion, overdue work, returns, the supervisor's quality rating.
// There is deliberately no weight for logins, clicks, time online, photos or attachment counts (减负).
import { message } from '../../../common/messages.js';
import type { Locale } from '../../../common/roles.js';
import { addDays, type IsoDate } from '../../platform/calendar/working-days.js';
import { Invalid, type FieldError } from '../../platform/errors.js';

export const WEIGHT_KEYS = ['acceptOnTime', 'reportOnTime', 'completeOnTime', 'overdue', 'returns', 'quality'] as const;
export type WeightKey = (typeof WEIGHT_KEYS)[number];
export type Weights = Record<WeightKey, number>;

/** What the record says about one unit (as lead unit) in the period. */
export interface UnitFacts {
  /** Tasks assigned to the unit in the period. */
  assigned: number;
  /** Acceptances decided in the period: accepted in it by accept_due, or accept_due passed in it without acceptance. */
  acceptDue: number;
  acceptedOnTime: number;
  /** Report due dates in the period (from each task's cadence) and those met by a report after the previous due date. */
  reportsDue: number;
  reportsOnTime: number;
  /** Completions decided in the period: finished in it by the deadline, or the deadline passed in it unfinished. */
  completionDue: number;
  completedOnTime: number;
  /** Tasks open at some time in the period, and those of them still open past their deadline at its end. */
  active: number;
  overdue: number;
  /** Tasks the unit sent back (退回) in the period. */
  returns: number;
  /** The supervisor's quality ratings (1–5) of the completions in the period. */
  qualityCount: number;
  qualitySum: number;
}

export const NO_FACTS: UnitFacts = {
  assigned: 0, acceptDue: 0, acceptedOnTime: 0, reportsDue: 0, reportsOnTime: 0, completionDue: 0, completedOnTime: 0,
  active: 0, overdue: 0, returns: 0, qualityCount: 0, qualitySum: 0,
};

export type Rates = Record<WeightKey, number | null>;
export type Points = Record<WeightKey, number | null>;

export interface ScoredRow<U> {
  unit: U;
  facts: UnitFacts & { meanQuality: number | null };
  /** Score rates, 0–1, higher is better; null when nothing was due (the item is then left out, not counted as 0 or 1). */
  rates: Rates;
  points: Points;
  /** Out of 100, over the items that could be measured; null when none could. */
  total: number | null;
  /** 1 = best; ties share a rank (1, 1, 3); null for a unit with nothing to assess. */
  rank: number | null;
  explanation: string;
}

/** The period as the rules see it: `cutoff` is the last day that is over (things due by then and not done are late). */
export interface Period { from: IsoDate; to: IsoDate; cutoff: IsoDate; asOf: IsoDate }

export function assessmentPeriod(from: IsoDate, to: IsoDate, today: IsoDate): Period {
  const past = to < today;
  return { from, to, cutoff: past ? to : addDays(today, -1), asOf: past ? to : today };
}

/** Problems with a set of weights: every item present, non-negative integers, nothing else, summing to 100. */
export function weightErrors(w: unknown, field = 'assessment.weights'): FieldError[] {
  if (!w || typeof w !== 'object' || Array.isArray(w)) return [{ field, code: 'invalid.type', params: { expected: 'object' } }];
  const errors: FieldError[] = [];
  const obj = w as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (!(WEIGHT_KEYS as readonly string[]).includes(k)) errors.push({ field: `${field}/${k}`, code: 'invalid.unknownField' });
  let sum = 0;
  for (const k of WEIGHT_KEYS) {
    const v = obj[k];
    if (v === undefined) errors.push({ field: `${field}/${k}`, code: 'invalid.required' });
    else if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) errors.push({ field: `${field}/${k}`, code: 'assessment.weightNotInteger' });
    else sum += v;
  }
  if (!errors.length && sum !== 100) errors.push({ field, code: 'assessment.weightsSum', params: { sum } });
  return errors;
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

export function ratesOf(f: UnitFacts): Rates {
  return {
    acceptOnTime: ratio(f.acceptedOnTime, f.acceptDue),
    reportOnTime: ratio(f.reportsOnTime, f.reportsDue),
    completeOnTime: ratio(f.completedOnTime, f.completionDue),
    overdue: f.active > 0 ? 1 - f.overdue / f.active : null,
    returns: f.assigned + f.returns > 0 ? 1 - f.returns / (f.assigned + f.returns) : null,
    quality: f.qualityCount > 0 ? f.qualitySum / f.qualityCount / 5 : null,
  };
}

const round = (x: number, d: number) => Math.round(x * 10 ** d + Number.EPSILON * 10 ** d) / 10 ** d;

/** Points per item (weight × rate) and the total out of 100 over the items that could be measured. */
export function scoreOf(f: UnitFacts, w: Weights): { rates: Rates; points: Points; total: number | null; available: number } {
  const rates = ratesOf(f);
  const points = {} as Points;
  let got = 0; let available = 0;
  for (const k of WEIGHT_KEYS) {
    const r = rates[k];
    if (r === null) { points[k] = null; continue; }
    points[k] = round(w[k] * r, 2);
    got += w[k] * r; available += w[k];
  }
  const roundedRates = Object.fromEntries(WEIGHT_KEYS.map((k) => [k, rates[k] === null ? null : round(rates[k]!, 4)])) as Rates;
  return { rates: roundedRates, points, total: available > 0 ? round((100 * got) / available, 1) : null, available };
}

/** Competition ranking by total, highest first: equal totals share a rank and the next rank skips (1, 1, 3). */
export function rankTotals(totals: (number | null)[]): (number | null)[] {
  const order = totals.map((t, i) => ({ t, i })).filter((x) => x.t !== null).sort((a, b) => b.t! - a.t!);
  const ranks: (number | null)[] = totals.map(() => null);
  order.forEach((x, pos) => { ranks[x.i] = pos > 0 && order[pos - 1].t === x.t ? ranks[order[pos - 1].i] : pos + 1; });
  return ranks;
}

function explain(f: UnitFacts, w: Weights, s: ReturnType<typeof scoreOf>, locale: Locale): string {
  if (s.total === null) return message('assessment.explain.none', locale);
  const parts: string[] = []; const skipped: string[] = [];
  const mean = f.qualityCount ? round(f.qualitySum / f.qualityCount, 1) : null;
  const params: Record<WeightKey, Record<string, unknown>> = {
    acceptOnTime: { done: f.acceptedOnTime, due: f.acceptDue },
    reportOnTime: { done: f.reportsOnTime, due: f.reportsDue },
    completeOnTime: { done: f.completedOnTime, due: f.completionDue },
    overdue: { count: f.overdue, active: f.active },
    returns: { count: f.returns, assigned: f.assigned },
    quality: { mean, count: f.qualityCount },
  };
  for (const k of WEIGHT_KEYS) {
    if (w[k] === 0) continue;
    if (s.points[k] === null) { skipped.push(message(`assessment.item.${k}`, locale)); continue; }
    parts.push(message(`assessment.explain.${k}`, locale, { ...params[k], points: s.points[k], weight: w[k] }));
  }
  const sep = locale === 'zh-CN' ? '；' : '; ';
  let text = message('assessment.explain.total', locale, { total: s.total, parts: parts.join(sep) });
  if (skipped.length) text += sep + message('assessment.explain.skipped', locale, { items: skipped.join(locale === 'zh-CN' ? '、' : ', '), available: s.available });
  return text;
}

/** Scores every unit and ranks them. Refuses weights that are not non-negative integers summing to 100. */
export function scoreUnits<U>(rows: { unit: U; facts: UnitFacts }[], w: Weights, locale: Locale): ScoredRow<U>[] {
  const errors = weightErrors(w);
  if (errors.length) throw new Invalid(errors);
  const scored = rows.map((r) => ({ r, s: scoreOf(r.facts, w) }));
  const ranks = rankTotals(scored.map((x) => x.s.total));
  const out = scored.map(({ r, s }, i) => ({
    unit: r.unit,
    facts: { ...r.facts, meanQuality: r.facts.qualityCount ? round(r.facts.qualitySum / r.facts.qualityCount, 2) : null },
    rates: s.rates, points: s.points, total: s.total, rank: ranks[i], explanation: explain(r.facts, w, s, locale),
  }));
  // Ranked first (best first), then the units with nothing to assess, each group in the order given.
  return out.map((x, i) => ({ x, i })).sort((a, b) => (a.x.rank ?? Infinity) - (b.x.rank ?? Infinity) || a.i - b.i).map((y) => y.x);
}

/**
 * Report timeliness of one task: each due date from `from` to `cutoff` counts, met if a report came after the previous
 * due date (the first: after `firstPrev`, the acceptance day) and on or before it. A due date after `cutoff` (today,
 * not yet over) counts only once it is met. The same rule colours tasks (task-rag.ts).
 */
export function reportTimeliness(dues: IsoDate[], reports: IsoDate[], firstPrev: IsoDate, from: IsoDate, cutoff: IsoDate, asOf: IsoDate) {
  const sorted = [...reports].sort();
  const met: IsoDate[] = []; const missed: IsoDate[] = [];
  let prev = firstPrev; let i = 0;
  for (const due of dues) {
    if (due > asOf) break;
    while (i < sorted.length && sorted[i] <= prev) i++; // the first report after the previous due date
    const ok = i < sorted.length && sorted[i] <= due;
    if (due >= from) {
      if (due <= cutoff) (ok ? met : missed).push(due);
      else if (ok) met.push(due);
    }
    prev = due;
  }
  return { due: met.length + missed.length, onTime: met.length, met, missed };
}
