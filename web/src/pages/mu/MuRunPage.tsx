// One evaluation run: group figures (benchmarks, class counts, the stated class rule), the result table filtered by
// group, class and township, an enterprise's explanation in a drawer, and for the office: re-run a draft, publish
// after review (confirmed; frozen afterwards), delete a draft.
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { CheckCircleOutlined, DeleteOutlined, DownloadOutlined, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { download } from '../../api/download';
import { showError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useListParams } from '../../app/useListParams';
import { DataTable } from '../../components/DataTable';
import { FilterBar } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { ClassTag } from './MuPoliciesShared';
import { MuResultDrawer } from './MuResultDrawer';
import { num, RunStatusTag, type ResultRow, type RunDetail } from './MuShared';
import { localDateTime } from '../../lib/date-time';

export default function MuRunPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { values, page, pageSize, set, clear, filtered } = useListParams(['groupKey', 'class', 'townshipCode', 'evaluated', 'q', 'open'] as const);
  const detail = useQuery({ queryKey: ['mu', 'run', id], queryFn: () => ok(api.GET('/api/v1/mu/runs/{id}', { params: { path: { id } } })) });
  const query = {
    groupKey: values.groupKey, class: values.class as 'A' | 'B' | 'C' | 'D' | undefined, townshipCode: values.townshipCode,
    evaluated: values.evaluated === undefined ? undefined : values.evaluated === 'true', q: values.q, page, pageSize,
  };
  const results = useQuery({
    queryKey: ['mu', 'run', id, 'results', query],
    queryFn: () => ok(api.GET('/api/v1/mu/runs/{id}/results', { params: { path: { id }, query } })),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['mu'] });
  const publish = useMutation({
    meta: { quiet: true },
    mutationFn: () => ok(api.POST('/api/v1/mu/runs/{id}/publish', { params: { path: { id } } })),
    onSuccess: () => { showSuccess(t('mu.run.publishedOk')); void refresh(); },
    onError: showError,
  });
  const rerun = useMutation({
    meta: { quiet: true },
    mutationFn: () => ok(api.POST('/api/v1/mu/runs/{id}/rerun', { params: { path: { id } } })),
    onSuccess: (r) => { showSuccess(t('mu.run.done', { count: r.evaluatedCount })); void refresh(); },
    onError: showError,
  });
  const remove = useMutation({
    meta: { quiet: true },
    mutationFn: () => ok(api.DELETE('/api/v1/mu/runs/{id}', { params: { path: { id } } })),
    onSuccess: () => { showSuccess(t('mu.run.deleted')); void refresh(); navigate('/mu/runs'); },
    onError: showError,
  });
  const [exporting, setExporting] = useState(false);
  const exportResults = async (year: number) => {
    setExporting(true);
    try { showSuccess(t('export.done', { name: await download(`/api/v1/mu/runs/${id}/results/export`, {}, `${year}年度亩均效益评价结果.xlsx`) })); } catch (e) { showError(e); } finally { setExporting(false); }
  };
  const reproduce = useMutation({
    meta: { quiet: true },
    mutationFn: () => ok(api.GET('/api/v1/mu/runs/{id}/reproduce', { params: { path: { id } } })),
    onSuccess: (r) => (r.identical ? showSuccess(t('mu.run.reproduced', { count: r.compared })) : showError(new Error(t('mu.run.notReproduced', { count: r.differences.length })))),
    onError: showError,
  });

  if (!detail.data) return <PageLoading />;
  const d: RunDetail = detail.data;
  const r = d.run;
  const draft = r.status === 'draft';
  const labelOf = (c: 'A' | 'B' | 'C' | 'D') => d.classLabels[c] || c;

  const columns: TableColumnsType<ResultRow> = [
    { key: 'rank', title: t('mu.result.rank'), width: 70, align: 'right', render: (_, x) => x.rank ?? '—' },
    {
      key: 'name', title: t('mu.result.enterprise'), width: 260,
      render: (_, x) => (
        <div>
          <Typography.Link strong onClick={() => set({ open: x.enterpriseId })} data-testid="result-open">{x.name}</Typography.Link>
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.creditCode}</Typography.Text></div>
        </div>
      ),
    },
    { key: 'group', dataIndex: 'groupName', title: t('mu.result.group'), width: 160 },
    { key: 'township', title: t('mu.result.township'), width: 110, render: (_, x) => x.townshipName ?? '—' },
    { key: 'perMuTax', title: t('mu.ind.tax_per_mu'), width: 100, align: 'right', render: (_, x) => num(x.perMuTax, locale) },
    { key: 'total', title: t('mu.result.total'), width: 90, align: 'right', render: (_, x) => <strong>{num(x.total, locale, 2)}</strong> },
    {
      key: 'class', title: t('mu.result.class'), width: 150,
      render: (_, x) => x.evaluated
        ? <Space size={4}><ClassTag cls={x.class} />{x.forcedReason && <Tag color="red">{t('mu.result.forced')}</Tag>}</Space>
        : <Typography.Text type="secondary">{t('mu.result.notEvaluated')}：{x.exclusionReason}</Typography.Text>,
    },
  ];

  return (
    <>
      <PageHeader
        title={<Space wrap>{t('mu.run.title', { year: r.year })}<RunStatusTag status={r.status} /></Space>}
        intro={t('mu.run.intro', { scheme: r.schemeName, version: r.schemeVersion, count: r.enterpriseCount, evaluated: r.evaluatedCount })}
        extra={<>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportResults(r.year)} data-testid="run-export">{t('muExport.results')}</Button>
          <Button icon={<SafetyCertificateOutlined />} loading={reproduce.isPending} onClick={() => reproduce.mutate()}>{t('mu.run.reproduce')}</Button>
          {d.canManage && draft && <Button icon={<ReloadOutlined />} loading={rerun.isPending} onClick={() => rerun.mutate()} data-testid="run-rerun">{t('mu.run.rerun')}</Button>}
          {d.canManage && draft && (
            <Button danger icon={<DeleteOutlined />} onClick={() => modal.confirm({ title: t('mu.run.deleteConfirm'), okButtonProps: { danger: true }, okText: t('action.delete'), cancelText: t('action.cancel'), onOk: () => remove.mutateAsync() })}>
              {t('action.delete')}
            </Button>
          )}
          {d.canManage && draft && (
            <Button type="primary" icon={<CheckCircleOutlined />} data-testid="run-publish"
              onClick={() => modal.confirm({ title: t('mu.run.publishConfirmTitle', { year: r.year }), content: t('mu.run.publishConfirm'), okText: t('mu.run.publish'), cancelText: t('action.cancel'), onOk: () => publish.mutateAsync() })}>
              {t('mu.run.publish')}
            </Button>
          )}
        </>}
      />
      {draft && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('mu.run.draftHint')} />}
      {!draft && <Alert type="success" showIcon style={{ marginBottom: 12 }} message={t('mu.run.frozenHint', { time: localDateTime(r.publishedAt), name: r.publishedByName ?? '—' })} />}

      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {d.groups.map((g) => (
          <Col xs={24} xl={12} key={g.key}>
            <Card size="small" title={<Space wrap>{g.name}<Tag>{t('mu.run.groupSize', { n: g.size })}</Tag><Tag>{t(`mu.method.${g.method as 'ratio' | 'minmax'}`)}</Tag></Space>}>
              <Space size={12} wrap style={{ marginBottom: 8 }}>
                {(['A', 'B', 'C', 'D'] as const).map((c) => (
                  <Button key={c} size="small" type={values.class === c && values.groupKey === g.key ? 'primary' : 'default'} onClick={() => set({ groupKey: g.key, class: c, evaluated: undefined })}>
                    <ClassTag cls={c} /> {labelOf(c) !== c ? labelOf(c) : ''} {g.classCounts[c]}
                  </Button>
                ))}
              </Space>
              <Table size="small" pagination={false} rowKey="key" dataSource={g.indicators} scroll={{ x: 420 }}
                columns={[
                  { key: 'name', title: t('mu.editor.indicator'), render: (_, i) => `${i.name}${i.unit ? `（${i.unit}）` : ''}` },
                  { key: 'w', title: t('mu.editor.weight'), width: 60, align: 'right', render: (_, i) => i.weight },
                  { key: 'b', title: g.method === 'minmax' ? t('mu.run.minMax') : t('mu.editor.benchmark'), width: 120, align: 'right', render: (_, i) => g.method === 'minmax' ? `${num(i.min, locale, 4)} – ${num(i.max, locale, 4)}` : num(i.benchmark, locale, 4) },
                  { key: 'm', title: t('mu.run.mean'), width: 90, align: 'right', render: (_, i) => num(i.mean, locale, 4) },
                  { key: 'p', title: t('mu.run.present'), width: 70, align: 'right', render: (_, i) => `${i.present}/${g.size}` },
                ]} />
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>{locale === 'zh-CN' ? g.ruleText.zh : g.ruleText.en}</Typography.Paragraph>
            </Card>
          </Col>
        ))}
      </Row>

      <Card>
        <FilterBar filtered={filtered && !(Object.keys(values).length === 1 && values.open)} onClear={clear}>
          <Input.Search allowClear placeholder={t('mu.result.search')} defaultValue={values.q} onSearch={(q) => set({ q })} style={{ width: 220 }} />
          <Select allowClear placeholder={t('mu.result.group')} value={values.groupKey} style={{ width: 200 }} onChange={(v) => set({ groupKey: v })}
            options={d.groups.map((g) => ({ value: g.key, label: g.name }))} />
          <Select allowClear placeholder={t('mu.result.class')} value={values.class} style={{ width: 120 }} onChange={(v) => set({ class: v })} data-testid="filter-class"
            options={(['A', 'B', 'C', 'D'] as const).map((c) => ({ value: c, label: `${c} ${d.classLabels[c] ?? ''}` }))} />
          <Select allowClear placeholder={t('mu.result.township')} value={values.townshipCode} style={{ width: 150 }} onChange={(v) => set({ townshipCode: v })}
            options={d.townships.map((x) => ({ value: x.code, label: x.name }))} />
          <Select allowClear placeholder={t('mu.result.scope')} value={values.evaluated} style={{ width: 130 }} onChange={(v) => set({ evaluated: v })}
            options={[{ value: 'true', label: t('mu.result.evaluated') }, { value: 'false', label: t('mu.result.notEvaluatedList', { n: d.notEvaluated }) }]} />
        </FilterBar>
        <DataTable<ResultRow> rows={results.data?.items} columns={columns} rowKey="enterpriseId" loading={results.isFetching} testId="results-table"
          paging={{ page, pageSize, total: results.data?.total ?? 0, onChange: (p, s) => set({ page: p, pageSize: s }) }}
          empty={filtered ? t('table.emptyFiltered') : t('mu.result.empty')} />
      </Card>
      <Descriptions size="small" style={{ marginTop: 12 }} column={1} items={[{ key: 'k', label: t('mu.run.storedNote'), children: t('mu.run.storedNoteText') }]} />
      {values.open && <MuResultDrawer runId={id} enterpriseId={values.open} canManage={d.canManage && draft} year={r.year} onClose={() => set({ open: undefined })} />}
    </>
  );
}
