// 通报: for a chosen period, the preview of what the bulletin says — counts by status and colour, the red list, the
// units' ranking — and the bulletin itself as a GB/T 9704 .docx (with an optional 发文字号) or as Excel.
import { useState } from 'react';
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { Alert, Badge, Card, Col, Grid, Input, Row, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { errorText } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { RAG_COLORS, STATUSES, useTaskLabels } from '../tasks/shared';
import { DownloadButton } from './DownloadButton';
import { lastMonth, PeriodNote, PeriodPicker, usePeriod } from './period';
import type { Bulletin } from './types';
import { pct } from './cells';

type Red = Bulletin['red'][number];
type Rank = Bulletin['ranking'][number] & { id: string };
const RAGS = ['red', 'yellow', 'green'] as const;

export default function BulletinPage() {
  const { t } = useI18n();
  const L = useTaskLabels();
  const mobile = Grid.useBreakpoint().md === false;
  const { period, setPeriod } = usePeriod(lastMonth);
  const [number, setNumber] = useState('');
  const q = useQuery({
    queryKey: ['bulletin', period.from, period.to],
    queryFn: () => ok(api.GET('/api/v1/bulletins/preview', { params: { query: { from: period.from, to: period.to } } })),
    placeholderData: keepPreviousData,
  });
  const b = q.data;
  const params = { from: period.from, to: period.to, number: number.trim() || undefined };
  const day = (s: string) => dayjs(s).format(t('date.day'));

  const redColumns: TableColumnsType<Red> = [
    {
      title: t('assess.col.task'), key: 'task', render: (_, r) => (
        <Space direction="vertical" size={0}>
          <span><Link to={`/tasks/${r.taskId}`}>{r.title}</Link>{r.repeated && <Tag color="red" style={{ marginInlineStart: 6 }}>{t('bulletin.repeated')}</Tag>}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.serial}</Typography.Text>
        </Space>
      ),
    },
    { title: t('tasks.leadUnit'), key: 'unit', render: (_, r) => r.leadUnit.name },
    { title: t('tasks.deadline'), key: 'deadline', render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{day(r.deadline)}</span> },
    { title: t('tasks.status'), key: 'status', render: (_, r) => L.status(r.status) },
    { title: t('tasks.progress'), key: 'progress', align: 'right', render: (_, r) => `${r.progress}%` },
    {
      title: t('bulletin.col.reasons'), key: 'reasons', render: (_, r) => (
        <div style={{ minWidth: 180 }}>
          {r.reasons.map((x) => <div key={x.code}>{x.message}</div>)}
          {r.escalations > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('bulletin.escalations', { n: r.escalations })}{r.lastEscalation ? ` · ${r.lastEscalation}` : ''}</Typography.Text>}
        </div>
      ),
    },
  ];
  const rankColumns: TableColumnsType<Rank> = [
    { title: t('assess.rank'), key: 'rank', width: 72, align: 'center', render: (_, r) => r.rank ?? <Tooltip title={t('assess.notRanked')}><Typography.Text type="secondary">{t('none')}</Typography.Text></Tooltip> },
    { title: t('assess.unit'), key: 'unit', render: (_, r) => r.unit.name },
    { title: t('bulletin.col.score'), key: 'score', align: 'right', render: (_, r) => (r.score === null ? t('none') : <strong>{r.score.toFixed(1)}</strong>) },
    { title: t('bulletin.col.tasks'), dataIndex: 'tasks', align: 'right' },
    { title: t('bulletin.col.due'), dataIndex: 'due', align: 'right' },
    { title: t('bulletin.col.completed'), dataIndex: 'completed', align: 'right' },
    { title: t('bulletin.col.completedOnTime'), dataIndex: 'completedOnTime', align: 'right' },
    { title: t('bulletin.col.onTimeRate'), key: 'rate', align: 'right', render: (_, r) => (r.onTimeRate === null ? t('none') : pct(r.onTimeRate)) },
    { title: t('bulletin.col.red'), key: 'red', align: 'right', render: (_, r) => (r.red ? <span style={{ color: RAG_COLORS.red, fontWeight: 600 }}>{r.red}</span> : 0) },
  ];
  const rankShown = mobile ? rankColumns.filter((c) => c.key !== 'unit') : rankColumns;

  return (
    <>
      <PageHeader title={t('bulletin.title')} intro={t('bulletin.intro')} />
      <Card style={{ marginBottom: 16 }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
          <PeriodPicker value={period} onChange={setPeriod} />
          <Input value={number} onChange={(e) => setNumber(e.target.value)} maxLength={40} allowClear
            placeholder={t('bulletin.numberHint')} aria-label={t('bulletin.number')} style={{ width: mobile ? '100%' : 300 }} data-testid="bulletin-number" />
          <Space wrap>
            <DownloadButton primary path="/api/v1/bulletins/docx" params={params} fallbackName="bulletin.docx" icon={<FileWordOutlined />} label={t('bulletin.docx')} testId="bulletin-docx" />
            <DownloadButton path="/api/v1/bulletins/xlsx" params={params} fallbackName="bulletin.xlsx" icon={<FileExcelOutlined />} label={t('bulletin.xlsx')} testId="bulletin-xlsx" />
          </Space>
        </div>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 13 }}>{t('bulletin.notKept')}</Typography.Paragraph>
      </Card>
      {q.isError && <Alert type="error" showIcon title={errorText(q.error)} style={{ marginBottom: 16 }} />}
      {b && (
        <div data-testid="bulletin-preview" style={{ opacity: q.isFetching ? 0.6 : 1, transition: 'opacity .2s' }}>
          <Card style={{ marginBottom: 16 }}>
            <Typography.Title level={5} style={{ marginTop: 0, textAlign: 'center', fontWeight: 600 }} data-testid="bulletin-title">{b.title}</Typography.Title>
            <div style={{ textAlign: 'center', marginBottom: 16 }}><PeriodNote period={b} /></div>
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}><Statistic title={t('bulletin.totals.tasks')} value={b.totals.tasks} /></Col>
              <Col xs={12} md={6}><Statistic title={t('bulletin.totals.assigned')} value={b.totals.assignedInPeriod} /></Col>
              <Col xs={12} md={6}><Statistic title={t('bulletin.totals.completed')} value={b.totals.completedInPeriod} /></Col>
              <Col xs={12} md={6}><Statistic title={t('bulletin.totals.escalated')} value={b.totals.escalatedInPeriod} /></Col>
            </Row>
            <Row gutter={[24, 12]} style={{ marginTop: 20 }}>
              <Col xs={24} md={10}>
                <Typography.Text type="secondary">{t('bulletin.byRag')}</Typography.Text>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, marginTop: 6 }} data-testid="bulletin-rag">
                  {RAGS.map((c) => (
                    <span key={c} style={{ fontSize: 15 }}><Badge color={RAG_COLORS[c]} text={<>{L.rag(c)} <strong style={{ color: RAG_COLORS[c] }}>{b.byRag[c] ?? 0}</strong></>} /></span>
                  ))}
                </div>
              </Col>
              <Col xs={24} md={14}>
                <Typography.Text type="secondary">{t('bulletin.byStatus')}</Typography.Text>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 6 }} data-testid="bulletin-status">
                  {STATUSES.filter((s) => (b.byStatus[s] ?? 0) > 0).map((s) => <Tag key={s} style={{ marginInlineEnd: 0 }}>{L.status(s)} {b.byStatus[s]}</Tag>)}
                </div>
              </Col>
            </Row>
          </Card>
          <Card title={<span>{t('bulletin.red')} <Tag color="red" style={{ marginInlineStart: 6 }}>{b.red.length}</Tag></span>} style={{ marginBottom: 16 }}>
            <DataTable<Red> rows={b.red} columns={redColumns} rowKey="taskId" empty={t('bulletin.redEmpty')} testId="bulletin-red" />
          </Card>
          <Card title={t('bulletin.ranking')}>
            <DataTable<Rank> rows={b.ranking.map((r) => ({ ...r, id: r.unit.id }))} columns={rankShown} rowKey="id" empty={t('assess.empty')} testId="bulletin-ranking"
              cardTitle={(r) => <Space size={8}>{r.rank !== null && <Tag color="blue" style={{ marginInlineEnd: 0 }}>{r.rank}</Tag>}{r.unit.name}</Space>} />
          </Card>
        </div>
      )}
    </>
  );
}
