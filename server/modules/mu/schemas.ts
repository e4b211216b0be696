// TypeBox schemas of the 亩均 evaluation API (schemes, adjustments, runs, results). The scheme definition is typed
// here field by field (flat objects with a `mode`), so a wrong type is refused naming its field; the rules that span
// fields (weights adding up, class shares not overlapping) are rules.ts's validateScheme.
import { Type, type Static } from 'typebox';
import { ENTERPRISE_FIELDS } from '../../../common/enterprise-fields.js';
import { Id, Page, PageQuery, StringEnum } from '../../platform/http/schemas.js';
import { MU_CLASSES } from './rules.js';

// Nullable as one type with `nullable` (not a union): with coerceTypes a union's number branch would turn null into 0.
const NullNum = Type.Unsafe<number | null>({ type: 'number', nullable: true });
const NullBool = Type.Unsafe<boolean | null>({ type: 'boolean', nullable: true });
const NullStr = (maxLength: number) => Type.Unsafe<string | null>({ type: 'string', maxLength, nullable: true });
const Key = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' });
const Operand = StringEnum([...ENTERPRISE_FIELDS, 'land'] as const);
const NullOperand = Type.Unsafe<(typeof ENTERPRISE_FIELDS)[number] | 'land' | null>({ type: 'string', enum: [...ENTERPRISE_FIELDS, 'land', null], nullable: true });
const MuClass = StringEnum(MU_CLASSES);

export const Indicator = Type.Object({
  key: Key,
  name: Type.Optional(NullStr(40)),
  numerator: Type.Optional(NullOperand),
  denominator: Type.Optional(NullOperand),
  unit: Type.Optional(NullStr(20)),
  weight: Type.Number(),
  benchmark: Type.Object({
    mode: StringEnum(['fixed', 'groupRatio', 'mean', 'lastYear'] as const),
    value: Type.Optional(NullNum), multiple: Type.Optional(NullNum),
  }, { additionalProperties: false }),
  cap: NullNum,
  missing: Type.Object({ mode: StringEnum(['zero', 'groupAverage', 'deduct'] as const), points: Type.Optional(NullNum) }, { additionalProperties: false }),
  nonPositive: StringEnum(['zero', 'proportional'] as const),
}, { additionalProperties: false });

export const Group = Type.Object({
  key: Key,
  name: Type.String({ maxLength: 40 }),
  scope: Type.Object({
    aboveScale: NullBool,
    minLandMu: NullNum,
    minYearsProducing: NullNum,
    industryPrefixes: Type.Array(Type.String({ minLength: 1, maxLength: 5, pattern: '^[A-Z0-9]+$' }), { maxItems: 50 }),
  }, { additionalProperties: false }),
  method: StringEnum(['ratio', 'minmax'] as const),
  indicators: Type.Array(Indicator, { maxItems: 20 }),
  classes: Type.Object({ mode: StringEnum(['share', 'cutoff'] as const), A: Type.Number(), B: Type.Number(), C: Type.Number() }, { additionalProperties: false }),
}, { additionalProperties: false });

export const SchemeDefinition = Type.Object({
  groups: Type.Array(Group, { maxItems: 20 }),
  exclusions: Type.Array(Type.Object({
    key: Key, reason: Type.String({ maxLength: 60 }),
    industryPrefixes: Type.Array(Type.String({ minLength: 1, maxLength: 5, pattern: '^[A-Z0-9]+$' }), { maxItems: 50 }),
    producingYearsBelow: NullNum,
    creditCodes: Type.Array(Type.String({ minLength: 18, maxLength: 18 }), { maxItems: 500 }),
  }, { additionalProperties: false }), { maxItems: 20 }),
  adjustments: Type.Array(Type.Object({
    key: Key, name: Type.String({ maxLength: 40 }),
    source: StringEnum(['tenants', 'input'] as const),
    points: Type.Number(), firstPoints: NullNum, freeUnits: Type.Number({ minimum: 0 }),
    forceClass: Type.Unsafe<'A' | 'B' | 'C' | 'D' | null>({ type: 'string', enum: [...MU_CLASSES, null], nullable: true }),
    groups: Type.Array(Key, { maxItems: 20 }),
  }, { additionalProperties: false }), { maxItems: 30 }),
  rounding: StringEnum(['round', 'floor', 'ceil'] as const),
  ties: StringEnum(['better', 'worse'] as const),
  classLabels: Type.Object({ A: Type.String({ maxLength: 20 }), B: Type.String({ maxLength: 20 }), C: Type.String({ maxLength: 20 }), D: Type.String({ maxLength: 20 }) }, { additionalProperties: false }),
}, { additionalProperties: false, $id: 'MuSchemeDefinition' });
export type SchemeDefinitionInput = Static<typeof SchemeDefinition>;

const SchemeStatus = StringEnum(['draft', 'active', 'retired'] as const);
export const Scheme = Type.Object({
  id: Type.String(), regionCode: Type.String(), year: Type.Integer(), name: Type.String(), version: Type.Integer(), status: SchemeStatus,
  definition: Type.Ref('MuSchemeDefinition'), createdBy: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(), updatedAt: Type.String(),
  runCount: Type.Integer(),
  versions: Type.Array(Type.Object({ id: Type.String(), version: Type.Integer(), status: SchemeStatus, updatedAt: Type.String() })),
}, { $id: 'MuScheme' });
export type SchemeView = Static<typeof Scheme>;
export const SchemeSummary = Type.Object({
  id: Type.String(), year: Type.Integer(), name: Type.String(), version: Type.Integer(), status: SchemeStatus, updatedAt: Type.String(),
  groupCount: Type.Integer(),
});
export const SchemeList = Type.Object({ items: Type.Array(SchemeSummary), /** The actor works in the 亩均 office (may edit and run). */ canManage: Type.Boolean() });
export const SchemeCreate = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  name: Type.String({ minLength: 2, maxLength: 60, pattern: '\\S' }),
  /** Omitted: last year's latest version, or the 黄岩 2022 model if there is none. */
  definition: Type.Optional(Type.Ref('MuSchemeDefinition')),
}, { additionalProperties: false });
export const SchemeUpdate = Type.Object({
  /** The version being edited (optimistic check: another editor's save answers 409). */
  version: Type.Integer({ minimum: 1 }),
  name: Type.Optional(Type.String({ minLength: 2, maxLength: 60, pattern: '\\S' })),
  definition: Type.Ref('MuSchemeDefinition'),
}, { additionalProperties: false });
export type SchemeCreateInput = Static<typeof SchemeCreate>;
export type SchemeUpdateInput = Static<typeof SchemeUpdate>;

export const YearQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false });

export const Adjustment = Type.Object({
  year: Type.Integer(), enterpriseId: Type.String(), creditCode: Type.String(), name: Type.String(), itemKey: Type.String(), itemName: Type.String(),
  quantity: Type.Number(), note: Type.Union([Type.String(), Type.Null()]), updatedAt: Type.String(),
});
export const AdjustmentList = Type.Object({
  items: Type.Array(Adjustment),
  /** The items of the year's scheme that take entered quantities. */
  inputItems: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), points: Type.Number(), forceClass: Type.Union([Type.String(), Type.Null()]) })),
});
export const AdjustmentPut = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  enterpriseId: Id,
  itemKey: Key,
  /** 0 removes the entry. */
  quantity: Type.Number({ minimum: 0, maximum: 1000 }),
  note: Type.Optional(NullStr(200)),
}, { additionalProperties: false });
export type AdjustmentPutInput = Static<typeof AdjustmentPut>;

export const AdjustmentYearQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
export const AdjustmentImportQuery = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  /** true or 1: write all rows or none; default a preview. */
  commit: Type.Optional(Type.Union([Type.Boolean(), StringEnum(['0', '1'] as const)])),
}, { additionalProperties: false });
const AdjustmentValue = Type.Union([Type.Object({ quantity: Type.Number(), note: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]);
export const AdjustmentImportResult = Type.Object({
  committed: Type.Boolean(),
  /** wide: one row per enterprise, a column per item (a blank cell removes); long: one row per enterprise and item. */
  layout: StringEnum(['wide', 'long'] as const),
  total: Type.Integer(), created: Type.Integer(), updated: Type.Integer(), removed: Type.Integer(), unchanged: Type.Integer(),
  changes: Type.Array(Type.Object({
    row: Type.Integer(), enterpriseId: Type.String(), creditCode: Type.String(), name: Type.String(), itemKey: Type.String(), itemName: Type.String(),
    kind: StringEnum(['added', 'changed', 'removed'] as const), before: AdjustmentValue, after: AdjustmentValue,
  })),
  /** More than the first 1,000 changes: the rest are counted, not listed. */
  changesTruncated: Type.Boolean(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), field: Type.String(), code: Type.String(), message: Type.String() })),
});

const RunStatus = StringEnum(['draft', 'published'] as const);
export const Run = Type.Object({
  id: Type.String(), regionCode: Type.String(), year: Type.Integer(), schemeId: Type.String(), schemeVersion: Type.Integer(), schemeName: Type.String(),
  status: RunStatus, createdBy: Type.Union([Type.String(), Type.Null()]), createdByName: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(),
  publishedBy: Type.Union([Type.String(), Type.Null()]), publishedByName: Type.Union([Type.String(), Type.Null()]), publishedAt: Type.Union([Type.String(), Type.Null()]),
  enterpriseCount: Type.Integer(), evaluatedCount: Type.Integer(),
  classCounts: Type.Object({ A: Type.Integer(), B: Type.Integer(), C: Type.Integer(), D: Type.Integer() }),
}, { $id: 'MuRun' });
export type RunView = Static<typeof Run>;
export const RunList = Type.Object({ items: Type.Array(Type.Ref('MuRun')), canManage: Type.Boolean() });
export const RunCreate = Type.Object({ schemeId: Id }, { additionalProperties: false });

const Words = Type.Object({ zh: Type.String(), en: Type.String() });
export const GroupStats = Type.Object({
  key: Type.String(), name: Type.String(), size: Type.Integer(), method: Type.String(),
  indicators: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), weight: Type.Number(), unit: Type.String(), benchmark: NullNum, mean: NullNum, min: NullNum, max: NullNum, present: Type.Integer() })),
  classCounts: Type.Object({ A: Type.Integer(), B: Type.Integer(), C: Type.Integer(), D: Type.Integer() }),
  ruleText: Words,
});
export const RunDetail = Type.Object({
  run: Type.Ref('MuRun'),
  groups: Type.Array(GroupStats),
  notEvaluated: Type.Integer(),
  classLabels: Type.Object({ A: Type.String(), B: Type.String(), C: Type.String(), D: Type.String() }),
  townships: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  canManage: Type.Boolean(),
});

export const ResultRow = Type.Object({
  enterpriseId: Type.String(), creditCode: Type.String(), name: Type.String(), groupKey: Type.String(), groupName: Type.String(),
  townshipCode: Type.Union([Type.String(), Type.Null()]), townshipName: Type.Union([Type.String(), Type.Null()]), park: Type.Union([Type.String(), Type.Null()]),
  industryCode: Type.Union([Type.String(), Type.Null()]), evaluated: Type.Boolean(), exclusionReason: Type.Union([Type.String(), Type.Null()]),
  total: NullNum, rank: Type.Union([Type.Integer(), Type.Null()]), class: Type.Union([MuClass, Type.Null()]), forcedReason: Type.Union([Type.String(), Type.Null()]),
  perMuTax: NullNum, perMuValueAdded: NullNum,
});
export const ResultPage = Page(ResultRow);
export const ResultQuery = Type.Object({
  ...PageQuery,
  groupKey: Type.Optional(Type.String({ maxLength: 40 })),
  class: Type.Optional(MuClass),
  townshipCode: Type.Optional(Type.String({ maxLength: 20 })),
  evaluated: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 60 })),
}, { additionalProperties: false });
export type ResultQueryInput = Static<typeof ResultQuery>;

export const ResultDetail = Type.Object({
  row: ResultRow,
  year: Type.Integer(), runStatus: RunStatus, groupSize: Type.Union([Type.Integer(), Type.Null()]),
  items: Type.Array(Type.Object({
    key: Type.String(), name: Type.String(), nameEn: Type.String(), unit: Type.String(), weight: Type.Number(),
    numerator: NullNum, denominator: NullNum, value: NullNum, benchmark: NullNum, min: NullNum, max: NullNum,
    points: Type.Number(), capped: Type.Boolean(), missing: Type.Boolean(), rule: Type.Union([Type.String(), Type.Null()]), why: Words,
  })),
  adjustments: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), quantity: Type.Number(), points: Type.Number(), forceClass: Type.Union([Type.String(), Type.Null()]) })),
  indicatorPoints: NullNum, adjustmentPoints: NullNum,
  classWhy: Type.Union([Words, Type.Null()]),
  classLabel: Type.Union([Type.String(), Type.Null()]),
  ruleText: Type.Union([Words, Type.Null()]),
  figures: Type.Record(Type.String(), Type.Number()),
  land: NullNum,
});

export const RunIdParams = Type.Object({ id: Id }, { additionalProperties: false });
export const ResultParams = Type.Object({ id: Id, enterpriseId: Id }, { additionalProperties: false });
export const Reproduction = Type.Object({ identical: Type.Boolean(), compared: Type.Integer(), differences: Type.Array(Type.String()) });
