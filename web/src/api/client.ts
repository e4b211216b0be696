// The typed API client: openapi-fetch over the generated schema. Adds the CSRF token to every write and the
// UI language to every request; turns problem+json into ApiError; a lost session sends the user to sign in.
import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, reportIfSignedOut, toApiError } from './errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
let csrfToken: string | null = null;
let locale = 'zh-CN';

export function setCsrfToken(token: string | null): void { csrfToken = token; }
export function setApiLocale(l: string): void { locale = l; }

export const hasCookie = (name: string) => cookie(name) !== null;

function cookie(name: string): string | null {
  const m = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return m ? decodeURIComponent(m.slice(name.length + 1)) : null;
}

/** Headers every request carries (also used by uploads and downloads). */
export function commonHeaders(method: string): Record<string, string> {
  const h: Record<string, string> = { 'x-locale': locale };
  if (!SAFE.has(method.toUpperCase())) {
    const token = cookie('luoshi_csrf') ?? csrfToken;
    if (token) h['x-csrf-token'] = token;
  }
  return h;
}

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use({
  onRequest({ request }) {
    for (const [k, v] of Object.entries(commonHeaders(request.method))) request.headers.set(k, v);
    return request;
  },
});

type Result<D> = { data?: D; error?: unknown; response: Response };

/** Awaits an openapi-fetch call: its data, or a thrown ApiError. */
export async function ok<D>(call: Promise<Result<D>>): Promise<D> {
  let r: Result<D>;
  try { r = await call; } catch (e) { throw new ApiError(0, null, (e as Error).message || 'network error'); }
  if (!r.response.ok) {
    const err = toApiError(r.response.status, r.error, r.response.statusText);
    reportIfSignedOut(err);
    throw err;
  }
  return r.data as D;
}
