// 月报 tab: the light against 序时进度, the month's form (from last month's report; cumulative figures derived; photos
// of the 形象进度 optional), the list of reports with late flags, photos and corrections, and the months not reported.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, ok } from '../../api/client';
import { applyFormErrors, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import type { ProjectTabProps } from './project-tab';
import { LightCard } from './LightCard';
import { money, type ProjectReport } from './tracking-shared';
import { MAX_PHOTOS, PendingPhotos, ReportPhotos, uploadPhotos } from './ReportPhotos';

const periodsBack = (n: number) => Array.from({ length: n }, (_, i) => dayjs().subtract(i, 'month').format('YYYY-MM'));

export function ReportsTab({ project }: ProjectTabProps) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['project', project.id, 'reports'], queryFn: () => ok(api.GET('/api/v1/projects/{id}/reports', { params: { path: { id: project.id } } })) });
  const [period, setPeriod] = useState(dayjs().subtract(1, 'month').format('YYYY-MM'));
  const formQ = useQuery({ queryKey: ['project', project.id, 'reports', 'form', period], queryFn: () => ok(api.GET('/api/v1/projects/{id}/reports/form', { params: { path: { id: project.id }, query: { period } } })) });
  const [form] = Form.useForm();
  const f = formQ.data;
  useEffect(() => { if (f) form.setFieldsValue({ amount: f.amount, progressText: f.progressText, problemsText: f.problemsText, reason: undefined }); }, [f, form]);
  // Photos picked before the month is filed go up once the report is saved.
  const [pending, setPending] = useState<File[]>([]);
  useEffect(() => setPending([]), [period]);
  const amount = Form.useWatch('amount', form) as number | null | undefined;
  const save = useMutation({
    meta: { quiet: true },
    mutationFn: (v: any) => ok(api.PUT('/api/v1/projects/{id}/reports/{period}', {
      params: { path: { id: project.id, period } },
      body: { amount: v.amount, progressText: v.progressText, problemsText: v.problemsText || null, ...(f?.version ? { version: f.version } : {}), ...(v.reason ? { reason: v.reason } : {}) },
    })),
    onSuccess: async () => {
      showSuccess(t('pt.rep.saved', { period }));
      if (pending.length) {
        const n = await uploadPhotos(project.id, period, pending);
        setPending([]);
        if (n) showSuccess(t('pt.rep.photoAdded', { count: n }));
      }
      void qc.invalidateQueries({ queryKey: ['project', project.id] });
    },
    onError: (e) => applyFormErrors(form, e),
  });
  const month = Number(period.slice(5, 7));
  const canFile = list.data?.canFile;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <LightCard projectId={project.id} />
      {canFile && (
        <Card size="small" title={t('pt.rep.title')} loading={formQ.isLoading} extra={<Select value={period} onChange={setPeriod} style={{ width: 120 }} data-testid="report-period"
          options={periodsBack(13).map((p) => ({ value: p, label: p }))} />}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('pt.rep.intro', { day: list.data?.reportDueDay ?? 5 })}</Typography.Paragraph>
          {f && (
            <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="report-form">
              <Space wrap style={{ marginBottom: 8 }}>
                <Tag>{t('pt.rep.dueOn', { date: f.dueOn })}</Tag>
                {f.closed && <Tag color="orange">{t('pt.rep.closed')}</Tag>}
                {!f.exists && f.previous && <Typography.Text type="secondary">{t('pt.rep.fromLast', { period: f.previous.period })}</Typography.Text>}
              </Space>
              <Form.Item name="amount" label={t('pt.rep.amount')} rules={[{ required: true }]} extra={typeof amount === 'number'
                ? t('pt.rep.after', { month, ytd: money(f.yearToDateBefore + amount, locale), since: money(f.sinceStartBefore + amount, locale) }) : undefined}>
                <InputNumber min={0} step={10} style={{ width: 200 }} data-testid="report-amount" />
              </Form.Item>
              <Form.Item name="progressText" label={t('pt.rep.progress')} rules={[{ required: true }]}><Input.TextArea rows={3} maxLength={2000} data-testid="report-progress" /></Form.Item>
              <Form.Item name="problemsText" label={t('pt.rep.problems')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
              <Form.Item label={t('pt.rep.photos')} extra={f.exists ? t('pt.rep.photosHelp', { max: MAX_PHOTOS }) : `${t('pt.rep.photosHelp', { max: MAX_PHOTOS })}${pending.length ? ` ${t('pt.rep.photosQueued')}` : ''}`}>
                {f.exists
                  ? <ReportPhotos projectId={project.id} period={period} photos={f.photos} canAdd closed={f.closed} dueOn={f.dueOn} />
                  : <PendingPhotos files={pending} onChange={setPending} />}
              </Form.Item>
              {f.exists && f.closed && <Form.Item name="reason" label={t('pt.rep.reason')} rules={[{ required: true }]} extra={t('pt.rep.reasonHelp', { dueOn: f.dueOn })}><Input maxLength={500} /></Form.Item>}
              <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!f.canReport} data-testid="report-submit">
                {!f.exists ? t('pt.rep.submit') : f.closed ? t('pt.rep.correct') : t('pt.rep.update')}
              </Button>
            </Form>
          )}
        </Card>
      )}
      {list.data && list.data.missing.length > 0 && (
        <Alert type="warning" showIcon message={`${t('pt.rep.missing')}：${list.data.missing.map((m) => m.period).join('、')}`} />
      )}
      <Table<ProjectReport> size="small" rowKey="id" loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={{ pageSize: 12, hideOnSinglePage: true }}
        scroll={{ x: 760 }} locale={{ emptyText: t('pt.rep.none') }} data-testid="report-list"
        expandable={{ rowExpandable: (r) => r.corrections.length > 0 || r.photos.length > 0 || !!canFile, expandedRowRender: (r) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {(r.photos.length > 0 || canFile) && (
              <div><strong>{t('pt.rep.photos')}</strong>
                <ReportPhotos projectId={project.id} period={r.period} photos={r.photos} canAdd={!!canFile} closed={r.closed} dueOn={r.dueOn} /></div>
            )}
            {r.corrections.length > 0 && (
              <div><strong>{t('pt.rep.history')}</strong>{r.corrections.map((c, i) => <div key={`${c.at}-${i}`}>{dayjs(c.at).format('YYYY-MM-DD HH:mm')} {c.actorName}：{c.reason}（{'photo' in c.before
                ? (c.before.photo === null ? t('pt.rep.photoAddedLate', { name: String(c.after.photo) }) : t('pt.rep.photoHistory', { name: String(c.before.photo) })) : `${String(c.before.amount)} → ${String(c.after.amount)}`}）</div>)}</div>
            )}
          </Space>
        ) }}
        columns={[
          { title: t('pt.rep.period'), dataIndex: 'period', width: 90 },
          { title: t('pt.rep.amount'), dataIndex: 'amount', align: 'right', render: (v) => money(v, locale) },
          { title: t('pt.rep.ytdShort'), dataIndex: 'yearToDate', align: 'right', render: (v) => money(v, locale) },
          { title: t('pt.rep.since'), dataIndex: 'sinceStart', align: 'right', render: (v) => money(v, locale) },
          { title: t('pt.rep.progress'), dataIndex: 'progressText', ellipsis: true },
          { title: '', render: (_, r) => (
            <Space size={4} wrap>
              {r.late ? <Tag color="red">{t('pt.rep.late')}</Tag> : <Tag color="green">{t('pt.rep.onTime')}</Tag>}
              {r.corrections.length > 0 && <Tag color="orange">{t('pt.rep.corrected', { count: r.corrections.length })}</Tag>}
              {r.source === 'ledger' && <Tag>{t('pt.rep.ledger')}</Tag>}
              {r.photos.length > 0 && <Tag icon={<CameraOutlined />}>{t('pt.rep.photoCount', { count: r.photos.length })}</Tag>}
            </Space>
          ) },
        ]} />
    </Space>
  );
}
