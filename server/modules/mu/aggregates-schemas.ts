import { Type, type Static } from 'typebox';
import { StringEnum } from '../../platform/http/schemas.js';
import { RunRef } from './policies-schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const RegionCode = Type.String({ pattern: '^[0-9]{6,12}$' });

export const AnalysisQuery = Type.Object({
  /** The evaluation year; the latest year with a published run when absent. */
  year: Type.Optional(Year),
  regionCode: Type.Optional(RegionCode),
}, { additionalProperties: false });
export type AnalysisFilter = Static<typeof AnalysisQuery>;

export const CLASS_DIMENSIONS = ['township', 'park', 'industry'] as const;
export const PER_MU_DIMENSIONS = ['township', 'industry'] as const;
export const ANALYSIS_TABLES = ['classes-township', 'classes-park', 'classes-industry', 'per-mu-township', 'per-mu-industry', 'transitions', 'scores'] as const;
export type AnalysisTable = typeof ANALYSIS_TABLES[number];

export const ClassesQuery = Type.Object({ ...AnalysisQuery.properties, by: StringEnum(CLASS_DIMENSIONS) }, { additionalProperties: false });
export const PerMuQuery = Type.Object({ ...AnalysisQuery.properties, by: StringEnum(PER_MU_DIMENSIONS) }, { additionalProperties: false });
export const ScoresQuery = Type.Object({
  ...AnalysisQuery.properties,
  bins: Type.Optional(Type.Integer({ minimum: 2, maximum: 40 })),
  /** One evaluation group (规上, 规下 …): scores of different groups are on different scales. */
  groupKey: Type.Optional(Type.String({ maxLength: 60 })),
}, { additionalProperties: false });
export const ExportQuery = Type.Object({
  ...AnalysisQuery.properties,
  table: StringEnum(ANALYSIS_TABLES),
  bins: Type.Optional(Type.Integer({ minimum: 2, maximum: 40 })),
  groupKey: Type.Optional(Type.String({ maxLength: 60 })),
}, { additionalProperties: false });

export const AnalysisYears = Type.Array(Type.Object({ year: Type.Integer(), runId: Type.String(), publishedAt: Nullable(Type.String()) }));

const ClassCountRow = Type.Object({
  /** Township code, park name or GB/T 4754 division (two digits); null = not filled in. */
  key: Nullable(Type.String()), name: Type.String(),
  A: Type.Integer(), B: Type.Integer(), C: Type.Integer(), D: Type.Integer(),
  /** In the run but not evaluated (the 不定等级 list: utilities, new firms, small tenants …). */
  notEvaluated: Type.Integer(), total: Type.Integer(),
});
export type ClassCountRowView = Static<typeof ClassCountRow>;
export const ClassCounts = Type.Object({ run: Nullable(RunRef), by: StringEnum(CLASS_DIMENSIONS), rows: Type.Array(ClassCountRow), totals: ClassCountRow });

const PerMuRow = Type.Object({
  key: Nullable(Type.String()), name: Type.String(),
  /** Evaluated enterprises with land counted in the sums. */
  enterprises: Type.Integer(),
  tax: Type.Number(), valueAdded: Type.Number(), land: Type.Number(),
  /** Σ tax ÷ Σ land (万元/亩) — sum over sum, not the mean of the enterprises' ratios. */
  perMuTax: Nullable(Type.Number()),
  perMuValueAdded: Nullable(Type.Number()),
});
export type PerMuRowView = Static<typeof PerMuRow>;
export const PerMu = Type.Object({ run: Nullable(RunRef), by: StringEnum(PER_MU_DIMENSIONS), method: Type.String(), rows: Type.Array(PerMuRow), totals: PerMuRow });

const Counts = Type.Record(Type.String(), Type.Integer());
export const Transitions = Type.Object({
  run: Nullable(RunRef), previousRun: Nullable(RunRef),
  /** Row and column keys: A, B, C, D, then none (not classed or not in that year's run). */
  keys: Type.Array(Type.String()),
  /** counts[from][to] */
  counts: Type.Record(Type.String(), Counts),
  up: Type.Integer(), down: Type.Integer(), same: Type.Integer(),
});

export const Scores = Type.Object({
  run: Nullable(RunRef),
  groups: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), count: Type.Integer() })),
  groupKey: Nullable(Type.String()),
  count: Type.Integer(), mean: Nullable(Type.Number()), median: Nullable(Type.Number()),
  bins: Type.Array(Type.Object({ from: Type.Number(), to: Type.Number(), total: Type.Integer(), byClass: Counts })),
});
