// Shared TypeBox pieces: problem+json, paging, ids.
import { Type, type TSchema } from 'typebox';

export const Problem = Type.Object({
  type: Type.String(), title: Type.String(), status: Type.Integer(), code: Type.String(), detail: Type.String(),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String(), row: Type.Optional(Type.Integer()) }))),
}, { $id: 'Problem', additionalProperties: true });

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};

export const Page = <T extends TSchema>(item: T) => Type.Object({
  items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(),
});

export const Ok = Type.Object({ ok: Type.Boolean() });

/** Standard error responses for OpenAPI. */
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('Problem')]));

/** A string enum that keeps its literal types (TypeBox's Union of a mapped array loses them). */
export const StringEnum = <T extends string>(values: readonly T[], opts: Record<string, unknown> = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...opts });
