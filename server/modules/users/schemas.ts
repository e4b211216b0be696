import { Type, type Static } from 'typebox';
import { ROLES } from '../../../common/roles.js';
import { Id, Page, PageQuery, StringEnum } from '../../platform/http/schemas.js';

export const RoleSchema = StringEnum(ROLES);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const User = Type.Object({
  id: Type.String(), username: Type.String(), displayName: Type.String(), title: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]), unitId: Type.Union([Type.String(), Type.Null()]), unitName: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.String(), roles: Type.Array(RoleSchema), disabled: Type.Boolean(), mustChangePassword: Type.Boolean(),
  totpEnabled: Type.Boolean(), locked: Type.Boolean(), lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(), createdAt: Type.String(),
}, { $id: 'User' });
export type UserView = Static<typeof User>;

export const Username = Type.String({ minLength: 3, maxLength: 32, pattern: '^[A-Za-z0-9_.-]+$' });
export const UserCreate = Type.Object({
  username: Username,
  displayName: Type.String({ minLength: 2, maxLength: 30, pattern: '\\S' }),
  title: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 20, pattern: '^[0-9+\\- ]*$' }))),
  unitId: Type.Optional(Type.Union([Id, Type.Null()])),
  roles: Type.Optional(Type.Array(RoleSchema, { uniqueItems: true, maxItems: 8 })),
}, { additionalProperties: false });
export type UserCreateInput = Static<typeof UserCreate>;

export const UserPatch = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  displayName: Type.Optional(Type.String({ minLength: 2, maxLength: 30, pattern: '\\S' })),
  title: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 20, pattern: '^[0-9+\\- ]*$' }))),
  unitId: Type.Optional(Type.Union([Id, Type.Null()])),
  disabled: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type UserPatchInput = Static<typeof UserPatch>;

export const RolesBody = Type.Object({ roles: Type.Array(RoleSchema, { uniqueItems: true, maxItems: 8 }) }, { additionalProperties: false });

export const UserListQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 40 })),
  unitId: Type.Optional(Id),
  role: Type.Optional(RoleSchema),
}, { additionalProperties: false });
export type UserListFilter = Static<typeof UserListQuery>;

export const UserPage = Page(Type.Ref('User'));
export const UserCreated = Type.Object({ user: Type.Ref('User'), temporaryPassword: Type.String() });
export const TemporaryPassword = Type.Object({ temporaryPassword: Type.String() });
