// 项目库 (/projects): the stock by stage as tiles (a tile filters the list), 储备转在建 over 12 months, the list with
// filters in the URL and the next missing approval, Excel export in the ledger layout and import of a county ledger.
import { useState } from 'react';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Input, Row, Select, Table, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { TableColumnsType } from 'antd';
import { PROJECT_STAGES } from '../../../../common/project-labels';
import { api, ok } from '../../api/client';
import { showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useListParams } from '../../app/useListParams';
import { DataTable } from '../../components/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { FilterBar } from '../../components/FilterBar';
import { ImportDialog } from '../../components/ImportDialog';
import { PageHeader } from '../../components/PageHeader';
import { UnitSelect } from '../../components/UnitSelect';
import { ConversionChart } from './ConversionChart';
import { ProjectForm } from './ProjectForm';
import { NextApprovalText, StageTag, STAGE_COLORS, useProjectLabels, useProjectOptions, wan, type ProjectListItem } from './library-shared';

type ImportResult = {
  committed: boolean; total: number; created: number; updated: number; errors: { row: number; field: string; code: string; message: string }[];
  skippedRows: number[]; units: Record<string, string>; notes: string[];
  reports: { period: string | null; created: number; corrected: number; unchanged: number };
  reportChanges: ReportChange[];
};
type ReportChange = { row: number; name: string; period: string; action: 'create' | 'correct'; before: number | null; after: number };
const TILE_COLOR: Record<string, string> = { default: '#8a919f', cyan: '#13a8a8', gold: '#d48806', blue: '#1a56c4', green: '#2f9e44', purple: '#722ed1', red: '#d63939' };

export default function LibraryPage() {
  const { t, locale } = useI18n();
  const L = useProjectLabels();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { values, page, pageSize, set, clear, filtered } = useListParams(['q', 'stage', 'category', 'townshipCode', 'leaderUserId', 'leadUnitId'] as const);
  const filters = {
    q: values.q, stage: values.stage as ProjectListItem['stage'] | undefined, category: values.category, townshipCode: values.townshipCode,
    leaderUserId: values.leaderUserId, leadUnitId: values.leadUnitId,
  };
  const { stage: _s, q: _q, ...stockFilters } = filters;
  const options = useProjectOptions();
  const list = useQuery({
    queryKey: ['projects', 'list', filters, page, pageSize],
    queryFn: () => ok(api.GET('/api/v1/projects', { params: { query: { ...filters, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
  const stock = useQuery({ queryKey: ['projects', 'stock', stockFilters], queryFn: () => ok(api.GET('/api/v1/projects/stock', { params: { query: stockFilters } })), placeholderData: keepPreviousData });
  const conversion = useQuery({ queryKey: ['projects', 'conversion'], queryFn: () => ok(api.GET('/api/v1/projects/conversion', { params: { query: { months: 12 } } })) });
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: ['projects'] });
  const canCreate = !!options.data?.canCreate;

  const columns: TableColumnsType<ProjectListItem> = [
    { title: t('pl.col.name'), dataIndex: 'name', render: (_: unknown, p) => <Link to={`/projects/${p.id}`} data-testid="project-link">{p.name}</Link> },
    { title: t('pl.col.stage'), dataIndex: 'stage', width: 76, render: (s: string) => <StageTag stage={s} /> },
    { title: t('pl.col.category'), dataIndex: 'category', width: 84 },
    { title: t('pl.col.township'), dataIndex: 'townshipName', width: 96, render: (v: string | null) => v ?? '—' },
    { title: t('pl.col.total'), dataIndex: 'totalInvestment', align: 'right', width: 120, render: (v: number) => wan(v, locale) },
    { title: t('pl.col.yearPlan'), dataIndex: 'yearPlan', align: 'right', width: 130, render: (v: number | null) => wan(v, locale) },
    { title: t('pl.col.leader'), dataIndex: 'leaderName', width: 90, render: (v: string | null) => v ?? '—' },
    { title: t('pl.col.unit'), dataIndex: 'leadUnitName', width: 170 },
    { title: t('pl.col.next'), dataIndex: 'nextApproval', width: 190, render: (_: unknown, p) => <NextApprovalText next={p.nextApproval} /> },
  ];

  return (
    <>
      <PageHeader title={t('pl.title')} intro={t('pl.intro')} extra={<>
        {canCreate && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="project-create">{t('pl.create')}</Button>}
        {canCreate && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="project-import">{t('pl.import')}</Button>}
        <ExportButton path="/api/v1/projects/export" params={filters} fallbackName="projects.xlsx" />
      </>} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={13}>
          <Card title={t('pl.stock')} size="small" style={{ height: '100%' }}
            extra={stock.data && <Typography.Text type="secondary">{t('pl.stockTotal', { count: stock.data.total.count, amount: wan(stock.data.total.totalInvestment, locale) })}</Typography.Text>}>
            <div data-testid="stock-tiles" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(112px, 1fr))', gap: 10 }}>
              {PROJECT_STAGES.map((s) => {
                const it = stock.data?.items.find((i) => i.stage === s);
                const active = values.stage === s;
                const color = TILE_COLOR[STAGE_COLORS[s]];
                return (
                  <button key={s} type="button" onClick={() => set({ stage: active ? '' : s })} aria-pressed={active} data-testid={`stock-${s}`}
                    style={{ textAlign: 'left', cursor: 'pointer', border: `1px solid ${active ? color : '#e5e7eb'}`, borderTop: `3px solid ${color}`, borderRadius: 6,
                      background: active ? '#f5f8ff' : '#fff', padding: '8px 10px', font: 'inherit' }}>
                    <div style={{ color: '#646a73', fontSize: 13 }}>{L.stage(s)}</div>
                    <div style={{ fontSize: 22, fontWeight: 600, lineHeight: 1.3 }}>{it?.count ?? 0}</div>
                    <div style={{ color: '#8a919f', fontSize: 12, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{t('pl.stockAmount', { amount: wan(it?.totalInvestment ?? 0, locale) })}</div>
                  </button>
                );
              })}
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card title={t('pl.conversion')} size="small" style={{ height: '100%' }}
            extra={conversion.data?.rate !== null && conversion.data?.rate !== undefined && <Typography.Text type="secondary">{t('pl.conversionRate', { rate: `${Math.round(conversion.data.rate * 1000) / 10}%` })}</Typography.Text>}>
            {conversion.data && <ConversionChart items={conversion.data.items} />}
          </Card>
        </Col>
      </Row>
      <Card>
        <FilterBar filtered={filtered} onClear={clear}>
          <Input.Search key={values.q ?? ''} defaultValue={values.q} placeholder={t('pl.search')} allowClear enterButton={t('action.search')}
            onSearch={(q) => set({ q: q.trim() })} style={{ width: 300, maxWidth: '100%' }} data-testid="project-search" />
          <Select value={values.stage ?? ''} onChange={(stage) => set({ stage })} style={{ width: 120 }} aria-label={t('pl.f.stage')}
            options={[{ value: '', label: t('filter.all', { label: t('pl.f.stage') }) }, ...PROJECT_STAGES.map((s) => ({ value: s, label: L.stage(s) }))]} />
          <Select value={values.category ?? ''} onChange={(category) => set({ category })} style={{ width: 130 }} aria-label={t('pl.f.category')}
            options={[{ value: '', label: t('filter.all', { label: t('pl.f.category') }) }, ...(options.data?.categories ?? []).map((c) => ({ value: c, label: c }))]} />
          <Select value={values.townshipCode ?? ''} onChange={(townshipCode) => set({ townshipCode })} style={{ width: 130 }} aria-label={t('pl.f.township')} showSearch optionFilterProp="label"
            options={[{ value: '', label: t('filter.all', { label: t('pl.f.township') }) }, ...(options.data?.townships ?? []).map((x) => ({ value: x.code, label: x.name }))]} />
          <Select value={values.leaderUserId ?? ''} onChange={(leaderUserId) => set({ leaderUserId })} style={{ width: 130 }} aria-label={t('pl.f.leader')}
            options={[{ value: '', label: t('filter.all', { label: t('pl.f.leader') }) }, ...(options.data?.leaders ?? []).map((x) => ({ value: x.userId, label: x.name }))]} />
          <UnitSelect value={values.leadUnitId ?? null} onChange={(leadUnitId) => set({ leadUnitId: leadUnitId ?? '' })} placeholder={t('pl.f.unit')} style={{ width: 200 }} />
        </FilterBar>
        <DataTable<ProjectListItem> rows={list.data?.items} columns={columns} rowKey="id" loading={list.isFetching} testId="projects-table"
          empty={filtered ? t('table.emptyFiltered') : t('pl.empty')}
          cardTitle={(p) => <span style={{ display: 'flex', gap: 8, alignItems: 'center' }}><StageTag stage={p.stage} /><Link to={`/projects/${p.id}`}>{p.name}</Link></span>}
          paging={{ page, pageSize, total: list.data?.total ?? 0, onChange: (p, s) => set({ page: p, pageSize: s }) }} />
      </Card>
      {creating && (
        <ProjectForm project={null} onClose={() => setCreating(false)}
          onSaved={(p) => { setCreating(false); void refresh(); showSuccess(t('pj.created', { name: p.name })); navigate(`/projects/${p.id}`); }} />
      )}
      <ImportDialog<ImportResult> open={importing} onClose={() => setImporting(false)} title={t('pl.importTitle')}
        endpoint="/api/v1/projects/import" template={{ path: '/api/v1/projects/export', name: 'projects.xlsx' }}
        columnsHint={t('pl.importColumns')} onImported={() => void refresh()}
        renderPreview={(r) => (r.reports.period || r.notes.length > 0) && (
          <div data-testid="import-preview-notes" style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 8, marginTop: 12 }}>
            {r.reports.period && <Typography.Text>{t('pl.importReportsPreview', r.reports)}</Typography.Text>}
            {r.reportChanges.some((c) => c.action === 'correct') && (
              <Table<ReportChange> size="small" data-testid="import-corrections" rowKey="row" scroll={{ x: 'max-content' }}
                dataSource={r.reportChanges.filter((c) => c.action === 'correct')}
                pagination={r.reportChanges.filter((c) => c.action === 'correct').length > 10 ? { pageSize: 10, size: 'small' } : false}
                columns={[
                  { title: t('pl.corr.row'), dataIndex: 'row', width: 56 },
                  { title: t('pl.corr.name'), dataIndex: 'name' },
                  { title: t('pl.corr.period'), dataIndex: 'period', width: 84 },
                  { title: t('pl.corr.change'), key: 'change', align: 'right', render: (_v, c) => `${wan(c.before, locale)} → ${wan(c.after, locale)}` },
                ]} />
            )}
            {r.notes.map((n) => <Alert key={n} type="info" showIcon title={n} />)}
          </div>
        )}
        renderDone={(r) => (
          <div data-testid="import-notes" style={{ display: 'grid', gap: 8, marginTop: 12 }}>
            <Alert type="success" showIcon title={t('pl.importDone', { created: r.created, updated: r.updated })} />
            {r.reports.period && <Typography.Text data-testid="import-reports">{t('pl.importReports', r.reports)}</Typography.Text>}
            {Object.keys(r.units).length > 0 && <Typography.Text type="secondary">{t('pl.importUnits', { units: Object.values(r.units).join('、') })}</Typography.Text>}
            {r.skippedRows.length > 0 && <Typography.Text type="secondary">{t('pl.importSkipped', { rows: r.skippedRows.join('、') })}</Typography.Text>}
            {r.notes.map((n) => <Alert key={n} type="info" showIcon title={n} />)}
          </div>
        )} />
    </>
  );
}
