// 企业库: the registry of the 亩均 evaluation. Filters in the URL (乡镇, 园区, 规上/规下, 状态, search), server paging,
// Excel export; the 亩均 office registers enterprises and imports the registry.
import { useState } from 'react';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, ok } from '../../api/client';
import { showSuccess } from '../../app/feedback';
import { useFormat } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useListParams } from '../../app/useListParams';
import { DataTable } from '../../components/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { FilterBar } from '../../components/FilterBar';
import { ImportDialog } from '../../components/ImportDialog';
import { PageHeader } from '../../components/PageHeader';
import { EnterpriseFormModal } from './EnterpriseFormModal';
import type { Enterprise, RegistryImportResult } from './shared';

export default function EnterprisesPage() {
  const { t } = useI18n();
  const f = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { values, page, pageSize, set, clear, filtered } = useListParams(['q', 'townshipCode', 'park', 'aboveScale', 'status'] as const);
  const filters = {
    q: values.q, townshipCode: values.townshipCode, park: values.park, status: values.status as 'producing' | 'closed' | undefined,
    aboveScale: values.aboveScale === undefined ? undefined : values.aboveScale === 'true',
  };
  const options = useQuery({ queryKey: ['enterprises', 'options'], queryFn: () => ok(api.GET('/api/v1/enterprises/options')) });
  const list = useQuery({
    queryKey: ['enterprises', 'list', filters, page, pageSize],
    queryFn: () => ok(api.GET('/api/v1/enterprises', { params: { query: { ...filters, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const canManage = !!options.data?.canManage;
  const refresh = () => qc.invalidateQueries({ queryKey: ['enterprises'] });

  const columns: TableColumnsType<Enterprise> = [
    {
      title: t('ent.name'), dataIndex: 'name', key: 'name', render: (_, e) => (
        <div style={{ minWidth: 220 }}>
          <Link to={`/mu/enterprises/${e.id}`}><Typography.Text strong>{e.name}</Typography.Text></Link>
          <div><Typography.Text type="secondary" className="num" style={{ fontSize: 12 }}>{e.creditCode}</Typography.Text>
            {e.codeOverrideReason && <Tag color="orange" style={{ marginLeft: 6 }}>{t('ent.codeOverridden')}</Tag>}</div>
        </div>
      ),
    },
    { title: t('ent.scale'), dataIndex: 'aboveScale', key: 'aboveScale', render: (v: boolean) => <Tag color={v ? 'blue' : 'default'}>{t(v ? 'ent.above' : 'ent.below')}</Tag> },
    { title: t('ent.township'), dataIndex: 'townshipName', key: 'township', render: (v: string | null) => v ?? t('none') },
    { title: t('ent.park'), dataIndex: 'park', key: 'park', render: (v: string | null) => v ?? t('none') },
    { title: t('ent.industry'), dataIndex: 'industryCode', key: 'industry', render: (v: string | null) => v ?? t('none') },
    { title: t('ent.landMu'), dataIndex: 'landAreaMu', key: 'land', align: 'right', render: (v: number | null) => <span className="num">{v == null ? t('ent.noLand') : f.number(v)}</span> },
    {
      title: t('ent.status'), key: 'status', render: (_, e) => (e.closedOn
        ? <Tag color="red">{t('ent.closedOn', { date: e.closedOn })}</Tag>
        : <span style={{ whiteSpace: 'nowrap' }}>{e.producingSince ? t('ent.producingSince', { date: e.producingSince }) : t('ent.producing')}</span>),
    },
  ];

  return (
    <>
      <PageHeader title={t('ent.title')} intro={t('ent.intro')} extra={<>
        {canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="ent-create">{t('ent.create')}</Button>}
        {canManage && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="ent-import">{t('ent.importRegistry')}</Button>}
        <ExportButton path="/api/v1/enterprises/export" params={{}} fallbackName="enterprises.xlsx" />
      </>} />
      <Card>
        <FilterBar filtered={filtered} onClear={clear}>
          <Input.Search key={values.q ?? ''} defaultValue={values.q} placeholder={t('ent.search')} allowClear enterButton={t('action.search')}
            onSearch={(q) => set({ q: q.trim() })} style={{ width: 300, maxWidth: '100%' }} data-testid="ent-search" />
          <Select value={values.townshipCode ?? ''} onChange={(townshipCode) => set({ townshipCode })} style={{ width: 160 }} aria-label={t('ent.township')}
            options={[{ value: '', label: t('filter.all', { label: t('ent.township') }) }, ...(options.data?.townships ?? []).map((x) => ({ value: x.code, label: x.name }))]} />
          <Select value={values.park ?? ''} onChange={(park) => set({ park })} style={{ width: 180 }} aria-label={t('ent.park')}
            options={[{ value: '', label: t('filter.all', { label: t('ent.park') }) }, ...(options.data?.parks ?? []).map((p) => ({ value: p, label: p }))]} />
          <Select value={values.aboveScale ?? ''} onChange={(aboveScale) => set({ aboveScale })} style={{ width: 130 }} aria-label={t('ent.scale')}
            options={[{ value: '', label: t('filter.all', { label: t('ent.scale') }) }, { value: 'true', label: t('ent.above') }, { value: 'false', label: t('ent.below') }]} />
          <Select value={values.status ?? ''} onChange={(status) => set({ status })} style={{ width: 130 }} aria-label={t('ent.status')}
            options={[{ value: '', label: t('filter.all', { label: t('ent.status') }) }, { value: 'producing', label: t('ent.producing') }, { value: 'closed', label: t('ent.closed') }]} />
        </FilterBar>
        <DataTable<Enterprise> rows={list.data?.items} columns={columns} rowKey="id" loading={list.isFetching} testId="ent-table"
          empty={filtered ? t('table.emptyFiltered') : t(canManage ? 'ent.emptyOffice' : 'ent.empty')}
          paging={{ page, pageSize, total: list.data?.total ?? 0, onChange: (p, s) => set({ page: p, pageSize: s }) }} />
      </Card>
      {creating && options.data && (
        <EnterpriseFormModal enterprise={null} options={options.data} onClose={() => setCreating(false)}
          onSaved={(e) => { setCreating(false); void refresh(); showSuccess(t('ent.created', { name: e.name })); navigate(`/mu/enterprises/${e.id}`); }} />
      )}
      <ImportDialog<RegistryImportResult> open={importing} onClose={() => setImporting(false)} title={t('ent.importRegistry')}
        endpoint="/api/v1/enterprises/import" template={{ path: '/api/v1/enterprises/export', name: 'enterprises.xlsx' }}
        columnsHint={t('ent.importColumns')} onImported={() => void refresh()} />
    </>
  );
}
