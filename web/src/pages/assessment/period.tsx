// The period the three pages share: a month, a quarter, a year or a custom range, kept in the URL (?period=&from=&to=)
// so a view can be bookmarked or sent. A period that reaches past today ends today ("to date"): the server counts
// nothing in the future and names the period from its dates.
import { DatePicker, Segmented, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import type { AssessmentPeriod } from './types';

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export interface Period { kind: PeriodKind; from: string; to: string }

const DAY = 'YYYY-MM-DD';
const today = () => dayjs().format(DAY);
const capped = (d: Dayjs) => (d.format(DAY) > today() ? today() : d.format(DAY));

/** The period of a kind that contains `d` (its start, and its end or today). */
export function periodAround(kind: Exclude<PeriodKind, 'custom'>, d: Dayjs): Period {
  const start = kind === 'month' ? d.startOf('month') : kind === 'year' ? d.startOf('year') : d.month(Math.floor(d.month() / 3) * 3).startOf('month');
  const end = kind === 'month' ? start.endOf('month') : kind === 'year' ? start.endOf('year') : start.add(2, 'month').endOf('month');
  return { kind, from: start.format(DAY), to: capped(end) };
}

const isDay = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s, DAY).isValid();

/** The period in the URL, or `fallback` (this year to date, or the previous month for a bulletin). */
export function usePeriod(fallback: () => Period) {
  const [params, setParams] = useSearchParams();
  const kind = params.get('period') as PeriodKind | null;
  const from = params.get('from'); const to = params.get('to');
  const period: Period = kind && (PERIOD_KINDS as readonly string[]).includes(kind) && isDay(from) && isDay(to) && from <= to ? { kind, from, to } : fallback();
  // From the address as it is now, not as a render saw it: a table cell's click handler may be from an older render.
  const update = (change: (next: URLSearchParams) => void) => setParams(() => {
    const next = new URLSearchParams(window.location.search);
    change(next);
    return next;
  });
  const setPeriod = (p: Period) => update((next) => { next.set('period', p.kind); next.set('from', p.from); next.set('to', p.to); });
  return { period, setPeriod, params, update };
}

export const yearToDate = (): Period => periodAround('year', dayjs());
export const lastMonth = (): Period => periodAround('month', dayjs().subtract(1, 'month'));

/**
 * Kind (月度/季度/年度/自定义) and the matching picker. `months`: the custom range picks whole months (the burden meter
 * counts by month).
 */
export function PeriodPicker({ value, onChange, months = false }: { value: Period; onChange: (p: Period) => void; months?: boolean }) {
  const { t } = useI18n();
  const future = (d: Dayjs) => d.isAfter(dayjs(), 'day');
  const futureStart = (d: Dayjs, kind: 'month' | 'quarter' | 'year') => periodAround(kind, d).from > today();
  const from = dayjs(value.from);
  const pick = (kind: PeriodKind) => {
    if (kind === 'custom') onChange({ kind, from: value.from, to: value.to });
    else onChange(periodAround(kind, dayjs(value.to)));
  };
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }} data-testid="period">
      <Segmented<PeriodKind> value={value.kind} onChange={pick} aria-label={t('period.kind')}
        options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`period.${k}`) }))} />
      {value.kind === 'custom' ? (
        months ? (
          <DatePicker.RangePicker picker="month" allowClear={false} value={[from, dayjs(value.to)]} disabledDate={(d) => futureStart(d, 'month')}
            onChange={(r) => r?.[0] && r[1] && onChange({ kind: 'custom', from: r[0].startOf('month').format(DAY), to: capped(r[1].endOf('month')) })} />
        ) : (
          <DatePicker.RangePicker allowClear={false} value={[from, dayjs(value.to)]} disabledDate={future}
            onChange={(r) => r?.[0] && r[1] && onChange({ kind: 'custom', from: r[0].format(DAY), to: r[1].format(DAY) })} />
        )
      ) : (
        <DatePicker key={value.kind} picker={value.kind} allowClear={false} value={from} disabledDate={(d) => futureStart(d, value.kind as 'month' | 'quarter' | 'year')}
          format={value.kind === 'quarter' ? (d) => t('period.quarterName', { year: d.year(), q: Math.floor(d.month() / 3) + 1 }) : undefined}
          onChange={(d) => d && onChange(periodAround(value.kind as 'month' | 'quarter' | 'year', d))} style={{ width: 150 }} />
      )}
    </div>
  );
}

/** "2026年1月1日 至 2026年11月29日 · 统计截至 2026年11月29日" under the picker. */
export function PeriodNote({ period }: { period?: Pick<AssessmentPeriod, 'from' | 'to' | 'asOf'> }) {
  const { t } = useI18n();
  if (!period) return null;
  const d = (s: string) => dayjs(s).format(t('date.day'));
  return (
    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
      <span style={{ whiteSpace: 'nowrap' }}>{t('period.range', { from: d(period.from), to: d(period.to) })}</span>
      {' · '}<span style={{ whiteSpace: 'nowrap' }}>{t('period.asOf', { date: d(period.asOf) })}</span>
    </Typography.Text>
  );
}
