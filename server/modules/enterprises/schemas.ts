import { Type, type Static } from 'typebox';
import { DATA_SOURCES, ENTERPRISE_FIELDS } from '../../../common/enterprise-fields.js';
import { Id, Page, PageQuery, StringEnum } from '../../platform/http/schemas.js';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Str = Type.Union([Type.String(), Type.Null()]);
const Num = Type.Union([Type.Number(), Type.Null()]);

export const Source = StringEnum(DATA_SOURCES);
export const Field = StringEnum(ENTERPRISE_FIELDS);

export const Enterprise = Type.Object({
  id: Type.String(), regionCode: Type.String(), creditCode: Type.String(), name: Type.String(), industryCode: Str,
  townshipCode: Str, townshipName: Str, park: Str, aboveScale: Type.Boolean(), landAreaMu: Num,
  producingSince: Str, closedOn: Str, codeOverrideReason: Str, version: Type.Integer(), createdAt: Type.String(), updatedAt: Type.String(),
}, { $id: 'Enterprise' });
export type EnterpriseView = Static<typeof Enterprise>;
export const EnterprisePage = Page(Type.Ref('Enterprise'));

export const Parcel = Type.Object({
  id: Type.String(), certificateNo: Str, location: Str, areaMu: Type.Number(), landUse: Str, acquiredOn: Str,
});
export const Tenancy = Type.Object({
  id: Type.String(), tenantId: Type.String(), tenantName: Type.String(), tenantCreditCode: Type.String(),
  landlordId: Type.String(), landlordName: Type.String(), landlordCreditCode: Type.String(),
  parcelId: Str, areaMu: Type.Number(), fromDate: Str, toDate: Str,
});
export const YearFigure = Type.Object({
  year: Type.Integer(), field: Field, value: Type.Number(), source: Source, batchId: Str, updatedAt: Type.String(),
});
export const EnterpriseDetail = Type.Object({
  enterprise: Type.Ref('Enterprise'),
  parcels: Type.Array(Parcel),
  /** Tenancies where this enterprise rents from another. */
  rents: Type.Array(Tenancy),
  /** Tenancies on this enterprise's land. */
  tenants: Type.Array(Tenancy),
  figures: Type.Array(YearFigure),
  /** May the asking user change the registry (the 亩均 office)? and accept failing codes (its administrator)? */
  canManage: Type.Boolean(), canOverrideCode: Type.Boolean(),
});

const CreditCodeInput = Type.String({ minLength: 1, maxLength: 30 });
const Reason = Type.String({ minLength: 4, maxLength: 200 });
const EnterpriseFields = {
  name: Type.String({ minLength: 2, maxLength: 100, pattern: '\\S' }),
  industryCode: Type.Optional(Nullable(Type.String({ maxLength: 8 }))),
  townshipCode: Type.Optional(Nullable(Type.String({ maxLength: 12 }))),
  park: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  aboveScale: Type.Optional(Type.Boolean()),
  landAreaMu: Type.Optional(Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 }))),
  producingSince: Type.Optional(Type.Union([DateText, Type.Null()])),
  closedOn: Type.Optional(Type.Union([DateText, Type.Null()])),
  /** Only an administrator of the 亩均 office: accept a code whose check character fails, and why. */
  codeOverrideReason: Type.Optional(Type.Union([Reason, Type.Null()])),
};
export const EnterpriseCreate = Type.Object({ creditCode: CreditCodeInput, ...EnterpriseFields }, { additionalProperties: false });
export type EnterpriseCreateInput = Static<typeof EnterpriseCreate>;
export const EnterprisePatch = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  creditCode: Type.Optional(CreditCodeInput),
  ...EnterpriseFields,
  name: Type.Optional(EnterpriseFields.name),
}, { additionalProperties: false });
export type EnterprisePatchInput = Static<typeof EnterprisePatch>;

export const EnterpriseListQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 60 })),
  townshipCode: Type.Optional(Type.String({ maxLength: 12 })),
  park: Type.Optional(Type.String({ maxLength: 60 })),
  aboveScale: Type.Optional(Type.Boolean()),
  status: Type.Optional(StringEnum(['producing', 'closed'] as const)),
}, { additionalProperties: false });
export type EnterpriseListFilter = Static<typeof EnterpriseListQuery>;

export const EnterpriseOptions = Type.Object({
  townships: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  parks: Type.Array(Type.String()),
  canManage: Type.Boolean(), canOverrideCode: Type.Boolean(),
  years: Type.Array(Type.Integer()),
});

export const ParcelCreate = Type.Object({
  certificateNo: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  location: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
  areaMu: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 }),
  landUse: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  acquiredOn: Type.Optional(Type.Union([DateText, Type.Null()])),
}, { additionalProperties: false });
export type ParcelCreateInput = Static<typeof ParcelCreate>;

export const TenancyCreate = Type.Object({
  landlordId: Id,
  parcelId: Type.Optional(Type.Union([Id, Type.Null()])),
  areaMu: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 }),
  fromDate: Type.Optional(Type.Union([DateText, Type.Null()])),
  toDate: Type.Optional(Type.Union([DateText, Type.Null()])),
}, { additionalProperties: false });
export type TenancyCreateInput = Static<typeof TenancyCreate>;

export const SubParams = Type.Object({ id: Id, subId: Id }, { additionalProperties: false });

// ---- yearly data ----
export const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
export const DataImportQuery = Type.Object({
  source: Source, year: Year, commit: Type.Optional(Type.Boolean({ default: false })),
}, { additionalProperties: false });
export const DataImportResult = Type.Object({
  committed: Type.Boolean(), source: Source, year: Type.Integer(), total: Type.Integer(), created: Type.Integer(), updated: Type.Integer(),
  batchId: Str,
  /** Each column read and how: the field it fills and the factor applied (元 → 万元 is 0.0001). */
  columns: Type.Array(Type.Object({ header: Type.String(), field: Type.String(), unit: Type.String(), factor: Type.Number() })),
  errors: Type.Array(Type.Object({ row: Type.Integer(), field: Type.String(), code: Type.String(), message: Type.String() })),
  /** The first rows as they will be stored (converted), for the preview. */
  sample: Type.Array(Type.Object({ row: Type.Integer(), creditCode: Type.String(), name: Type.String(), values: Type.Record(Type.String(), Type.Number()) })),
});
export const TemplateQuery = Type.Object({ source: Source }, { additionalProperties: false });

export const Batch = Type.Object({
  id: Type.String(), source: Source, year: Type.Integer(), fileName: Str, moneyUnit: Str, rowCount: Type.Integer(),
  createdCount: Type.Integer(), updatedCount: Type.Integer(), createdByName: Str, createdAt: Type.String(),
});
export const BatchListQuery = Type.Object({
  ...PageQuery, source: Type.Optional(Source), year: Type.Optional(Year),
}, { additionalProperties: false });
export const BatchPage = Page(Batch);

export const CompletenessQuery = Type.Object({
  ...PageQuery,
  year: Year,
  townshipCode: Type.Optional(Type.String({ maxLength: 12 })),
  aboveScale: Type.Optional(Type.Boolean()),
  field: Type.Optional(Field),
  /** Only enterprises lacking something (default true). */
  onlyMissing: Type.Optional(Type.Boolean({ default: true })),
}, { additionalProperties: false });
export type CompletenessFilter = Static<typeof CompletenessQuery>;
export const Completeness = Type.Object({
  year: Type.Integer(),
  /** Enterprises considered (in scope, not closed before the year). */
  enterprises: Type.Integer(),
  complete: Type.Integer(),
  /** For each field, how many enterprises lack it. */
  missingByField: Type.Record(Type.String(), Type.Integer()),
  items: Type.Array(Type.Object({
    id: Type.String(), creditCode: Type.String(), name: Type.String(), townshipName: Str, park: Str, aboveScale: Type.Boolean(),
    missing: Type.Array(Field),
  })),
  total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(),
});
