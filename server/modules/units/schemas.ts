import { Type, type Static } from 'typebox';
import { UNIT_KINDS } from '../../../common/roles.js';
import { Id, Page, PageQuery, StringEnum } from '../../platform/http/schemas.js';

export const UnitKind = StringEnum(UNIT_KINDS);
const Phone = Type.String({ maxLength: 30, pattern: '^[0-9+\\- ()]*$' });

export const Unit = Type.Object({
  id: Type.String(), regionCode: Type.String(), name: Type.String(), shortName: Type.Union([Type.String(), Type.Null()]),
  kind: UnitKind, parentId: Type.Union([Type.String(), Type.Null()]), parentName: Type.Union([Type.String(), Type.Null()]),
  sortOrder: Type.Integer(), phone: Type.Union([Type.String(), Type.Null()]), userCount: Type.Integer(),
  version: Type.Integer(), createdAt: Type.String(), updatedAt: Type.String(),
}, { $id: 'Unit' });
export type UnitView = Static<typeof Unit>;

export const UnitCreate = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 60, pattern: '\\S' }),
  shortName: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
  kind: UnitKind,
  parentId: Type.Optional(Type.Union([Id, Type.Null()])),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 99999 })),
  phone: Type.Optional(Type.Union([Phone, Type.Null()])),
}, { additionalProperties: false });
export type UnitCreateInput = Static<typeof UnitCreate>;

export const UnitPatch = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  name: Type.Optional(Type.String({ minLength: 2, maxLength: 60, pattern: '\\S' })),
  shortName: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
  kind: Type.Optional(UnitKind),
  parentId: Type.Optional(Type.Union([Id, Type.Null()])),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 99999 })),
  phone: Type.Optional(Type.Union([Phone, Type.Null()])),
}, { additionalProperties: false });
export type UnitPatchInput = Static<typeof UnitPatch>;

export const UnitListQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 60 })),
  kind: Type.Optional(UnitKind),
  regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,12}$' })),
}, { additionalProperties: false });
export type UnitListFilter = Static<typeof UnitListQuery>;

export const UnitPage = Page(Type.Ref('Unit'));
