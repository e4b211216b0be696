// Pure rules of the project library: code shapes and the date checks that name the field at fault.
import type { FieldError } from '../../platform/errors.js';
import type { ProjectStage } from '../../../common/project-labels.js';

/**
 * 投资项目统一代码: 24 characters, five hyphen-joined groups 4-6-2-2-6 (year, region, department, type, then five
 * characters and a check character). The check algorithm is not public, so only the shape is checked; the last group
 * may carry capital letters in codes issued under GB/T 40058-2021.
 */
export const PROJECT_CODE_RE = /^\d{4}-\d{6}-\d{2}-\d{2}-[0-9A-Z]{6}$/;
export function projectCodeShapeOk(code: string): boolean {
  return code.length === 24 && PROJECT_CODE_RE.test(code);
}

/** 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and A-Z without I, O, Z, S, V; shape only. */
export const CREDIT_CODE_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
export const creditCodeShapeOk = (code: string): boolean => CREDIT_CODE_RE.test(code);

/** GB/T 4754 industry code: a section letter (A–T), or a 2-, 3- or 4-digit class, optionally prefixed by the letter. */
export const INDUSTRY_CODE_RE = /^([A-T]|[A-T]?\d{2,4})$/;

/** Stages where the project has no code yet as a matter of course. */
export const CODE_OPTIONAL_STAGES: readonly ProjectStage[] = ['planning', 'reserve'];

export interface ProjectFacts {
  projectCode?: string | null; ownerCreditCode?: string | null; industryCode?: string | null;
  plannedStart?: string | null; actualStart?: string | null; plannedCompletion?: string | null; actualCompletion?: string | null;
  totalInvestment?: number | null; yearPlan?: number | null;
  stage: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
export const isDate = (s: string): boolean => DATE_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** Every broken rule on a project's facts, each naming its field. `today` bounds the actual dates. */
export function projectFactErrors(p: ProjectFacts, today: string): FieldError[] {
  const e: FieldError[] = [];
  if (p.projectCode) { if (!projectCodeShapeOk(p.projectCode)) e.push({ field: 'projectCode', code: 'projects.codeShape' }); }
  else if (!CODE_OPTIONAL_STAGES.includes(p.stage as ProjectStage)) e.push({ field: 'projectCode', code: 'projects.codeRequired' });
  if (p.ownerCreditCode && !creditCodeShapeOk(p.ownerCreditCode)) e.push({ field: 'ownerCreditCode', code: 'projects.creditCodeShape' });
  if (p.industryCode && !INDUSTRY_CODE_RE.test(p.industryCode)) e.push({ field: 'industryCode', code: 'projects.industryCode' });
  for (const f of ['plannedStart', 'actualStart', 'plannedCompletion', 'actualCompletion'] as const) {
    const v = p[f];
    if (v && !isDate(v)) e.push({ field: f, code: 'invalid.format', params: { format: 'YYYY-MM-DD' } });
  }
  if (e.some((x) => x.code === 'invalid.format')) return e;
  if (p.actualStart && p.actualStart > today) e.push({ field: 'actualStart', code: 'projects.actualInFuture' });
  if (p.actualCompletion && p.actualCompletion > today) e.push({ field: 'actualCompletion', code: 'projects.actualInFuture' });
  if (p.plannedStart && p.plannedCompletion && p.plannedCompletion < p.plannedStart) e.push({ field: 'plannedCompletion', code: 'projects.completionBeforeStart' });
  if (p.actualCompletion && !p.actualStart) e.push({ field: 'actualStart', code: 'projects.completionWithoutStart' });
  if (p.actualStart && p.actualCompletion && p.actualCompletion < p.actualStart) e.push({ field: 'actualCompletion', code: 'projects.completionBeforeStart' });
  if (p.totalInvestment !== undefined && p.totalInvestment !== null && !(p.totalInvestment > 0)) e.push({ field: 'totalInvestment', code: 'projects.positive' });
  if (p.yearPlan !== undefined && p.yearPlan !== null) {
    if (p.yearPlan < 0) e.push({ field: 'yearPlan', code: 'projects.positive' });
    else if (p.totalInvestment && p.yearPlan > p.totalInvestment) e.push({ field: 'yearPlan', code: 'projects.planAboveTotal' });
  }
  // A project under construction or beyond has started.
  if (['construction', 'completed', 'operating'].includes(p.stage) && !p.actualStart) e.push({ field: 'actualStart', code: 'projects.startRequired' });
  if (['completed', 'operating'].includes(p.stage) && !p.actualCompletion) e.push({ field: 'actualCompletion', code: 'projects.completionRequired' });
  return e;
}
