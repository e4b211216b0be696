// 统计分析 of a published 亩均 run: class counts by township / park / industry, per-mu tax and value added (sum over
// sum), the year-on-year class moves (heatmap and table), the score histogram. Every table exports to Excel.
import { useMemo, type ReactNode } from 'react';
import { Alert, Card, Empty, Segmented, Select, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useFormat } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useListParams } from '../../app/useListParams';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { Echart as MuAggregatesChart } from '../../components/Echart';
import { CLASS_COLORS, fmt2, MU_CLASSES, usePublishedYears, YearSelect, type ClassCounts, type PerMu, type Scores, type Transitions } from './MuPoliciesShared';

type ClassBy = 'township' | 'park' | 'industry';
type PerMuBy = 'township' | 'industry';
type ClassRow = ClassCounts['rows'][number];
type PerMuRow = PerMu['rows'][number];
const GREY = '#adb5bd';
const TABS = ['classes', 'per-mu', 'transitions', 'scores'] as const;
type Tab = typeof TABS[number];

export default function MuAggregatesPage() {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  const { values, set } = useListParams(['year', 'tab', 'by', 'group'] as const);
  const years = usePublishedYears();
  const year = values.year ? Number(values.year) : years.data?.[0]?.year;
  const tab: Tab = (TABS as readonly string[]).includes(values.tab ?? '') ? (values.tab as Tab) : 'classes';
  if (years.isLoading) return <PageLoading />;
  const yearList = (years.data ?? []).map((y) => y.year);
  const published = years.data?.find((y) => y.year === year);

  return (
    <>
      <PageHeader title={t('muAnalysis.title')} intro={t('muAnalysis.intro')} extra={yearList.length > 0 && (
        <Space>
          <Typography.Text type="secondary">{t('muAnalysis.year')}</Typography.Text>
          <YearSelect years={yearList} value={year} onChange={(y) => set({ year: y })} />
        </Space>
      )} />
      {!yearList.length ? (
        <Card><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('muAnalysis.noYears')} /></Card>
      ) : (
        <Card>
          {published && <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('muAnalysis.published', { year: published.year, at: dateTime(published.publishedAt) })}</Typography.Paragraph>}
          <Tabs activeKey={tab} onChange={(k) => set({ tab: k, by: null, group: null })} items={[
            { key: 'classes', label: t('muAnalysis.classes'), children: tab === 'classes' && <ClassesSection year={year} by={(values.by as ClassBy) ?? 'township'} onBy={(by) => set({ by })} /> },
            { key: 'per-mu', label: t('muAnalysis.perMu'), children: tab === 'per-mu' && <PerMuSection year={year} by={values.by === 'industry' ? 'industry' : 'township'} onBy={(by) => set({ by })} /> },
            { key: 'transitions', label: t('muAnalysis.transitions'), children: tab === 'transitions' && <TransitionsSection year={year} /> },
            { key: 'scores', label: t('muAnalysis.scores'), children: tab === 'scores' && <ScoresSection year={year} group={values.group} onGroup={(group) => set({ group })} /> },
          ]} />
        </Card>
      )}
    </>
  );
}

function SectionBar({ children, exportTable, year, extra }: { children?: ReactNode; exportTable: string; year: number | undefined; extra?: Record<string, unknown> }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>{children}</div>
      <ExportButton path="/api/v1/mu/analysis/export" params={{ year, table: exportTable, ...extra }} fallbackName={`${exportTable}.xlsx`} />
    </div>
  );
}

const num = (n: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{n}</span>;

function ClassesSection({ year, by, onBy }: { year: number | undefined; by: ClassBy; onBy: (b: ClassBy) => void }) {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['mu', 'analysis', 'classes', year, by],
    queryFn: () => ok(api.GET('/api/v1/mu/analysis/classes', { params: { query: { year, by } } })),
    placeholderData: keepPreviousData,
  });
  const rows = q.data?.rows ?? [];
  const option = useMemo<EChartsCoreOption>(() => {
    const names = rows.map((r) => r.name).reverse();
    const series = [...MU_CLASSES.map((c) => ({ name: `${c}`, key: c, color: CLASS_COLORS[c] })), { name: t('muAnalysis.col.notEvaluated'), key: 'notEvaluated' as const, color: GREY }];
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: names, axisLabel: { width: 130, overflow: 'truncate' } },
      series: series.map((s) => ({ name: s.name, type: 'bar', stack: 'n', itemStyle: { color: s.color }, data: rows.map((r) => r[s.key]).reverse(), barMaxWidth: 22 })),
    };
  }, [rows, t]);
  const dimLabel = t(`muAnalysis.col.${by}`);
  const columns: TableColumnsType<ClassRow> = [
    { key: 'name', dataIndex: 'name', title: dimLabel, width: 150, fixed: 'left' },
    ...MU_CLASSES.map((c) => ({ key: c, dataIndex: c, title: t('muAnalysis.col.class', { cls: c }), align: 'right' as const, width: 70, render: num })),
    { key: 'ne', dataIndex: 'notEvaluated', title: t('muAnalysis.col.notEvaluated'), align: 'right', width: 90, render: num },
    { key: 'total', dataIndex: 'total', title: t('muAnalysis.col.total'), align: 'right', width: 70, render: (n: number) => <strong>{n}</strong> },
  ];
  return (
    <>
      <SectionBar exportTable={`classes-${by}`} year={year}>
        <Segmented<ClassBy> value={by} onChange={onBy} options={(['township', 'park', 'industry'] as const).map((b) => ({ value: b, label: t(`muAnalysis.by.${b}`) }))} />
      </SectionBar>
      {rows.length > 0 && <MuAggregatesChart option={option} height={Math.max(220, rows.length * 30 + 60)} testId="chart-classes" />}
      <Table<ClassRow> size="small" rowKey={(r) => r.key ?? '—'} columns={columns} dataSource={rows} loading={q.isFetching} pagination={false} scroll={{ x: 560 }}
        locale={{ emptyText: t('muAnalysis.empty') }} data-testid="table-classes"
        summary={() => q.data && rows.length > 0 && (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}><strong>{t('muAnalysis.totals')}</strong></Table.Summary.Cell>
            {MU_CLASSES.map((c, i) => <Table.Summary.Cell key={c} index={i + 1} align="right"><strong>{q.data!.totals[c]}</strong></Table.Summary.Cell>)}
            <Table.Summary.Cell index={5} align="right"><strong>{q.data.totals.notEvaluated}</strong></Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right"><strong>{q.data.totals.total}</strong></Table.Summary.Cell>
          </Table.Summary.Row>
        )} />
    </>
  );
}

function PerMuSection({ year, by, onBy }: { year: number | undefined; by: PerMuBy; onBy: (b: PerMuBy) => void }) {
  const { t, locale } = useI18n();
  const q = useQuery({
    queryKey: ['mu', 'analysis', 'per-mu', year, by],
    queryFn: () => ok(api.GET('/api/v1/mu/analysis/per-mu', { params: { query: { year, by } } })),
    placeholderData: keepPreviousData,
  });
  const rows = q.data?.rows ?? [];
  const option = useMemo<EChartsCoreOption>(() => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => fmt2(v, locale) },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: rows.map((r) => r.name).reverse(), axisLabel: { width: 130, overflow: 'truncate' } },
    series: [
      { name: t('muAnalysis.col.perMuTax'), type: 'bar', itemStyle: { color: '#1a56c4' }, data: rows.map((r) => r.perMuTax).reverse(), barMaxWidth: 16 },
      { name: t('muAnalysis.col.perMuValueAdded'), type: 'bar', itemStyle: { color: '#2f9e44' }, data: rows.map((r) => r.perMuValueAdded).reverse(), barMaxWidth: 16 },
    ],
  }), [rows, t, locale]);
  const money = (n: number | null) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{fmt2(n, locale)}</span>;
  const columns: TableColumnsType<PerMuRow> = [
    { key: 'name', dataIndex: 'name', title: t(`muAnalysis.col.${by}`), width: 150, fixed: 'left' },
    { key: 'n', dataIndex: 'enterprises', title: t('muAnalysis.col.enterprises'), align: 'right', width: 80, render: num },
    { key: 'land', dataIndex: 'land', title: t('muAnalysis.col.land'), align: 'right', width: 110, render: money },
    { key: 'tax', dataIndex: 'tax', title: t('muAnalysis.col.tax'), align: 'right', width: 120, render: money },
    { key: 'va', dataIndex: 'valueAdded', title: t('muAnalysis.col.valueAdded'), align: 'right', width: 130, render: money },
    { key: 'pt', dataIndex: 'perMuTax', title: t('muAnalysis.col.perMuTax'), align: 'right', width: 130, render: (n: number | null) => <strong>{fmt2(n, locale)}</strong> },
    { key: 'pv', dataIndex: 'perMuValueAdded', title: t('muAnalysis.col.perMuValueAdded'), align: 'right', width: 140, render: (n: number | null) => <strong>{fmt2(n, locale)}</strong> },
  ];
  const tot = q.data?.totals;
  return (
    <>
      <SectionBar exportTable={`per-mu-${by}`} year={year}>
        <Segmented<PerMuBy> value={by} onChange={onBy} options={(['township', 'industry'] as const).map((b) => ({ value: b, label: t(`muAnalysis.by.${b}`) }))} />
      </SectionBar>
      <Alert type="info" showIcon title={t('muAnalysis.perMuMethod')} style={{ marginBottom: 12 }} data-testid="per-mu-method" />
      {rows.length > 0 && <MuAggregatesChart option={option} height={Math.max(220, rows.length * 36 + 60)} testId="chart-per-mu" />}
      <Table<PerMuRow> size="small" rowKey={(r) => r.key ?? '—'} columns={columns} dataSource={rows} loading={q.isFetching} pagination={false} scroll={{ x: 800 }}
        locale={{ emptyText: t('muAnalysis.empty') }} data-testid="table-per-mu"
        summary={() => tot && rows.length > 0 && (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}><strong>{t('muAnalysis.totals')}</strong></Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right"><strong>{tot.enterprises}</strong></Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right"><strong>{fmt2(tot.land, locale)}</strong></Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right"><strong>{fmt2(tot.tax, locale)}</strong></Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right"><strong>{fmt2(tot.valueAdded, locale)}</strong></Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right"><strong>{fmt2(tot.perMuTax, locale)}</strong></Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right"><strong>{fmt2(tot.perMuValueAdded, locale)}</strong></Table.Summary.Cell>
          </Table.Summary.Row>
        )} />
    </>
  );
}

function TransitionsSection({ year }: { year: number | undefined }) {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['mu', 'analysis', 'transitions', year],
    queryFn: () => ok(api.GET('/api/v1/mu/analysis/transitions', { params: { query: { year } } })),
    placeholderData: keepPreviousData,
  });
  const d: Transitions | undefined = q.data;
  const keys = d?.keys ?? [];
  const label = (k: string) => (k === 'none' ? t('muAnalysis.none') : t('muAnalysis.col.class', { cls: k }));
  /** On the chart's axes: A … D and a dash for "not classed" (the tooltip and the table say it in words). */
  const short = (k: string) => (k === 'none' ? '—' : k);
  const option = useMemo<EChartsCoreOption>(() => {
    const data: [number, number, number][] = [];
    let max = 1;
    keys.forEach((from, y) => keys.forEach((to, x) => { const n = d?.counts[from]?.[to] ?? 0; max = Math.max(max, n); data.push([x, keys.length - 1 - y, n]); }));
    return {
      tooltip: { formatter: (p: { value: [number, number, number] }) => `${label(keys[keys.length - 1 - p.value[1]])} → ${label(keys[p.value[0]])}: ${p.value[2]}` },
      grid: { left: 36, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: keys.map(short), name: t('muAnalysis.to'), nameLocation: 'middle', nameGap: 26, position: 'top', axisLabel: { interval: 0 }, splitArea: { show: true } },
      yAxis: { type: 'category', data: [...keys].reverse().map(short), name: t('muAnalysis.from'), nameLocation: 'middle', nameGap: 30, axisLabel: { interval: 0 }, splitArea: { show: true } },
      visualMap: { min: 0, max, calculable: false, show: false, inRange: { color: ['#f4f7fc', '#1a56c4'] } },
      series: [{ type: 'heatmap', data, label: { show: true, fontSize: 14 }, emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } } }],
    };
  }, [d, keys, t]);
  type Row = { from: string } & Record<string, number | string>;
  const rows: Row[] = keys.map((from) => ({ from, ...(d?.counts[from] ?? {}) }));
  const columns: TableColumnsType<Row> = [
    { key: 'from', title: `${t('muAnalysis.from')} \\ ${t('muAnalysis.to')}`, width: 150, fixed: 'left', render: (_, r) => <strong>{label(r.from)}</strong> },
    ...keys.map((to) => ({
      key: to, title: label(to), align: 'right' as const, width: 100,
      render: (_: unknown, r: Row) => <span style={{ fontWeight: r.from === to ? 600 : undefined, fontVariantNumeric: 'tabular-nums' }}>{r[to] as number}</span>,
    })),
  ];
  const prev = d?.run ? d.run.year - 1 : (year ?? 0) - 1;
  return (
    <>
      <SectionBar exportTable="transitions" year={year}>
        {d?.run && (d.previousRun
          ? <Typography.Text data-testid="transitions-summary">{t('muAnalysis.transitionsIntro', { prev: d.previousRun.year, up: d.up, down: d.down, same: d.same })}</Typography.Text>
          : <Typography.Text type="secondary">{t('muAnalysis.transitionsNoPrev', { prev })}</Typography.Text>)}
      </SectionBar>
      {d?.run && <MuAggregatesChart option={option} height={340} testId="chart-transitions" />}
      <Table<Row> size="small" rowKey="from" columns={columns} dataSource={d?.run ? rows : []} loading={q.isFetching} pagination={false} scroll={{ x: 640 }}
        locale={{ emptyText: t('muAnalysis.empty') }} data-testid="table-transitions" />
    </>
  );
}

function ScoresSection({ year, group, onGroup }: { year: number | undefined; group: string | undefined; onGroup: (g: string) => void }) {
  const { t, locale } = useI18n();
  const q = useQuery({
    queryKey: ['mu', 'analysis', 'scores', year, group],
    queryFn: () => ok(api.GET('/api/v1/mu/analysis/scores', { params: { query: { year, groupKey: group } } })),
    placeholderData: keepPreviousData,
  });
  const d: Scores | undefined = q.data;
  const bins = d?.bins ?? [];
  const option = useMemo<EChartsCoreOption>(() => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: bins.map((b) => `${b.from}–${b.to}`), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: MU_CLASSES.map((c) => ({ name: c, type: 'bar', stack: 'n', barCategoryGap: '4%', itemStyle: { color: CLASS_COLORS[c] }, data: bins.map((b) => b.byClass[c] ?? 0) })),
  }), [bins]);
  type Bin = Scores['bins'][number];
  const columns: TableColumnsType<Bin> = [
    { key: 'bin', title: t('muAnalysis.bin'), width: 120, render: (_, b) => `${b.from}–${b.to}` },
    { key: 'n', dataIndex: 'total', title: t('muAnalysis.count'), align: 'right', width: 80, render: num },
    ...MU_CLASSES.map((c) => ({ key: c, title: t('muAnalysis.col.class', { cls: c }), align: 'right' as const, width: 70, render: (_: unknown, b: Bin) => num(b.byClass[c] ?? 0) })),
  ];
  const groupKey = d?.groupKey ?? undefined;
  return (
    <>
      <SectionBar exportTable="scores" year={year} extra={{ groupKey }}>
        {d && d.groups.length > 0 && (
          <Select value={groupKey} onChange={onGroup} style={{ width: 200 }} aria-label={t('muAnalysis.group')}
            options={d.groups.map((g) => ({ value: g.key, label: `${g.name}（${g.count}）` }))} />
        )}
        {d && d.count > 0 && <Typography.Text type="secondary">{t('muAnalysis.scoresIntro', { n: d.count, mean: fmt2(d.mean, locale), median: fmt2(d.median, locale) })}</Typography.Text>}
      </SectionBar>
      {bins.length > 0 && <MuAggregatesChart option={option} height={300} testId="chart-scores" />}
      <Table<Bin> size="small" rowKey={(b) => `${b.from}`} columns={columns} dataSource={bins} loading={q.isFetching} pagination={false} scroll={{ x: 480 }}
        locale={{ emptyText: t('muAnalysis.empty') }} data-testid="table-scores" />
    </>
  );
}
