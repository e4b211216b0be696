// Typed domain errors. One handler (platform/http/problem.ts) turns them into application/problem+json.
export interface FieldError {
  /** JSON pointer-ish path of the field, e.g. "username" or "rows/3/name". */
  field: string;
  /** Message key in common/messages.ts, or literal text. */
  code: string;
  params?: Record<string, unknown>;
  /** Spreadsheet row number for imports. */
  row?: number;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

export class Invalid extends DomainError {
  constructor(errors: FieldError[] | FieldError, code = 'invalid', params: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
    super(400, code, params, Array.isArray(errors) ? errors : [errors], extra);
  }
}
export class Unauthorized extends DomainError {
  constructor(code = 'unauthorized', params: Record<string, unknown> = {}) { super(401, code, params); }
}
export class Forbidden extends DomainError {
  constructor(code = 'forbidden', params: Record<string, unknown> = {}) { super(403, code, params); }
}
export class NotFound extends DomainError {
  constructor(what = 'record') { super(404, 'notFound', { what }); }
}
export class Conflict extends DomainError {
  constructor(code = 'conflict', params: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
    super(409, code, params, [], extra);
  }
}
export class TooMany extends DomainError {
  constructor(readonly retryAfterSeconds: number) { super(429, 'tooMany', { seconds: retryAfterSeconds }); }
}
