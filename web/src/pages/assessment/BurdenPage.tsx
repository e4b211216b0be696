// 减负监测: per unit, for the chosen months, the load put on it (tasks assigned, reports asked for and filed, fields
// typed, reminders) beside its results (done on time, late, overdue, the assessment score of the same period); each
// unit opens into its months. Sortable by any figure; Excel export of the same months.
import { useMemo, useState } from 'react';
import { Alert, Card, Grid, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { errorText } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { DataTable } from '../../components/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { PeriodPicker, usePeriod, yearToDate } from './period';
import type { BurdenRow } from './types';

const LOAD = ['tasksAssigned', 'reportsRequested', 'reportsFiled', 'fieldsTyped', 'remindersSent'] as const;
const RESULTS = ['completedOnTime', 'completeLate', 'overdue'] as const;
type Count = (typeof LOAD)[number] | (typeof RESULTS)[number];
type SortKey = Count | 'score';
type Row = BurdenRow & { id: string; score: number | null };
type Month = BurdenRow['months'][number];
/** Header tints: what is asked of the unit (blue), what it delivered (green); the legend above uses the same. */
const TONE = { load: '#eef4ff', result: '#f0f9eb' } as const;

export default function BurdenPage() {
  const { t } = useI18n();
  const mobile = Grid.useBreakpoint().md === false;
  const { period, setPeriod } = usePeriod(yearToDate);
  const months = { from: period.from.slice(0, 7), to: period.to.slice(0, 7) };
  const [sort, setSort] = useState<SortKey>('reportsRequested');
  const q = useQuery({
    queryKey: ['burden', months.from, months.to],
    queryFn: () => ok(api.GET('/api/v1/burden', { params: { query: months } })),
    placeholderData: keepPreviousData,
  });
  // The unit's results as the assessment scores them, for the same period.
  const scores = useQuery({
    queryKey: ['assessment', period.from, period.to],
    queryFn: () => ok(api.GET('/api/v1/assessment', { params: { query: { from: period.from, to: period.to } } })),
    placeholderData: keepPreviousData,
  });
  const rows: Row[] = useMemo(() => {
    const score = new Map((scores.data?.rows ?? []).map((r) => [r.unit.id, r.total]));
    const all = (q.data?.rows ?? []).map((r) => ({ ...r, id: r.unit.id, score: score.get(r.unit.id) ?? null }));
    // Phones sort here (no column headers); on wide screens the headers sort what this gives.
    const v = (r: Row) => (sort === 'score' ? (r.score ?? -1) : r.total[sort]);
    return mobile ? [...all].sort((a, b) => v(b) - v(a)) : all;
  }, [q.data, scores.data, sort, mobile]);

  const countCol = (k: Count, tone: 'load' | 'result') => ({
    title: t(`burden.${k}`), key: k, align: 'right' as const, onHeaderCell: () => ({ style: { background: TONE[tone] } }),
    sorter: (a: Row, b: Row) => a.total[k] - b.total[k], sortDirections: ['descend', 'ascend'] as ('descend' | 'ascend')[],
    render: (_: unknown, r: Row) => {
      const n = r.total[k];
      const warn = (k === 'overdue' || k === 'completeLate') && n > 0;
      return <span style={{ fontVariantNumeric: 'tabular-nums', color: warn ? '#d4380d' : undefined, fontWeight: tone === 'load' && k === 'reportsRequested' ? 600 : undefined }}>{n}</span>;
    },
  });
  const columns: TableColumnsType<Row> = [
    { title: t('burden.unit'), key: 'unit', fixed: mobile ? undefined : 'left', render: (_, r) => r.unit.name },
    ...LOAD.map((k) => countCol(k, 'load')),
    ...RESULTS.map((k) => countCol(k, 'result')),
    {
      title: t('burden.score'), key: 'score', align: 'right', sortDirections: ['descend', 'ascend'], onHeaderCell: () => ({ style: { background: TONE.result } }),
      sorter: (a, b) => (a.score ?? -1) - (b.score ?? -1),
      render: (_, r) => (r.score === null ? t('none') : r.score.toFixed(1)),
    },
  ];
  const monthColumns: TableColumnsType<Month> = [
    { title: t('burden.month'), dataIndex: 'month' },
    ...[...LOAD, ...RESULTS].map((k) => ({ title: t(`burden.${k}`), dataIndex: k, align: 'right' as const })),
  ];

  return (
    <>
      <PageHeader title={t('burden.title')} intro={t('burden.intro')}
        extra={<ExportButton path="/api/v1/burden/xlsx" params={months} fallbackName="burden.xlsx" />} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('burden.explain')} data-testid="burden-explain" />
      <Card>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between', marginBottom: 12 }}>
          <PeriodPicker value={period} onChange={setPeriod} months />
          {mobile && (
            <Select<SortKey> value={sort} onChange={setSort} style={{ width: '100%' }} aria-label={t('burden.sortBy')} data-testid="burden-sort"
              options={[...LOAD, ...RESULTS, 'score' as const].map((k) => ({ value: k, label: t('burden.sortLabel', { key: t(`burden.${k}`) }) }))} />
          )}
        </div>
        {q.data && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {q.data.months[0]} — {q.data.months.at(-1)} · <Tag color="blue">{t('burden.load')}</Tag>{LOAD.map((k) => t(`burden.${k}`)).join(t('list.sep'))}
            {' '}<Tag color="green">{t('burden.results')}</Tag>{[...RESULTS, 'score' as const].map((k) => t(`burden.${k}`)).join(t('list.sep'))}
          </Typography.Paragraph>
        )}
        {q.isError && <Alert type="error" showIcon title={errorText(q.error)} style={{ marginBottom: 12 }} />}
        <DataTable<Row> rows={q.isError ? [] : rows} columns={columns} rowKey="id" loading={q.isFetching} testId="burden-table" empty={t('burden.empty')}
          cardTitle={(r) => r.unit.name}
          expandable={{
            rowExpandable: (r) => r.months.length > 1,
            expandedRowRender: (r) => (
              <div style={{ overflowX: 'auto' }}>
                <Typography.Text strong>{t('burden.months')}</Typography.Text>
                <Table<Month> size="small" rowKey="month" columns={monthColumns} dataSource={r.months} pagination={false} scroll={{ x: 'max-content' }} style={{ marginTop: 6 }} />
              </div>
            ),
          }} />
      </Card>
    </>
  );
}
