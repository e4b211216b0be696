// 政策清单: the county's differentiated policies by 亩均 class. Everyone who reads enterprises sees them and opens
// each policy's list; the 亩均 office creates, edits and deletes them.
import { useState } from 'react';
import { Link } from 'react-router';
import { PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { showError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useListParams } from '../../app/useListParams';
import { DataTable } from '../../components/DataTable';
import { FilterBar } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { MuPoliciesForm } from './MuPoliciesForm';
import { ClassTag, MU_CLASSES, usePublishedYears, YearSelect, type MuPolicy } from './MuPoliciesShared';

export default function MuPoliciesPage() {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const qc = useQueryClient();
  const { values, set, clear, filtered } = useListParams(['year'] as const);
  const year = values.year ? Number(values.year) : undefined;
  const years = usePublishedYears();
  const list = useQuery({
    queryKey: ['mu', 'policies', year],
    queryFn: () => ok(api.GET('/api/v1/mu/policies', { params: { query: { year } } })),
  });
  const [editing, setEditing] = useState<MuPolicy | 'new' | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['mu', 'policies'] });
  const canEdit = !!list.data?.canEdit;
  const remove = useMutation({
    meta: { quiet: true },
    mutationFn: (p: MuPolicy) => ok(api.DELETE('/api/v1/mu/policies/{id}', { params: { path: { id: p.id } } })).then(() => p),
    onSuccess: (p) => { showSuccess(t('muPolicies.deleted', { name: p.name })); void refresh(); },
    onError: showError,
  });
  const yearsText = (p: MuPolicy) => (p.toYear === null ? t('muPolicies.yearsOpen', { from: p.fromYear }) : t('muPolicies.yearsRange', { from: p.fromYear, to: p.toYear }));
  const yearOptions = [...new Set([...(years.data ?? []).map((y) => y.year), new Date().getFullYear()])].sort((a, b) => b - a);

  const columns: TableColumnsType<MuPolicy> = [
    {
      key: 'name', title: t('muPolicies.name'), width: 210,
      render: (_, p) => (
        <div>
          <Link to={`/mu/policies/${p.id}${year ? `?year=${year}` : ''}`} style={{ fontWeight: 600 }}>{p.name}</Link>
          {p.basis && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.basis}</Typography.Text></div>}
        </div>
      ),
    },
    { key: 'body', dataIndex: 'body', title: t('muPolicies.body'), width: 160 },
    { key: 'kind', title: t('muPolicies.kind'), width: 80, render: (_, p) => t(`muPolicies.kind.${p.kind}`) },
    {
      key: 'terms', title: t('muPolicies.terms'), width: 330,
      render: (_, p) => (
        <div style={{ display: 'grid', gap: 4 }}>
          {MU_CLASSES.filter((c) => p.summary[c]).map((c) => (
            <div key={c} style={{ display: 'flex', gap: 6, alignItems: 'baseline' }}><ClassTag cls={c} /><span>{p.summary[c]}</span></div>
          ))}
        </div>
      ),
    },
    { key: 'years', title: t('muPolicies.years'), width: 100, render: (_, p) => yearsText(p) },
    {
      key: 'actions', title: t('table.actions'), width: 190,
      render: (_, p) => (
        <Space wrap size={4}>
          <Link to={`/mu/policies/${p.id}${year ? `?year=${year}` : ''}`}><Button size="small" icon={<UnorderedListOutlined />} data-testid="policy-open-list">{t('muPolicies.openList')}</Button></Link>
          {canEdit && <Button size="small" onClick={() => setEditing(p)}>{t('action.edit')}</Button>}
          {canEdit && (
            <Button size="small" danger loading={remove.isPending && remove.variables?.id === p.id}
              onClick={() => modal.confirm({ title: t('muPolicies.deleteConfirm', { name: p.name }), okText: t('action.delete'), okButtonProps: { danger: true }, cancelText: t('action.cancel'), onOk: () => remove.mutateAsync(p) })}>
              {t('action.delete')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('muPolicies.title')} intro={t('muPolicies.intro')} extra={
        canEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="policy-create">{t('muPolicies.create')}</Button>
      } />
      <Card>
        <FilterBar filtered={filtered} onClear={clear}>
          <YearSelect years={yearOptions} value={year} onChange={(y) => set({ year: y })} allLabel={t('muPolicies.allYears')} />
        </FilterBar>
        <DataTable<MuPolicy> rows={list.data?.items} columns={columns} rowKey="id" loading={list.isFetching} testId="policies-table"
          empty={filtered ? t('table.emptyFiltered') : canEdit ? t('muPolicies.empty') : t('muPolicies.emptyReadOnly')} />
      </Card>
      {editing && (
        <MuPoliciesForm policy={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
          onSaved={(p, created) => { setEditing(null); void refresh(); showSuccess(created ? t('muPolicies.created', { name: p.name }) : t('saved')); }} />
      )}
    </>
  );
}
