// A policy's list (执行名单) for one year: the enterprises its terms reach in that year's published 亩均 run, with the
// consecutive years in their class and the resulting term; exported to Excel for the body that acts on it.
import { Link, useParams } from 'react-router';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Input, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useFormat } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useListParams } from '../../app/useListParams';
import { DataTable } from '../../components/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { FilterBar } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { ClassTag, CLASS_COLORS, fmt2, MU_CLASSES, usePublishedYears, YearSelect, type MuClass, type PolicyListRow } from './MuPoliciesShared';

export default function MuPoliciesListPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { dateTime } = useFormat();
  const { values, page, pageSize, set, clear, filtered } = useListParams(['year', 'class', 'q'] as const);
  const year = values.year ? Number(values.year) : undefined;
  const filters = { year, class: values.class as MuClass | undefined, q: values.q };
  const years = usePublishedYears();
  const policy = useQuery({ queryKey: ['mu', 'policies', 'one', id], queryFn: () => ok(api.GET('/api/v1/mu/policies/{id}', { params: { path: { id } } })) });
  const list = useQuery({
    queryKey: ['mu', 'policies', 'list', id, filters, page, pageSize],
    queryFn: () => ok(api.GET('/api/v1/mu/policies/{id}/list', { params: { path: { id }, query: { ...filters, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
  if (policy.isLoading) return <PageLoading />;
  const p = policy.data;
  const l = list.data;
  const shownYear = l?.year ?? year;
  const yearList = (years.data ?? []).map((y) => y.year);
  const yearsText = p ? (p.toYear === null ? t('muPolicies.yearsOpen', { from: p.fromYear }) : t('muPolicies.yearsRange', { from: p.fromYear, to: p.toYear })) : '';

  const columns: TableColumnsType<PolicyListRow> = [
    { key: 'name', title: t('muPolicies.list.enterprise'), width: 240, render: (_, r) => <span style={{ fontWeight: 500 }}>{r.name}</span> },
    { key: 'creditCode', dataIndex: 'creditCode', title: t('muPolicies.list.creditCode'), width: 190, render: (v: string) => <Typography.Text code copyable={{ text: v }}>{v}</Typography.Text> },
    { key: 'township', title: t('muPolicies.list.township'), width: 110, render: (_, r) => r.townshipName ?? t('none') },
    { key: 'park', title: t('muPolicies.list.park'), width: 120, render: (_, r) => r.park ?? t('none') },
    { key: 'class', title: t('muPolicies.list.class'), width: 70, align: 'center', render: (_, r) => <ClassTag cls={r.class} /> },
    { key: 'years', title: t('muPolicies.list.years'), width: 90, align: 'right', render: (_, r) => t('muPolicies.list.yearsValue', { n: r.years }) },
    { key: 'term', title: t('muPolicies.list.term'), width: 200, render: (_, r) => <strong>{r.termText}</strong> },
    { key: 'total', title: t('muPolicies.list.total'), width: 90, align: 'right', render: (_, r) => fmt2(r.total, locale) },
  ];

  const notice = !l ? null
    : !yearList.length && !l.run ? <Alert type="info" showIcon title={t('muPolicies.list.noYears')} />
    : !l.run ? <Alert type="info" showIcon title={t('muPolicies.list.noRun', { year: shownYear ?? '' })} />
    : !l.inForce ? <Alert type="warning" showIcon title={t('muPolicies.list.notInForce', { year: shownYear ?? '', years: yearsText })} />
    : null;

  return (
    <>
      <Link to="/mu/policies" style={{ display: 'inline-block', marginBottom: 8 }}><ArrowLeftOutlined /> {t('muPolicies.list.back')}</Link>
      <PageHeader
        title={p ? t('muPolicies.list.title', { name: p.name }) : t('muPolicies.title')}
        intro={p && t('muPolicies.list.intro', { body: p.body, year: shownYear ?? '—' })}
        extra={l?.run && l.inForce && <ExportButton path={`/api/v1/mu/policies/${id}/list/export`} params={{ year: shownYear, class: filters.class, q: filters.q }} fallbackName="policy-list.xlsx" />}
      />
      <Card>
        {p && (
          <Space wrap size={[16, 8]} style={{ marginBottom: 12 }}>
            {MU_CLASSES.filter((c) => p.summary[c]).map((c) => (
              <span key={c}><ClassTag cls={c} /> <Typography.Text>{p.summary[c]}</Typography.Text></span>
            ))}
            {p.basis && <Typography.Text type="secondary">{t('muPolicies.basis')}：{p.basis}</Typography.Text>}
          </Space>
        )}
        <FilterBar filtered={filtered} onClear={clear}>
          <YearSelect years={yearList} value={shownYear} onChange={(y) => set({ year: y })} />
          <Select value={values.class ?? ''} onChange={(c) => set({ class: c })} style={{ width: 130 }} aria-label={t('muPolicies.list.class')}
            options={[{ value: '', label: t('filter.all', { label: t('muPolicies.list.class') }) }, ...MU_CLASSES.map((c) => ({ value: c, label: t('muPolicies.classTerms', { cls: c }) }))]} />
          <Input.Search key={values.q ?? ''} defaultValue={values.q} placeholder={t('muPolicies.list.search')} allowClear enterButton={t('action.search')}
            onSearch={(q) => set({ q: q.trim() })} style={{ width: 300, maxWidth: '100%' }} />
        </FilterBar>
        {notice && <div style={{ marginBottom: 12 }}>{notice}</div>}
        {l?.run && (
          <Space wrap size={[8, 8]} style={{ marginBottom: 12 }} data-testid="policy-list-counts">
            <Typography.Text type="secondary">{t('muPolicies.list.published', { year: l.run.year, at: dateTime(l.run.publishedAt) })}</Typography.Text>
            {MU_CLASSES.filter((c) => (l.byClass[c] ?? 0) > 0).map((c) => (
              <Tag key={c} color={CLASS_COLORS[c]} variant="outlined">{t('muPolicies.list.byClass', { cls: c, n: l.byClass[c] })}</Tag>
            ))}
          </Space>
        )}
        {l && !l.run ? null : (
          <DataTable<PolicyListRow> rows={l?.items} columns={columns} rowKey="enterpriseId" loading={list.isFetching} testId="policy-list-table"
            empty={filtered ? t('table.emptyFiltered') : t('muPolicies.list.empty')}
            paging={{ page, pageSize, total: l?.total ?? 0, onChange: (pg, s) => set({ page: pg, pageSize: s }) }} />
        )}
      </Card>
    </>
  );
}
