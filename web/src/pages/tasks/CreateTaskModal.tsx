// 交办: a new task for a lead unit (and co-units) with a deadline. The server warns of similar open tasks;
// the warnings are shown after the task is created, with links, so a duplicate can be cancelled at once.
import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import { Link } from 'react-router';
import { cadenceLabel } from '../../../../common/task-labels';
import { api, ok } from '../../api/client';
import { reportFormError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { UnitSelect } from '../../components/UnitSelect';
import { LeaderSelect } from './LeaderSelect';
import { LEVELS, SOURCES, useTaskLabels, type Task } from './shared';

type Warning = { taskId: string; serial: string; title: string; message: string };

export function CreateTaskModal({ onClose, onCreated }: { onClose: () => void; onCreated: (t: Task) => void }) {
  const { t, locale } = useI18n();
  const L = useTaskLabels();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [warnings, setWarnings] = useState<Warning[] | null>(null);
  const required = [{ required: true, message: t('tasks.required') }];

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const r = await ok(api.POST('/api/v1/tasks', { body: {
        source: v.source, sourceRef: v.sourceRef || null, title: v.title.trim(), content: v.content || null,
        leaderUserId: v.leaderUserId || null, leadUnitId: v.leadUnitId, coUnitIds: v.coUnitIds ?? [], level: v.level, cadence: v.cadence,
        deadline: v.deadline.format('YYYY-MM-DD'),
      } }));
      showSuccess(t('tasks.created', { title: r.task.title }));
      onCreated(r.task);
      if (r.warnings.length) setWarnings(r.warnings); else onClose();
    } catch (e) { reportFormError(form, e); } finally { setSaving(false); }
  };

  if (warnings) {
    return (
      <Modal open title={t('tasks.createTitle')} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }}>
        <Alert type="warning" showIcon title={t('tasks.similar')} description={
          <ul style={{ margin: 0, paddingLeft: 18 }}>{warnings.map((w) => <li key={w.taskId}><Link to={`/tasks/${w.taskId}`}>{w.serial} {w.title}</Link>：{w.message}</li>)}</ul>
        } />
      </Modal>
    );
  }
  return (
    <Modal open title={t('tasks.createTitle')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('tasks.create')} width={640}
      okButtonProps={{ 'data-testid': 'task-create-submit' }}>
      <Form form={form} layout="vertical" initialValues={{ source: 'instruction', level: 'normal', cadence: 'once' }} data-testid="task-create-form">
        <Form.Item name="title" label={t('tasks.title')} rules={[{ required: true, min: 2, max: 200, whitespace: true, message: t('tasks.titleRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '0 16px' }}>
          <Form.Item name="source" label={t('tasks.source')} rules={required}>
            <Select options={SOURCES.map((s) => ({ value: s, label: L.source(s) }))} />
          </Form.Item>
          <Form.Item name="sourceRef" label={t('tasks.sourceRef')}><Input maxLength={60} /></Form.Item>
          <Form.Item name="leadUnitId" label={t('tasks.leadUnit')} rules={required}><UnitSelect /></Form.Item>
          <Form.Item name="coUnitIds" label={t('tasks.coUnits')}><UnitSelect multiple /></Form.Item>
          <Form.Item name="leaderUserId" label={t('tasks.leader')}><LeaderSelect /></Form.Item>
          <Form.Item name="level" label={t('tasks.level')}><Select options={LEVELS.map((l) => ({ value: l, label: L.level(l) }))} /></Form.Item>
          <Form.Item name="deadline" label={t('tasks.deadline')} rules={required}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="cadence" label={t('tasks.cadence')}>
            <Select options={(['once', 'weekly', 'fortnightly', 'monthly'] as const).map((c) => ({ value: c, label: cadenceLabel(c, null, locale) }))} />
          </Form.Item>
        </div>
        <Form.Item name="content" label={t('tasks.content')}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
      </Form>
    </Modal>
  );
}
