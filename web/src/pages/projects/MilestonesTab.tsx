// 挂图作战 tab of the project page: the Gantt chart, the milestone list (add, move, mark done), and the plan approval
// that keeps the baseline.
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, ok } from '../../api/client';
import { applyFormErrors, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import type { ProjectTabProps } from './project-tab';
import { GanttChart } from './GanttChart';
import { MilestoneStateTag, type Milestone, type MilestonePlan } from './tracking-shared';

const d = (v: any) => (v ? dayjs(v).format('YYYY-MM-DD') : null);

export function MilestonesTab({ project }: ProjectTabProps) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const key = ['project', project.id, 'milestones'];
  const q = useQuery({ queryKey: key, queryFn: () => ok(api.GET('/api/v1/projects/{id}/milestones', { params: { path: { id: project.id } } })) });
  const [editing, setEditing] = useState<Milestone | 'new' | null>(null);
  const [form] = Form.useForm();
  const done = (plan?: MilestonePlan) => { if (plan) qc.setQueryData(key, plan); else void qc.invalidateQueries({ queryKey: key }); };
  const save = useMutation({
    meta: { quiet: true },
    mutationFn: async (v: any) => {
      const body = { title: v.title, plannedStart: d(v.plannedStart), plannedEnd: d(v.plannedEnd)!, actualEnd: d(v.actualEnd), note: v.note || null };
      if (editing === 'new') return ok(api.POST('/api/v1/projects/{id}/milestones', { params: { path: { id: project.id } }, body }));
      const m = editing as Milestone;
      return ok(api.PATCH('/api/v1/projects/{id}/milestones/{milestoneId}', { params: { path: { id: project.id, milestoneId: m.id } }, body: { ...body, version: m.version } }));
    },
    onSuccess: () => { setEditing(null); done(); },
    onError: (e) => applyFormErrors(form, e),
  });
  const markDone = useMutation({
    mutationFn: (m: Milestone) => ok(api.PATCH('/api/v1/projects/{id}/milestones/{milestoneId}', { params: { path: { id: project.id, milestoneId: m.id } }, body: { version: m.version, actualEnd: dayjs().format('YYYY-MM-DD') } })),
    onSuccess: () => done(),
  });
  const remove = useMutation({
    mutationFn: (m: Milestone) => ok(api.DELETE('/api/v1/projects/{id}/milestones/{milestoneId}', { params: { path: { id: project.id, milestoneId: m.id } } })),
    onSuccess: () => done(),
  });
  const approve = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/projects/{id}/plan-approval', { params: { path: { id: project.id } } })),
    onSuccess: (plan) => { done(plan); showSuccess(t('pt.ms.approved', { date: plan.approval!.approvedOn, name: plan.approval!.approvedByName ?? '', count: plan.approval!.milestoneCount })); },
  });
  const plan = q.data;
  const open = (m: Milestone | 'new') => {
    setEditing(m);
    form.resetFields();
    if (m !== 'new') form.setFieldsValue({ title: m.title, plannedStart: m.plannedStart ? dayjs(m.plannedStart) : null, plannedEnd: dayjs(m.plannedEnd), actualEnd: m.actualEnd ? dayjs(m.actualEnd) : null, note: m.note });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {plan && (plan.approval
        ? <Alert type="success" showIcon message={t('pt.ms.approved', { date: plan.approval.approvedOn, name: plan.approval.approvedByName ?? '', count: plan.approval.milestoneCount })} />
        : <Alert type="info" showIcon message={t('pt.ms.notApproved')} action={plan.canApprove && plan.milestones.length ? (
          <Popconfirm title={t('pt.ms.approve')} description={<div style={{ maxWidth: 320 }}>{t('pt.ms.approveConfirm')}</div>} onConfirm={() => approve.mutate()}>
            <Button size="small" type="primary" loading={approve.isPending} data-testid="approve-plan">{t('pt.ms.approve')}</Button>
          </Popconfirm>) : undefined} />)}
      <Card size="small" title={t('pt.ms.title')} loading={q.isLoading} extra={plan?.canEdit && <Button type="primary" size="small" onClick={() => open('new')} data-testid="add-milestone">{t('pt.ms.add')}</Button>}>
        {plan && (plan.milestones.length
          ? <GanttChart groups={[{ key: project.id, milestones: plan.milestones }]} today={plan.today} />
          : <Typography.Text type="secondary">{t('pt.ms.empty')}</Typography.Text>)}
      </Card>
      {plan && plan.milestones.length > 0 && (
        <Table<Milestone> size="small" rowKey="id" pagination={false} dataSource={plan.milestones} scroll={{ x: 720 }}
          columns={[
            { title: t('pt.ms.name'), dataIndex: 'title' },
            { title: t('pt.ms.plannedStart'), dataIndex: 'plannedStart', render: (v) => v ?? '—' },
            { title: t('pt.ms.plannedEnd'), dataIndex: 'plannedEnd' },
            { title: t('pt.ms.baseline'), render: (_, m) => m.baselineEnd ?? '—' },
            { title: t('pt.ms.slip'), render: (_, m) => (m.slipDays ? (m.slipDays > 0 ? t('pt.ms.slipDays', { days: m.slipDays }) : t('pt.ms.aheadDays', { days: -m.slipDays })) : '—') },
            { title: t('pt.ms.actualEnd'), dataIndex: 'actualEnd', render: (v) => v ?? '—' },
            { title: '', render: (_, m) => <MilestoneStateTag state={m.state} /> },
            ...(plan.canEdit ? [{
              title: '', key: 'ops', render: (_: unknown, m: Milestone) => (
                <Space size={4} wrap>
                  <Button size="small" type="link" onClick={() => open(m)}>{t('pt.ms.edit')}</Button>
                  {!m.actualEnd && <Button size="small" type="link" onClick={() => markDone.mutate(m)}>{t('pt.ms.markDone')}</Button>}
                  {!m.baselineEnd && <Popconfirm title={t('pt.ms.deleteConfirm', { title: m.title })} onConfirm={() => remove.mutate(m)}><Button size="small" type="link" danger>{t('pt.ms.delete')}</Button></Popconfirm>}
                </Space>
              ),
            }] : []),
          ]} />
      )}
      <Modal open={editing !== null} title={editing === 'new' ? t('pt.ms.add') : t('pt.ms.edit')} onCancel={() => setEditing(null)} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="title" label={t('pt.ms.name')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
          <Space wrap>
            <Form.Item name="plannedStart" label={t('pt.ms.plannedStart')}><DatePicker /></Form.Item>
            <Form.Item name="plannedEnd" label={t('pt.ms.plannedEnd')} rules={[{ required: true }]}><DatePicker /></Form.Item>
            <Form.Item name="actualEnd" label={t('pt.ms.actualEnd')}><DatePicker /></Form.Item>
          </Space>
          <Form.Item name="note" label={t('pt.ms.note')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
