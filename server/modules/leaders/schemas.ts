import { Type, type Static } from 'typebox';
import { Id } from '../../platform/http/schemas.js';

export const Leader = Type.Object({
  id: Type.String(), userId: Type.String(), username: Type.String(), name: Type.String(), title: Type.String(), regionCode: Type.String(),
  sortOrder: Type.Integer(), hasLeaderRole: Type.Boolean(), domains: Type.Array(Type.String()),
  units: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })), version: Type.Integer(),
}, { $id: 'Leader' });
export type LeaderView = Static<typeof Leader>;

const Domains = Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 40, uniqueItems: true });
const UnitIds = Type.Array(Id, { maxItems: 200, uniqueItems: true });

export const LeaderCreate = Type.Object({
  userId: Id, title: Type.String({ minLength: 2, maxLength: 30, pattern: '\\S' }), sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 999 })),
  domains: Domains, unitIds: UnitIds,
}, { additionalProperties: false });
export type LeaderCreateInput = Static<typeof LeaderCreate>;

export const LeaderPatch = Type.Object({
  version: Type.Integer({ minimum: 1 }), title: Type.Optional(Type.String({ minLength: 2, maxLength: 30, pattern: '\\S' })),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 999 })), domains: Type.Optional(Domains), unitIds: Type.Optional(UnitIds),
}, { additionalProperties: false });
export type LeaderPatchInput = Static<typeof LeaderPatch>;
