import { Type, type Static } from 'typebox';
import { Page, PageQuery, StringEnum } from '../../platform/http/schemas.js';
import { MAX_STREAK_YEARS, MU_CLASSES, POLICY_KINDS } from './policies-rules.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const RegionCode = Type.String({ pattern: '^[0-9]{6,12}$' });

export const MuClass = StringEnum(MU_CLASSES);
export const PolicyKind = StringEnum(POLICY_KINDS);

export const PolicyTerm = Type.Object({
  class: MuClass,
  /** Consecutive years in the class (this year included) from which this term applies; 1 = every enterprise of the class. */
  minYears: Type.Integer({ minimum: 1, maximum: MAX_STREAK_YEARS }),
  value: Nullable(Type.Number()),
  text: Nullable(Type.String({ maxLength: 60 })),
}, { additionalProperties: false });

export const MuPolicy = Type.Object({
  id: Type.String(), regionCode: Type.String(), name: Type.String(), body: Type.String(), kind: PolicyKind,
  unit: Nullable(Type.String()), basis: Nullable(Type.String()), note: Nullable(Type.String()),
  fromYear: Type.Integer(), toYear: Nullable(Type.Integer()),
  terms: Type.Array(PolicyTerm),
  /** Each class's terms in words ("减免 80%", "连续1年 加价 0.1 元/千瓦时；…"); a class without terms is absent. */
  summary: Type.Record(Type.String(), Type.String()),
  sortOrder: Type.Integer(), version: Type.Integer(), createdAt: Type.String(), updatedAt: Type.String(),
}, { $id: 'MuPolicy' });
export type MuPolicyView = Static<typeof MuPolicy>;
export const MuPolicyListResult = Type.Object({
  items: Type.Array(Type.Ref('MuPolicy')),
  /** Whether the reader may create and edit policies of this county (the 亩均 office). */
  canEdit: Type.Boolean(),
});

const fields = {
  name: Type.String({ minLength: 1, maxLength: 60 }),
  /** The body that acts on the list: 县税务局, 国网示例县供电公司 … */
  body: Type.String({ minLength: 1, maxLength: 60 }),
  kind: PolicyKind,
  unit: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  /** 政策依据, e.g. 浙政办发〔2019〕62号 */
  basis: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  fromYear: Year,
  toYear: Type.Optional(Nullable(Year)),
  terms: Type.Array(PolicyTerm, { maxItems: 40 }),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })),
};

export const MuPolicyCreate = Type.Object(fields, { additionalProperties: false });
export type MuPolicyCreateInput = Static<typeof MuPolicyCreate>;

export const MuPolicyPatch = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  name: Type.Optional(fields.name), body: Type.Optional(fields.body), kind: Type.Optional(fields.kind), unit: fields.unit,
  basis: fields.basis, note: fields.note, fromYear: Type.Optional(fields.fromYear), toYear: fields.toYear,
  terms: Type.Optional(fields.terms), sortOrder: fields.sortOrder,
}, { additionalProperties: false });
export type MuPolicyPatchInput = Static<typeof MuPolicyPatch>;

export const MuPolicyListQuery = Type.Object({
  /** Only policies in force that year. */
  year: Type.Optional(Year),
  regionCode: Type.Optional(RegionCode),
}, { additionalProperties: false });
export type MuPolicyListFilter = Static<typeof MuPolicyListQuery>;

export const RunRef = Type.Object({ id: Type.String(), year: Type.Integer(), publishedAt: Nullable(Type.String()) });

export const PolicyListQuery = Type.Object({
  ...PageQuery,
  /** The evaluation year; the latest year with a published run when absent. */
  year: Type.Optional(Year),
  class: Type.Optional(MuClass),
  townshipCode: Type.Optional(RegionCode),
  q: Type.Optional(Type.String({ maxLength: 60 })),
}, { additionalProperties: false });
export type PolicyListFilter = Static<typeof PolicyListQuery>;

export const PolicyListRow = Type.Object({
  enterpriseId: Type.String(), creditCode: Type.String(), name: Type.String(),
  townshipCode: Nullable(Type.String()), townshipName: Nullable(Type.String()), park: Nullable(Type.String()), industryCode: Nullable(Type.String()),
  groupName: Type.String(), total: Nullable(Type.Number()), rank: Nullable(Type.Integer()),
  class: MuClass,
  /** Consecutive years in this class up to and including the year (from earlier published runs). */
  years: Type.Integer(),
  value: Nullable(Type.Number()), unit: Nullable(Type.String()), termText: Type.String(),
});
export type PolicyListRowView = Static<typeof PolicyListRow>;

export const PolicyList = Type.Object({
  policy: Type.Object({ id: Type.String(), name: Type.String(), body: Type.String(), kind: PolicyKind, fromYear: Type.Integer(), toYear: Nullable(Type.Integer()) }),
  year: Nullable(Type.Integer()),
  run: Nullable(RunRef),
  /** Whether the policy is in force for the year (a list is empty otherwise). */
  inForce: Type.Boolean(),
  /** Enterprises on the whole list by class (all pages, within the reader's scope). */
  byClass: Type.Record(Type.String(), Type.Integer()),
  ...Page(PolicyListRow).properties,
});
