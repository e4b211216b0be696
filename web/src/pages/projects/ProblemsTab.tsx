// 问题 tab: problems raised on the project, each a task of the 督查督办 loop (its state shown here, open and solved
// apart), and the form to raise one.
import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, List, Modal, Select, Space, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { PROBLEM_KINDS, PROBLEM_KIND_LABELS } from '../../../../common/project-labels';
import { api, ok } from '../../api/client';
import { applyFormErrors, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { UnitSelect } from '../../components/UnitSelect';
import { RAG_COLORS, useTaskLabels } from '../tasks/shared';
import type { ProjectTabProps } from './project-tab';
import type { ProblemList } from './tracking-shared';

type Item = ProblemList['items'][number];

export function ProblemsTab({ project }: ProjectTabProps) {
  const { t, locale } = useI18n();
  const L = useTaskLabels();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['project', project.id, 'problems'], queryFn: () => ok(api.GET('/api/v1/projects/{id}/problems', { params: { path: { id: project.id } } })) });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const raise = useMutation({
    meta: { quiet: true },
    mutationFn: (v: any) => ok(api.POST('/api/v1/projects/{id}/problems', { params: { path: { id: project.id } }, body: {
      kind: v.kind, description: v.description, ...(v.responsibleUnitId ? { responsibleUnitId: v.responsibleUnitId } : {}), ...(v.deadline ? { deadline: dayjs(v.deadline).format('YYYY-MM-DD') } : {}),
    } })),
    onSuccess: (p) => { setOpen(false); form.resetFields(); showSuccess(t('pt.prob.raised', { serial: p.task.serial })); void qc.invalidateQueries({ queryKey: ['project', project.id, 'problems'] }); },
    onError: (e) => applyFormErrors(form, e),
  });
  const kind = (k: string) => (k === 'red_light' ? t('pt.prob.redLight') : PROBLEM_KIND_LABELS[k as keyof typeof PROBLEM_KIND_LABELS]?.[locale] ?? k);
  const render = (items: Item[]) => (
    <List size="small" dataSource={items} locale={{ emptyText: t('pt.prob.none') }} renderItem={(p) => (
      <List.Item data-testid="problem">
        <Space direction="vertical" size={2} style={{ width: '100%' }}>
          <Space wrap size={6}>
            <Tag color={p.kind === 'red_light' ? 'red' : 'blue'}>{kind(p.kind)}</Tag>
            <Typography.Text>{p.description}</Typography.Text>
          </Space>
          <Space wrap size={6} style={{ fontSize: 12 }}>
            <span style={{ color: RAG_COLORS[p.task.rag as keyof typeof RAG_COLORS] }}>●</span>
            <Link to={`/tasks/${p.task.id}`}>{t('pt.prob.task')} {p.task.serial}</Link>
            <Tag>{L.status(p.task.status)}</Tag>
            <Typography.Text type="secondary">{p.task.leadUnitName} · {p.task.deadline} · {p.raisedByName} {dayjs(p.raisedAt).format('YYYY-MM-DD')}</Typography.Text>
          </Space>
        </Space>
      </List.Item>
    )} />
  );
  const items = q.data?.items ?? [];
  return (
    <Card size="small" loading={q.isLoading} title={t('pt.prob.title')} extra={q.data?.canRaise && <Button type="primary" size="small" onClick={() => setOpen(true)} data-testid="raise-problem">{t('pt.prob.raise')}</Button>}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('pt.prob.intro')}</Typography.Paragraph>
      <Tabs size="small" items={[
        { key: 'open', label: t('pt.prob.open', { count: q.data?.open ?? 0 }), children: render(items.filter((i) => i.open)) },
        { key: 'closed', label: t('pt.prob.closed', { count: q.data?.closed ?? 0 }), children: render(items.filter((i) => !i.open)) },
      ]} />
      <Modal open={open} title={t('pt.prob.raise')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={raise.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => raise.mutate(v)} initialValues={{ kind: 'land' }}>
          <Form.Item name="kind" label={t('pt.prob.kind')} rules={[{ required: true }]}>
            <Select options={PROBLEM_KINDS.map((k) => ({ value: k, label: PROBLEM_KIND_LABELS[k][locale] }))} data-testid="problem-kind" />
          </Form.Item>
          <Form.Item name="description" label={t('pt.prob.desc')} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={3} maxLength={2000} data-testid="problem-desc" /></Form.Item>
          <Form.Item name="responsibleUnitId" label={t('pt.prob.unit')} extra={t('pt.prob.unitHelp')}><UnitSelect /></Form.Item>
          <Form.Item name="deadline" label={t('pt.prob.deadline')} extra={t('pt.prob.deadlineHelp')}><DatePicker /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
