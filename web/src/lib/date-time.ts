// Instants from the API are ISO strings in UTC; people read them on their own clock (Beijing time in a county).
import dayjs from 'dayjs';

/** "2026-11-29 20:29" on the reader's clock; '—' for none. */
export function localDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';
}
