// A list's filters and page live in the URL (?q=…&kind=…&page=2): shareable, and Back works.
import { useSearchParams } from 'react-router';

export const DEFAULT_PAGE_SIZE = 20;

export function useListParams<K extends string>(keys: readonly K[], pageSizeDefault = DEFAULT_PAGE_SIZE) {
  const [sp, setSp] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, sp.get(k) || undefined])) as Record<K, string | undefined>;
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(sp.get('pageSize')) || pageSizeDefault));

  /** Change filters (back to page 1) or the page. */
  const set = (patch: Partial<Record<K | 'page' | 'pageSize', string | number | null | undefined>>) => {
    const next = new URLSearchParams(sp);
    let filterChanged = false;
    for (const [k, v] of Object.entries(patch) as [string, unknown][]) {
      if (k !== 'page' && k !== 'pageSize' && (sp.get(k) ?? '') !== String(v ?? '')) filterChanged = true;
      if (v === undefined || v === null || v === '') next.delete(k); else next.set(k, String(v));
    }
    if (filterChanged) next.delete('page');
    setSp(next);
  };
  const clear = () => setSp(new URLSearchParams());
  const filtered = keys.some((k) => values[k] !== undefined);
  return { values, page, pageSize, set, clear, filtered };
}
