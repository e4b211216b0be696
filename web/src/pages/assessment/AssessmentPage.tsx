// 督查考核: the units ranked for a period on the results of their tasks, the weights beside it (a setting), one unit's
// breakdown in a drawer (?unit=), Excel export of the same period. Results only: the page says so.
import { useMemo, useState } from 'react';
import { Alert, Card, Grid, Input, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { useAccess } from '../../access';
import { errorText } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { DataTable } from '../../components/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { PeriodNote, PeriodPicker, usePeriod, yearToDate } from './period';
import { UnitBreakdown } from './UnitBreakdown';
import { ItemCell, WeightTags } from './cells';
import { WEIGHT_KEYS, type AssessmentRow } from './types';

type Row = AssessmentRow & { id: string };

export default function AssessmentPage() {
  const { t } = useI18n();
  const access = useAccess();
  const { period, setPeriod, params, update } = usePeriod(yearToDate);
  const [name, setName] = useState('');
  const q = useQuery({
    queryKey: ['assessment', period.from, period.to],
    queryFn: () => ok(api.GET('/api/v1/assessment', { params: { query: { from: period.from, to: period.to } } })),
    placeholderData: keepPreviousData,
  });
  const unitId = params.get('unit');
  const openUnit = (id: string | null) => update((n) => { if (id) n.set('unit', id); else n.delete('unit'); });
  const w = q.data?.weights;
  const mobile = Grid.useBreakpoint().md === false;
  const rows = useMemo(() => {
    const all = (q.data?.rows ?? []).map((r) => ({ ...r, id: r.unit.id }));
    const s = name.trim();
    return s ? all.filter((r) => r.unit.name.includes(s) || r.unit.shortName?.includes(s)) : all;
  }, [q.data, name]);

  const rankCell = (r: AssessmentRow) => (r.rank === null
    ? <Tooltip title={t('assess.notRanked')}><Typography.Text type="secondary">{t('none')}</Typography.Text></Tooltip>
    : <span style={{ fontWeight: 600, color: r.rank <= 3 ? '#1a56c4' : undefined }}>{r.rank}</span>);
  const unitLink = (r: AssessmentRow) => (
    <Typography.Link onClick={() => openUnit(r.unit.id)} data-testid="assess-unit">{r.unit.name}</Typography.Link>
  );
  const columns: TableColumnsType<Row> = [
    { title: t('assess.rank'), key: 'rank', width: 72, align: 'center', render: (_, r) => rankCell(r) },
    { title: t('assess.unit'), key: 'unit', render: (_, r) => unitLink(r) },
    { title: t('assess.total'), key: 'total', align: 'right', render: (_, r) => (r.total === null ? t('none') : <strong style={{ fontSize: 15 }}>{r.total.toFixed(1)}</strong>) },
    { title: t('assess.assigned'), key: 'assigned', align: 'right', render: (_, r) => r.facts.assigned },
    ...WEIGHT_KEYS.map((k) => ({
      title: <span style={{ whiteSpace: 'nowrap' }}>{t(`assess.item.${k}`)}{w ? <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 12 }}> {t('assess.points', { n: w[k] })}</Typography.Text> : null}</span>,
      key: k, align: 'right' as const, render: (_: unknown, r: AssessmentRow) => <ItemCell row={r} k={k} />,
    })),
  ];
  // Phones: cards headed by rank, unit and score; the items below.
  const shown = mobile ? columns.filter((c) => c.key !== 'unit' && c.key !== 'total') : columns;

  return (
    <>
      <PageHeader title={t('assess.title')} intro={t('assess.intro')}
        extra={<ExportButton path="/api/v1/assessment/xlsx" params={{ from: period.from, to: period.to }} fallbackName="assessment.xlsx" />} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="results-only"
        title={t('assess.resultsOnly')}
        description={<>
          <div>{t('assess.resultsOnlyText')}</div>
          <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
            <span>{t('assess.weights')}</span><WeightTags weights={w} />
            {access.settings && <Link to="/admin/settings" style={{ fontSize: 13 }}>{t('assess.weightsSetting')}</Link>}
          </div>
        </>} />
      <Card>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between', marginBottom: 12 }}>
          <PeriodPicker value={period} onChange={setPeriod} />
          <Input.Search allowClear placeholder={t('assess.search')} value={name} onChange={(e) => setName(e.target.value)} style={{ width: 220, maxWidth: '100%' }} />
        </div>
        <div style={{ marginBottom: 12 }}><PeriodNote period={q.data?.period} /></div>
        {q.isError && <Alert type="error" showIcon title={errorText(q.error)} style={{ marginBottom: 12 }} />}
        <DataTable<Row> rows={q.isError ? [] : rows} columns={shown} rowKey="id" loading={q.isFetching} testId="assess-table"
          empty={t('assess.empty')}
          cardTitle={(r) => <Space size={8}>{r.rank !== null && <Tag color="blue" style={{ marginInlineEnd: 0 }}>{r.rank}</Tag>}{unitLink(r)}{r.total !== null && <strong>{r.total.toFixed(1)}</strong>}</Space>} />
      </Card>
      {unitId && <UnitBreakdown unitId={unitId} period={period} onClose={() => openUnit(null)} />}
    </>
  );
}
