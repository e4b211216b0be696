// 现场办公 tab: a leader's visits to the project, who came, what was decided — each decision a task of the loop.
import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, List, Modal, Space, Tag, Timeline, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, ok } from '../../api/client';
import { applyFormErrors, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useMe } from '../../app/auth';
import { UnitSelect } from '../../components/UnitSelect';
import { LeaderSelect } from '../tasks/LeaderSelect';
import { RAG_COLORS, useTaskLabels } from '../tasks/shared';
import type { ProjectTabProps } from './project-tab';

export function VisitsTab({ project }: ProjectTabProps) {
  const { t } = useI18n();
  const L = useTaskLabels();
  const qc = useQueryClient();
  const me = useMe();
  const isLeader = !!me.roles?.includes('leader');
  const q = useQuery({ queryKey: ['project', project.id, 'visits'], queryFn: () => ok(api.GET('/api/v1/projects/{id}/visits', { params: { path: { id: project.id } } })) });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const record = useMutation({
    meta: { quiet: true },
    mutationFn: (v: any) => ok(api.POST('/api/v1/projects/{id}/visits', { params: { path: { id: project.id } }, body: {
      ...(v.leaderUserId ? { leaderUserId: v.leaderUserId } : {}), visitedOn: dayjs(v.visitedOn).format('YYYY-MM-DD'), attendees: v.attendees, summary: v.summary || null,
      decisions: (v.decisions ?? []).map((d: any) => ({ content: d.content, leadUnitId: d.leadUnitId, deadline: dayjs(d.deadline).format('YYYY-MM-DD') })),
    } })),
    onSuccess: (visit) => { setOpen(false); form.resetFields(); showSuccess(t('pt.visit.saved', { count: visit.decisions.length })); void qc.invalidateQueries({ queryKey: ['project', project.id, 'visits'] }); },
    onError: (e) => applyFormErrors(form, e),
  });
  return (
    <Card size="small" loading={q.isLoading} title={t('pt.visit.title')} extra={q.data?.canRecord && <Button type="primary" size="small" onClick={() => setOpen(true)}>{t('pt.visit.record')}</Button>}>
      {q.data && !q.data.items.length && <Typography.Text type="secondary">{t('pt.visit.none')}</Typography.Text>}
      <Timeline items={(q.data?.items ?? []).map((v) => ({
        key: v.id,
        children: (
          <div>
            <Typography.Text strong>{v.visitedOn} · {v.leader.name}</Typography.Text>
            <div><Typography.Text type="secondary">{t('pt.visit.attendees')}：</Typography.Text>{v.attendees}</div>
            {v.summary && <div>{v.summary}</div>}
            {v.decisions.length > 0 && (
              <List size="small" header={<strong>{t('pt.visit.decisions')}</strong>} dataSource={v.decisions} renderItem={(d) => (
                <List.Item><Space wrap size={6}>
                  <span style={{ color: RAG_COLORS[d.task.rag as keyof typeof RAG_COLORS] }}>●</span>{d.content}
                  <Typography.Text type="secondary">{d.leadUnitName} · {d.deadline}</Typography.Text>
                  <Link to={`/tasks/${d.task.id}`}>{d.task.serial}</Link><Tag>{L.status(d.task.status)}</Tag>
                </Space></List.Item>
              )} />
            )}
          </div>
        ),
      }))} />
      <Modal open={open} title={t('pt.visit.record')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={record.isPending} width={640} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => record.mutate(v)} initialValues={{ visitedOn: dayjs(), decisions: [] }}>
          {!isLeader && <Form.Item name="leaderUserId" label={t('pt.visit.leader')} rules={[{ required: true }]}><LeaderSelect /></Form.Item>}
          <Form.Item name="visitedOn" label={t('pt.visit.date')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="attendees" label={t('pt.visit.attendees')} rules={[{ required: true }]}><Input maxLength={1000} /></Form.Item>
          <Form.Item name="summary" label={t('pt.visit.summary')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
          <Typography.Text strong>{t('pt.visit.decisions')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('pt.visit.decisionsHelp')}</Typography.Paragraph>
          <Form.List name="decisions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="start" style={{ display: 'flex', marginTop: 8 }}>
                    <Form.Item name={[f.name, 'content']} rules={[{ required: true, min: 2 }]} style={{ marginBottom: 0 }}><Input placeholder={t('pt.visit.decision')} style={{ width: 240 }} /></Form.Item>
                    <Form.Item name={[f.name, 'leadUnitId']} rules={[{ required: true }]} style={{ marginBottom: 0 }}><UnitSelect placeholder={t('pt.prob.unit')} style={{ width: 180 }} /></Form.Item>
                    <Form.Item name={[f.name, 'deadline']} rules={[{ required: true }]} style={{ marginBottom: 0 }}><DatePicker placeholder={t('pt.prob.deadline')} /></Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} style={{ marginTop: 8 }} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} style={{ marginTop: 8 }}>{t('pt.visit.addDecision')}</Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}
