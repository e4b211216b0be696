// 数据完整性: before a run, which enterprises lack which figures of the year (by field, township, 规上/规下), the
// per-source imports of the year and their history. The 亩均 office imports from here.
import { Button, Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { DATA_SOURCE_INFO, ENTERPRISE_FIELDS, type EnterpriseField } from '../../../../common/enterprise-fields';
import { api, ok } from '../../api/client';
import { useFormat } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useListParams } from '../../app/useListParams';
import { DataTable } from '../../components/DataTable';
import { FilterBar } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { DataImportButton } from './DataImportButton';
import { defaultYear, fieldLabel, type Batch, type CompletenessData } from './shared';

type Row = CompletenessData['items'][number];

export default function CompletenessPage() {
  const { t, locale } = useI18n();
  const f = useFormat();
  const qc = useQueryClient();
  const { values, page, pageSize, set, clear, filtered } = useListParams(['year', 'townshipCode', 'aboveScale', 'field'] as const);
  const year = Number(values.year) || defaultYear();
  const query = {
    year, townshipCode: values.townshipCode, field: values.field as EnterpriseField | undefined,
    aboveScale: values.aboveScale === undefined ? undefined : values.aboveScale === 'true',
  };
  const options = useQuery({ queryKey: ['enterprises', 'options'], queryFn: () => ok(api.GET('/api/v1/enterprises/options')) });
  const data = useQuery({
    queryKey: ['enterprises', 'completeness', query, page, pageSize],
    queryFn: () => ok(api.GET('/api/v1/enterprise-data/completeness', { params: { query: { ...query, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
  const batches = useQuery({
    queryKey: ['enterprises', 'batches', year],
    queryFn: () => ok(api.GET('/api/v1/enterprise-data/batches', { params: { query: { year, pageSize: 50 } } })),
  });
  const years = [...new Set([defaultYear() + 1, defaultYear(), defaultYear() - 1, ...(options.data?.years ?? [])])].sort((a, b) => b - a);
  const c = data.data;
  const sourceName = (s: Batch['source']) => (locale === 'en-US' ? DATA_SOURCE_INFO[s].en : DATA_SOURCE_INFO[s].zh);

  const columns: TableColumnsType<Row> = [
    {
      title: t('ent.name'), dataIndex: 'name', key: 'name', render: (_, r) => (
        <div style={{ minWidth: 200 }}><Link to={`/mu/enterprises/${r.id}`}>{r.name}</Link>
          <div><Typography.Text type="secondary" className="num" style={{ fontSize: 12 }}>{r.creditCode}</Typography.Text></div></div>
      ),
    },
    { title: t('ent.scale'), dataIndex: 'aboveScale', key: 'scale', render: (v: boolean) => <Tag color={v ? 'blue' : 'default'}>{t(v ? 'ent.above' : 'ent.below')}</Tag> },
    { title: t('ent.township'), dataIndex: 'townshipName', key: 'township', render: (v: string | null) => v ?? t('none') },
    {
      title: t('ent.completeness.missing'), dataIndex: 'missing', key: 'missing', render: (m: EnterpriseField[]) => (m.length
        ? <div style={{ maxWidth: 560 }}><Space size={[4, 4]} wrap>{m.map((k) => <Tag key={k} color="orange">{fieldLabel(k, locale)}</Tag>)}</Space></div>
        : <Tag color="green">{t('ent.completeness.complete')}</Tag>),
    },
  ];

  return (
    <>
      <PageHeader title={t('ent.completeness.title')} intro={t('ent.completeness.intro')} extra={options.data?.canManage && (
        <DataImportButton year={year} onImported={() => void qc.invalidateQueries({ queryKey: ['enterprises'] })} />
      )} />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <FilterBar filtered={filtered} onClear={clear}>
            <Select value={year} onChange={(y) => set({ year: y })} style={{ width: 120 }} aria-label={t('ent.year')} data-testid="completeness-year"
              options={years.map((y) => ({ value: y, label: t('ent.yearLabel', { year: y }) }))} />
            <Select value={values.townshipCode ?? ''} onChange={(townshipCode) => set({ townshipCode })} style={{ width: 160 }} aria-label={t('ent.township')}
              options={[{ value: '', label: t('filter.all', { label: t('ent.township') }) }, ...(options.data?.townships ?? []).map((x) => ({ value: x.code, label: x.name }))]} />
            <Select value={values.aboveScale ?? ''} onChange={(aboveScale) => set({ aboveScale })} style={{ width: 130 }} aria-label={t('ent.scale')}
              options={[{ value: '', label: t('filter.all', { label: t('ent.scale') }) }, { value: 'true', label: t('ent.above') }, { value: 'false', label: t('ent.below') }]} />
          </FilterBar>
          <Row gutter={[16, 16]} style={{ marginBottom: 8 }}>
            <Col xs={12} md={6}><Statistic title={t('ent.completeness.enterprises')} value={c?.enterprises ?? 0} /></Col>
            <Col xs={12} md={6}><Statistic title={t('ent.completeness.completeCount')} value={c?.complete ?? 0} suffix={c ? `/ ${c.enterprises}` : undefined} /></Col>
          </Row>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('ent.completeness.byField')}</Typography.Paragraph>
          <Space size={[8, 8]} wrap data-testid="completeness-fields">
            {ENTERPRISE_FIELDS.map((k) => {
              const n = c?.missingByField[k] ?? 0;
              const active = values.field === k;
              return (
                <Button key={k} size="small" type={active ? 'primary' : 'default'} danger={!active && n > 0} onClick={() => set({ field: active ? '' : k })}>
                  {fieldLabel(k, locale)} <span className="num">{n}</span>
                </Button>
              );
            })}
          </Space>
        </Card>
        <Card title={values.field ? t('ent.completeness.lacking', { field: fieldLabel(values.field as EnterpriseField, locale) }) : t('ent.completeness.incomplete')}>
          <DataTable<Row> rows={c?.items} columns={columns} rowKey="id" loading={data.isFetching} testId="completeness-table"
            empty={c && c.enterprises === 0 ? t('ent.completeness.noEnterprises') : t('ent.completeness.allComplete')}
            paging={{ page, pageSize, total: c?.total ?? 0, onChange: (p, s) => set({ page: p, pageSize: s }) }} />
        </Card>
        {(batches.data?.total ?? 0) > 0 && (
          <Card title={t('ent.batches.title', { year })}>
            <Table<Batch> size="small" rowKey="id" dataSource={batches.data?.items} pagination={false} scroll={{ x: 'max-content' }} data-testid="batches-table"
              columns={[
                { title: t('ent.batches.at'), dataIndex: 'createdAt', key: 'at', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{f.dateTime(v)}</span> },
                { title: t('ent.batches.source'), dataIndex: 'source', key: 'source', render: (s: Batch['source']) => sourceName(s) },
                { title: t('ent.batches.file'), dataIndex: 'fileName', key: 'file', render: (v: string | null) => v ?? t('none') },
                { title: t('ent.batches.rows'), dataIndex: 'rowCount', key: 'rows', align: 'right', render: (n: number) => <span className="num">{n}</span> },
                { title: t('ent.batches.unit'), dataIndex: 'moneyUnit', key: 'unit', render: (v: string | null) => v ?? t('none') },
                { title: t('ent.batches.by'), dataIndex: 'createdByName', key: 'by', render: (v: string | null) => v ?? t('none') },
              ]} />
          </Card>
        )}
      </Space>
    </>
  );
}
