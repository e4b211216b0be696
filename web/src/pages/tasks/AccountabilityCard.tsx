// 问责 on the task page: the actions recorded for this task (against its lead unit or a co-unit), read by those who
// read the assessment (督查室, leaders, viewers); 记录问责 for the 督查室, with the server's list of kinds.
import { useState } from 'react';
import { SafetyOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useAccess } from '../../access';
import { reportFormError, showSuccess } from '../../app/feedback';
import { useFormat } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { Schemas } from '../../api/types';
import type { MessageKey } from '../../locales/zh-CN';
import type { TaskDetail } from './shared';

type Action = Schemas['AccountabilityAction'];
type Kind = Action['kind'];
/** The server's kinds (AccountabilityAction.kind), in its order; the Record makes the compiler check the list. */
const KIND_LABELS: Record<Kind, MessageKey> = {
  interview: 'accountability.kind.interview',
  circular_criticism: 'accountability.kind.circular_criticism',
  ordered_review: 'accountability.kind.ordered_review',
  admonition: 'accountability.kind.admonition',
  other: 'accountability.kind.other',
};
const KINDS = Object.keys(KIND_LABELS) as Kind[];
const KIND_COLORS: Partial<Record<Kind, string>> = { admonition: 'red', circular_criticism: 'volcano', interview: 'orange', ordered_review: 'gold' };

export function AccountabilityCard({ task }: { task: TaskDetail['task'] }) {
  const { t } = useI18n();
  const { day } = useFormat();
  const access = useAccess();
  const qc = useQueryClient();
  const [recording, setRecording] = useState(false);
  const units = [task.leadUnit, ...task.coUnits];
  // The list filters by unit; a task's actions are few, so read each of its units' and keep this task's.
  const list = useQuery({
    queryKey: ['tasks', 'accountability', task.id, units.map((u) => u.id)],
    enabled: access.tasksAssess,
    queryFn: async () => {
      const pages = await Promise.all(units.map((u) => ok(api.GET('/api/v1/accountability-actions', { params: { query: { unitId: u.id, pageSize: 200 } } }))));
      return pages.flatMap((p) => p.items).filter((a) => a.task?.id === task.id).sort((a, b) => b.decidedOn.localeCompare(a.decidedOn) || b.createdAt.localeCompare(a.createdAt));
    },
  });
  if (!access.tasksAssess) return null;
  const items = list.data ?? [];

  return (
    <Card title={<><SafetyOutlined style={{ marginRight: 8 }} />{t('accountability.title')}</>} style={{ marginBottom: 16 }} data-testid="accountability" loading={list.isPending}
      extra={access.tasksSupervise && <Button onClick={() => setRecording(true)} data-testid="accountability-record">{t('accountability.record')}</Button>}>
      {!items.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('accountability.none')} />}
      <div style={{ display: 'grid', gap: 12 }}>
        {items.map((a, i) => (
          <div key={a.id} data-testid="accountability-item" style={{ borderTop: i ? '1px solid #f0f1f4' : undefined, paddingTop: i ? 12 : 0 }}>
            <Tag color={KIND_COLORS[a.kind]}>{a.kindName}</Tag>
            <Typography.Text strong>{a.unit.name}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
              {day(a.decidedOn)}{a.createdBy ? ` · ${t('accountability.by', { name: a.createdBy })}` : ''}
            </Typography.Text>
            <div style={{ whiteSpace: 'pre-wrap', marginTop: 2 }}>{a.reason}</div>
          </div>
        ))}
      </div>
      {recording && (
        <RecordModal task={task} onClose={() => setRecording(false)} onDone={(a) => {
          setRecording(false);
          showSuccess(t('accountability.recorded', { unit: a.unit.name, kind: a.kindName }));
          void qc.invalidateQueries({ queryKey: ['tasks', 'accountability', task.id] });
        }} />
      )}
    </Card>
  );
}

interface Values { unitId: string; kind: Kind; reason: string; decidedOn: Dayjs }

function RecordModal({ task, onClose, onDone }: { task: TaskDetail['task']; onClose: () => void; onDone: (a: Action) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      onDone(await ok(api.POST('/api/v1/accountability-actions', {
        body: { unitId: v.unitId, taskId: task.id, kind: v.kind, reason: v.reason.trim(), decidedOn: v.decidedOn.format('YYYY-MM-DD') },
      })));
    } catch (e) { reportFormError(form, e); } finally { setSaving(false); }
  };
  return (
    <Modal open title={t('accountability.recordTitle')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'accountability-submit' }} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" data-testid="accountability-form"
        initialValues={{ unitId: task.leadUnit.id, kind: 'interview', decidedOn: dayjs() }}>
        <Form.Item name="unitId" label={t('accountability.unit')} rules={[{ required: true }]}>
          <Select options={[task.leadUnit, ...task.coUnits].map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('accountability.kind')} rules={[{ required: true }]}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(KIND_LABELS[k]) }))} data-testid="accountability-kind" />
        </Form.Item>
        <Form.Item name="reason" label={t('accountability.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('accountability.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="decidedOn" label={t('accountability.decidedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
