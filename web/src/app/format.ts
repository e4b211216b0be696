// Dates in the users' format (2026年11月29日 14:05), always in Beijing time; numbers with separators.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { useI18n } from './i18n';

dayjs.extend(utc);
dayjs.extend(timezone);
export const ZONE = 'Asia/Shanghai';

export function useFormat() {
  const { t, locale } = useI18n();
  const dateTime = (iso: string | null | undefined) => (iso ? dayjs(iso).tz(ZONE).format(t('date.format')) : t('none'));
  const day = (iso: string | null | undefined) => (iso ? dayjs(iso).tz(ZONE).format(t('date.day')) : t('none'));
  const number = (n: number | null | undefined) => (n === null || n === undefined ? t('none') : n.toLocaleString(locale));
  return { dateTime, day, number };
}
