// The API's answers for the three pages, named (derived from the generated schema, never written by hand).
import type { paths } from '../../api/schema';

type J<T> = T extends { content: { 'application/json': infer X } } ? X : never;

export type Assessment = J<paths['/api/v1/assessment']['get']['responses'][200]>;
export type AssessmentRow = Assessment['rows'][number];
export type AssessmentPeriod = Assessment['period'];
export type Weights = Assessment['weights'];
export type UnitAssessment = J<paths['/api/v1/assessment/units/{unitId}']['get']['responses'][200]>;
export type Bulletin = J<paths['/api/v1/bulletins/preview']['get']['responses'][200]>;
export type Burden = J<paths['/api/v1/burden']['get']['responses'][200]>;
export type BurdenRow = Burden['rows'][number];

export const WEIGHT_KEYS = ['acceptOnTime', 'reportOnTime', 'completeOnTime', 'overdue', 'returns', 'quality'] as const;
export type WeightKey = (typeof WEIGHT_KEYS)[number];
