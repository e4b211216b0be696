// 评价结果: the evaluation runs by year — drafts (the 亩均 office's working copies) and published ones. The office
// starts a run of a year's scheme here; everyone else sees published runs.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PlayCircleOutlined } from '@ant-design/icons';
import { Button, Card, Modal, Select, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { showError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { ClassTag } from './MuPoliciesShared';
import { RunStatusTag, type Run } from './MuShared';
import { localDateTime } from '../../lib/date-time';

export default function MuRunsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const runs = useQuery({ queryKey: ['mu', 'runs'], queryFn: () => ok(api.GET('/api/v1/mu/runs')) });
  const schemes = useQuery({ queryKey: ['mu', 'schemes'], queryFn: () => ok(api.GET('/api/v1/mu/schemes')) });
  const canManage = !!runs.data?.canManage;
  const [picking, setPicking] = useState(false);
  const usable = (schemes.data?.items ?? []).filter((s) => s.status !== 'retired');
  const [schemeId, setSchemeId] = useState<string | undefined>();
  const start = useMutation({
    meta: { quiet: true },
    mutationFn: (id: string) => ok(api.POST('/api/v1/mu/runs', { body: { schemeId: id } })),
    onSuccess: (r) => { void qc.invalidateQueries({ queryKey: ['mu'] }); showSuccess(t('mu.run.done', { count: r.evaluatedCount })); navigate(`/mu/runs/${r.id}`); },
    onError: showError,
  });

  const columns: TableColumnsType<Run> = [
    { key: 'year', title: t('mu.year'), width: 80, render: (_, r) => <Link to={`/mu/runs/${r.id}`} style={{ fontWeight: 600 }}>{r.year}</Link> },
    { key: 'scheme', title: t('mu.run.scheme'), render: (_, r) => `${r.schemeName} · v${r.schemeVersion}` },
    { key: 'status', title: t('mu.run.status'), width: 100, render: (_, r) => <RunStatusTag status={r.status} /> },
    { key: 'count', title: t('mu.run.evaluated'), width: 130, align: 'right', render: (_, r) => `${r.evaluatedCount} / ${r.enterpriseCount}` },
    {
      key: 'classes', title: t('mu.run.classCounts'), width: 260,
      render: (_, r) => <Space size={10} wrap>{(['A', 'B', 'C', 'D'] as const).map((c) => <span key={c}><ClassTag cls={c} /> {r.classCounts[c]}</span>)}</Space>,
    },
    {
      key: 'when', title: t('mu.run.when'), width: 220,
      render: (_, r) => (
        <div style={{ fontSize: 12 }}>
          <div>{t('mu.run.createdBy', { name: r.createdByName ?? '—', time: localDateTime(r.createdAt) })}</div>
          {r.publishedAt && <div>{t('mu.run.publishedBy', { name: r.publishedByName ?? '—', time: localDateTime(r.publishedAt) })}</div>}
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('mu.runs.title')} intro={t('mu.runs.intro')} extra={canManage && (
        <Button type="primary" icon={<PlayCircleOutlined />} data-testid="run-start" disabled={!usable.length}
          onClick={() => { setSchemeId(usable[0]?.id); setPicking(true); }}>{t('mu.run.start')}</Button>
      )} />
      <Card>
        <DataTable<Run> rows={runs.data?.items} columns={columns} rowKey="id" loading={runs.isFetching} testId="runs-table"
          empty={canManage ? t('mu.runs.empty') : t('mu.runs.emptyReadOnly')} />
      </Card>
      <Modal open={picking} title={t('mu.run.start')} onCancel={() => setPicking(false)} okText={t('mu.run.startOk')} cancelText={t('action.cancel')}
        confirmLoading={start.isPending} okButtonProps={{ disabled: !schemeId }} onOk={() => schemeId && start.mutate(schemeId)} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('mu.run.startHint')}</Typography.Paragraph>
        <Select style={{ width: '100%' }} value={schemeId} onChange={setSchemeId} aria-label={t('mu.run.scheme')}
          options={usable.map((s) => ({ value: s.id, label: `${s.year} · ${s.name} · v${s.version}` }))} />
      </Modal>
    </>
  );
}
