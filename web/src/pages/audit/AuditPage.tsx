// 审计日志 (auditor): filter by actor, action, object type and dates; export what is filtered; verify the chain.
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { AuditEntry } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { useListParams } from '../../app/useListParams';
import { DataTable } from '../../components/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { FilterBar } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { ENTITY_TYPES } from '../../locales/zh-CN/actions';
import { AuditChanges } from './AuditChanges';
import { useAuditColumns } from './columns';

export default function AuditPage() {
  const { t, entityType } = useI18n();
  const { values, page, pageSize, set, clear, filtered } = useListParams(['actor', 'action', 'entityType', 'from', 'to'] as const);
  const filters = { actor: values.actor, action: values.action, entityType: values.entityType, from: values.from, to: values.to };
  const list = useQuery({
    queryKey: ['audit', filters, page, pageSize],
    queryFn: () => ok(api.GET('/api/v1/audit', { params: { query: { ...filters, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => ok(api.GET('/api/v1/audit/verify')) });
  const columns = useAuditColumns();
  const v = verify.data;

  return (
    <>
      <PageHeader title={t('audit.title')} intro={t('audit.intro')} extra={<>
        <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">{t('audit.verify')}</Button>
        <ExportButton path="/api/v1/audit/export" params={filters} fallbackName="audit.xlsx" />
      </>} />
      {v && (
        <Alert style={{ marginBottom: 16 }} showIcon type={v.ok ? 'success' : 'error'} closable={{ onClose: () => verify.reset() }} data-testid="audit-verify-result"
          title={v.ok ? t('audit.verifyOk', { checked: v.checked }) : t('audit.verifyBad', { seq: v.firstBad?.seq, problem: v.firstBad?.problem, detail: v.firstBad?.detail })} />
      )}
      <Card>
        <FilterBar filtered={filtered} onClear={clear}>
          <Input.Search key={`a${values.actor ?? ''}`} defaultValue={values.actor} placeholder={t('audit.actorFilter')} allowClear
            onSearch={(actor) => set({ actor: actor.trim() })} style={{ width: 200 }} />
          <Input.Search key={`b${values.action ?? ''}`} defaultValue={values.action} placeholder={t('audit.actionFilter')} allowClear
            onSearch={(action) => set({ action: action.trim() })} style={{ width: 250 }} />
          <Select value={values.entityType ?? ''} onChange={(e) => set({ entityType: e })} style={{ width: 170 }} aria-label={t('audit.entityFilter')}
            options={[{ value: '', label: t('filter.all', { label: t('audit.entityType') }) }, ...ENTITY_TYPES.map((e) => ({ value: e, label: entityType(e) }))]} />
          <DatePicker.RangePicker aria-label={t('audit.dates')} allowEmpty={[true, true]}
            value={[values.from ? dayjs(values.from) : null, values.to ? dayjs(values.to) : null]}
            onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })} />
        </FilterBar>
        <DataTable<AuditEntry> rows={list.data?.items} columns={columns} rowKey="seq" loading={list.isFetching} testId="audit-table"
          empty={t('audit.empty')} expandable={{ expandedRowRender: (r) => <AuditChanges entry={r} /> }}
          paging={{ page, pageSize, total: list.data?.total ?? 0, onChange: (p, s) => set({ page: p, pageSize: s }) }} />
      </Card>
    </>
  );
}
