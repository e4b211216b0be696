import { Type } from 'typebox';

export const ImportQuery = Type.Object({ commit: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false });
export const ImportResult = Type.Object({
  committed: Type.Boolean(), total: Type.Integer(), created: Type.Integer(), updated: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), field: Type.String(), code: Type.String(), message: Type.String() })),
});
export const Binary = { type: 'string', format: 'binary' } as const;
export const UploadBody = { description: 'multipart/form-data with one field "file" (.xlsx)' };
