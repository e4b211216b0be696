// 重大项目总览: totals by stage, category, township and leader; the year's planned against completed investment
// (chart); laggards with the reasons; projects not started on time; approvals due this month. Every table exports,
// and one month's reports export as one sheet (月报导出, the month picked beside last month's report count).
import { useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ok } from '../../api/client';
import { download } from '../../api/download';
import { showError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import type { MessageKey } from '../../locales/zh-CN';
import { stageLabel } from '../../../../common/project-labels';
import { InvestmentChart } from './InvestmentChart';
import { LightTag, money, type Overview } from './tracking-shared';

type Group = Overview['byStage'][number];
const EXPORT = '/api/v1/projects/overview/export';

/** 导出月报: a month (default: the last ended one, as the overview counts it) and the button that downloads its sheet. */
function MonthlyReportsExport({ defaultPeriod }: { defaultPeriod: string }) {
  const { t, locale } = useI18n();
  const [month, setMonth] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const value = month ?? dayjs(`${defaultPeriod}-01`);
  const run = async () => {
    setBusy(true);
    try { showSuccess(t('export.done', { name: await download('/api/v1/projects/reports/export', { period: value.format('YYYY-MM') }, 'reports.xlsx') })); } catch (e) { showError(e); } finally { setBusy(false); }
  };
  return (
    <Space wrap size={8}>
      <DatePicker picker="month" value={value} onChange={(d) => d && setMonth(d)} allowClear={false} aria-label={t('pt.ov.reportMonth')}
        format={locale === 'zh-CN' ? 'YYYY年M月' : 'YYYY-MM'} disabledDate={(d) => d.isAfter(dayjs(), 'month')} style={{ width: 130 }} data-testid="report-month" />
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid="export-reports">{t('pt.ov.exportReports')}</Button>
    </Space>
  );
}

export default function OverviewPage() {
  const { t, locale } = useI18n();
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const q = useQuery({ queryKey: ['projects', 'overview', year], queryFn: () => ok(api.GET('/api/v1/projects/overview', { params: { query: { year } } })) });
  const o = q.data;
  const exp = (table?: string) => <ExportButton path={EXPORT} params={{ year, table }} fallbackName="overview.xlsx" />;
  const groupTable = (rows: Group[], table: string) => (
    <Table<Group> size="small" rowKey="key" dataSource={rows} pagination={false} scroll={{ x: 640 }} footer={() => exp(table)}
      columns={[
        { title: t('pt.ov.group'), dataIndex: 'label' },
        { title: t('pt.ov.count'), dataIndex: 'count', align: 'right' },
        { title: t('pt.ov.total'), dataIndex: 'totalInvestment', align: 'right', render: (v) => money(v, locale) },
        { title: t('pt.ov.yearPlanned'), dataIndex: 'yearPlanned', align: 'right', render: (v) => money(v, locale) },
        { title: t('pt.ov.yearCompleted'), dataIndex: 'yearCompleted', align: 'right', render: (v) => money(v, locale) },
        { title: t('pt.ov.red'), dataIndex: 'red', align: 'right', render: (v) => (v ? <Tag color="red">{v}</Tag> : 0) },
        { title: t('pt.ov.yellow'), dataIndex: 'yellow', align: 'right', render: (v) => (v ? <Tag color="gold">{v}</Tag> : 0) },
      ]} />
  );
  const name = (id: string, text: string) => <Link to={`/projects/${id}`}>{text}</Link>;
  type ListKey = 'laggards' | 'notStarted' | 'approvalsDue';
  // The page receives the first rows of each list; the card says how many there are, the export holds them all.
  const titled = (key: MessageKey, list: ListKey) => (o ? `${t(key)}（${o.listTotals[list]}）` : t(key));
  const more = (list: ListKey) => (o && o.listTotals[list] > o[list].length
    ? () => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('pt.ov.more', { total: o.listTotals[list], limit: o[list].length })}</Typography.Text>
    : undefined);
  return (
    <div>
      <PageHeader title={t('pt.ov.title')} intro={t('pt.ov.intro')} extra={<Space wrap>
        <Select value={year} onChange={setYear} style={{ width: 110 }} options={[thisYear - 2, thisYear - 1, thisYear].map((y) => ({ value: y, label: `${y}` }))} />
        <ExportButton path={EXPORT} params={{ year }} fallbackName="overview.xlsx" />
      </Space>} />
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('pt.ov.count')} value={o?.count ?? 0} loading={q.isLoading} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('pt.ov.total')} value={o?.totalInvestment ?? 0} precision={0} loading={q.isLoading} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('pt.ov.yearCompleted')} value={o?.yearCompleted ?? 0} precision={0} loading={q.isLoading}
          suffix={o && o.yearPlanned ? <Typography.Text type="secondary" style={{ fontSize: 13 }}>/ {money(o.yearPlanned, locale)}</Typography.Text> : undefined} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('pt.ov.rate')} loading={q.isLoading} value={o && o.yearPlanned ? Math.round((o.yearCompleted / o.yearPlanned) * 1000) / 10 : 0} suffix="%" />
          {o && <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="light-counts">{t('pt.ov.lights', o.lights)}</Typography.Text>}</Card></Col>
      </Row>
      {o && (
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 8, margin: '12px 0 0' }}>
          <Typography.Text type="secondary" data-testid="report-status">{t('pt.ov.reports', o.reports)}</Typography.Text>
          <MonthlyReportsExport defaultPeriod={o.reports.period} />
        </div>
      )}
      <Card size="small" title={t('pt.ov.chart', { year })} style={{ marginTop: 12 }} extra={exp('monthly')}>
        {o && <InvestmentChart months={o.months} />}
      </Card>
      <Card size="small" style={{ marginTop: 12 }} loading={q.isLoading}>
        {o && <Tabs items={[
          { key: 'stage', label: t('pt.ov.byStage'), children: groupTable(o.byStage, 'stage') },
          { key: 'category', label: t('pt.ov.byCategory'), children: groupTable(o.byCategory, 'category') },
          { key: 'township', label: t('pt.ov.byTownship'), children: groupTable(o.byTownship, 'township') },
          { key: 'leader', label: t('pt.ov.byLeader'), children: groupTable(o.byLeader, 'leader') },
        ]} />}
      </Card>
      <Card size="small" title={titled('pt.ov.laggards', 'laggards')} style={{ marginTop: 12 }} extra={exp('laggards')} loading={q.isLoading}>
        <Table size="small" rowKey="id" dataSource={o?.laggards ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: 760 }} data-testid="laggards" footer={more('laggards')}
          columns={[
            { title: t('pt.ov.name'), render: (_, p) => name(p.id, p.name) },
            { title: t('pt.ov.unit'), dataIndex: 'leadUnitName' },
            { title: t('pt.ov.leader'), dataIndex: 'leaderName', render: (v) => v ?? '—' },
            { title: '', dataIndex: 'light', render: (v, p) => <LightTag light={v} reasons={p.reasons} /> },
            { title: t('pt.ov.rate'), dataIndex: 'completionRate', align: 'right', render: (v) => (v === null ? '—' : `${v}%`) },
            { title: t('pt.ov.reasons'), dataIndex: 'reasons', render: (r: string[]) => r.join('；') },
          ]} />
      </Card>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={titled('pt.ov.notStarted', 'notStarted')} extra={exp('notStarted')} loading={q.isLoading}>
            <Table size="small" rowKey="id" dataSource={o?.notStarted ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: 480 }} footer={more('notStarted')}
              columns={[
                { title: t('pt.ov.name'), render: (_, p) => name(p.id, p.name) },
                { title: '', dataIndex: 'stage', render: (v) => stageLabel(v, locale) },
                { title: t('pt.ov.plannedStart'), dataIndex: 'plannedStart' },
                { title: t('pt.ov.daysLate'), dataIndex: 'daysLate', align: 'right' },
              ]} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={titled('pt.ov.approvalsDue', 'approvalsDue')} extra={exp('approvals')} loading={q.isLoading}>
            <Table size="small" rowKey={(r) => `${r.projectId}-${r.kind}`} dataSource={o?.approvalsDue ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: 480 }} footer={more('approvalsDue')}
              columns={[
                { title: t('pt.ov.name'), render: (_, p) => name(p.projectId, p.name) },
                { title: t('pt.ov.approval'), dataIndex: 'kindLabel' },
                { title: t('pt.ov.plannedOn'), dataIndex: 'plannedOn', render: (v, r) => <Space size={4}>{v}{r.overdue && <Tag color="red">{t('pt.ov.overdue')}</Tag>}</Space> },
              ]} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
