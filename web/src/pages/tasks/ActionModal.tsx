// One step of the loop as a small form: only the fields the action needs; sends the task's version.
// A 409 (someone acted first) shows the server's words and reloads.
import { useEffect } from 'react';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Slider } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import { reportFormError, showError, showSuccess } from '../../app/feedback';
import { useFormat } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { UnitSelect } from '../../components/UnitSelect';
import { useTaskLabels, type TaskAction } from './shared';

const NEEDS_COMMENT: TaskAction[] = ['return', 'send_back', 'deny_extension', 'request_extension', 'request_completion'];
const REASONS = ['territory', 'overlap', 'ownership', 'other'] as const;

interface Props { taskId: string; version: number; action: TaskAction; onClose: () => void; onDone: () => void }

export async function runAction(taskId: string, action: TaskAction, body: Record<string, unknown> & { version: number }) {
  return ok(api.POST('/api/v1/tasks/{id}/actions/{action}', { params: { path: { id: taskId, action } }, body }));
}

export function ActionModal({ taskId, version, action, onClose, onDone }: Props) {
  const { t } = useI18n();
  const L = useTaskLabels();
  const { dateTime } = useFormat();
  const [form] = Form.useForm();
  const progress = Form.useWatch('progress', form) as number | undefined;
  const isReport = action === 'report';
  const detail = useQuery({
    queryKey: ['tasks', 'detail', taskId],
    queryFn: () => ok(api.GET('/api/v1/tasks/{id}', { params: { path: { id: taskId } } })),
    enabled: isReport,
  });
  const last = detail.data?.lastReport ?? null;
  useEffect(() => {
    if (isReport && detail.data) form.setFieldsValue({ progress: last?.progress ?? detail.data.task.progress, comment: last?.comment ?? '' });
  }, [isReport, detail.data, last, form]);

  const send = async (body: Record<string, unknown>) => {
    try {
      await runAction(taskId, action, { ...body, version: detail.data?.task.version ?? version });
      showSuccess(`${L.action(action)} · ${t('tasks.done')}`);
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) { showError(e); onDone(); return; }
      reportFormError(form, e);
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    const body: Record<string, unknown> = {};
    if (v.comment) body.comment = v.comment;
    if (v.reason) body.reason = v.reason;
    if (v.extendTo) body.extendTo = v.extendTo.format('YYYY-MM-DD');
    if (v.quality) body.quality = v.quality;
    if (v.leadUnitId) body.leadUnitId = v.leadUnitId;
    if (isReport) body.progress = v.progress;
    await send(body);
  };
  const required = [{ required: true, message: t('tasks.required') }];

  return (
    <Modal open title={L.action(action)} onCancel={onClose} onOk={() => void submit()} okText={L.action(action)} destroyOnHidden
      okButtonProps={{ 'data-testid': 'action-submit' }}>
      <Form form={form} layout="vertical" data-testid={`action-form-${action}`}>
        {isReport && last && (
          <Alert type="info" style={{ marginBottom: 12 }} title={t('tasks.report.last', { at: dateTime(last.at), progress: last.progress ?? '-', comment: last.comment ?? '' })}
            action={<Button size="small" onClick={() => void send({ noChange: true })} data-testid="report-no-change">{t('tasks.report.noChange')}</Button>} />
        )}
        {isReport && (
          <Form.Item name="progress" label={t('tasks.progress')} initialValue={0}>
            <Slider min={0} max={100} step={5} marks={{ 0: '0', 50: '50', 100: '100' }} />
          </Form.Item>
        )}
        {isReport && (
          <InputNumber min={0} max={100} value={progress} onChange={(n) => form.setFieldValue('progress', n ?? 0)} suffix="%"
            aria-label={t('tasks.progress')} data-testid="report-progress" style={{ marginTop: -12, marginBottom: 16 }} />
        )}
        {action === 'return' && (
          <Form.Item name="reason" label={t('tasks.reason')} rules={required}>
            <Select options={REASONS.map((r) => ({ value: r, label: t(`tasks.reason.${r}`) }))} />
          </Form.Item>
        )}
        {action === 'request_extension' && (
          <Form.Item name="extendTo" label={t('tasks.extendTo')} rules={required}><DatePicker /></Form.Item>
        )}
        {action === 'complete' && (
          <Form.Item name="quality" label={t('tasks.quality')} rules={required}><InputNumber min={1} max={5} /></Form.Item>
        )}
        {action === 'reassign' && (
          <Form.Item name="leadUnitId" label={t('tasks.leadUnit')} rules={required}><UnitSelect /></Form.Item>
        )}
        <Form.Item name="comment" label={isReport ? t('tasks.report.text') : t('tasks.comment')} rules={NEEDS_COMMENT.includes(action) ? required : []}>
          <Input.TextArea rows={3} maxLength={5000} data-testid="action-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
