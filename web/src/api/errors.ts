// application/problem+json → a thrown ApiError the UI can show (message) or map onto form fields.
import type { Problem } from './types';

export type FieldProblem = NonNullable<Problem['errors']>[number];

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldProblem[];
  constructor(status: number, body: Partial<Problem> | null, fallback: string) {
    super(body?.detail || body?.title || fallback);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.code ?? (status === 0 ? 'network' : 'internal');
    this.title = body?.title ?? fallback;
    this.detail = body?.detail ?? fallback;
    this.errors = Array.isArray(body?.errors) ? body!.errors! : [];
  }
}

export function toApiError(status: number, body: unknown, statusText = ''): ApiError {
  const problem = body && typeof body === 'object' && 'code' in body ? (body as Partial<Problem>) : null;
  return new ApiError(status, problem, statusText || `HTTP ${status}`);
}

/** A session that is gone (not a wrong password or a wrong one-time code). */
export const SESSION_GONE = new Set(['unauthorized', 'unauthorized.expired', 'unauthorized.disabled']);

let unauthorizedHandler: (e: ApiError) => void = () => {};
export function onUnauthorized(fn: (e: ApiError) => void): void { unauthorizedHandler = fn; }
export function reportIfSignedOut(e: ApiError): void {
  if (e.status === 401 && SESSION_GONE.has(e.code)) unauthorizedHandler(e);
}
