// Excel export: fetch the file with the list's filters, then save it under the server's file name.
import { commonHeaders } from './client';
import { reportIfSignedOut, toApiError } from './errors';

export function queryString(params: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

function fileName(disposition: string | null, fallback: string): string {
  const star = disposition?.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) return decodeURIComponent(star[1]);
  const plain = disposition?.match(/filename="?([^";]+)"?/i);
  return plain ? plain[1] : fallback;
}

export async function download(path: string, params: Record<string, unknown>, fallback: string): Promise<string> {
  const res = await fetch(path + queryString(params), { credentials: 'same-origin', headers: commonHeaders('GET') });
  if (!res.ok) {
    let body: unknown = null;
    try { body = await res.json(); } catch { /* not JSON */ }
    const err = toApiError(res.status, body, res.statusText);
    reportIfSignedOut(err);
    throw err;
  }
  const blob = await res.blob();
  const name = fileName(res.headers.get('content-disposition'), fallback);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
