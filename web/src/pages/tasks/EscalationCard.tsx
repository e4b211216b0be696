// 督办通知单 on the task page: the notices issued for this task (each downloadable as .docx in the official layout),
// and, for the 督查室 on a red open task, 发督办通知单 (督办要求 + optional 回复期限). The server decides (409 when
// the task is not red or not open); the button is only offered when it would succeed.
import { useState } from 'react';
import { DownloadOutlined, FileExclamationOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { download } from '../../api/download';
import { useAccess } from '../../access';
import { ApiError } from '../../api/errors';
import { reportFormError, showError, showSuccess } from '../../app/feedback';
import { useFormat } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { Schemas } from '../../api/types';
import type { TaskDetail } from './shared';

type Escalation = Schemas['Escalation'];
const OPEN = new Set(['assigned', 'returned', 'in_progress', 'completion_requested']);

export function EscalationCard({ task }: { task: TaskDetail['task'] }) {
  const { t } = useI18n();
  const { dateTime, day } = useFormat();
  const access = useAccess();
  const qc = useQueryClient();
  const [issuing, setIssuing] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['tasks', 'escalations', task.id],
    queryFn: () => ok(api.GET('/api/v1/tasks/{id}/escalations', { params: { path: { id: task.id } } })),
  });
  const supervising = access.tasksSupervise && OPEN.has(task.status);
  const canIssue = supervising && task.rag === 'red';
  const items = list.data ?? [];
  if (!supervising && !items.length) return null;

  const get = async (e: Escalation) => {
    setBusy(e.id);
    try { await download(`/api/v1/escalations/${e.id}/docx`, {}, `${e.number}.docx`); } catch (err) { showError(err); } finally { setBusy(null); }
  };

  return (
    <Card title={<><FileExclamationOutlined style={{ color: '#d4380d', marginRight: 8 }} />{t('escalation.title')}</>} style={{ marginBottom: 16 }} data-testid="escalations"
      extra={canIssue && <Button danger type="primary" onClick={() => setIssuing(true)} data-testid="escalation-issue">{t('escalation.issue')}</Button>}>
      {!items.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={canIssue ? t('escalation.none') : t('escalation.onlyRed')} />}
      <div style={{ display: 'grid', gap: 12 }}>
        {items.map((e, i) => (
          <div key={e.id} data-testid="escalation" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', borderTop: i ? '1px solid #f0f1f4' : undefined, paddingTop: i ? 12 : 0 }}>
            <div style={{ minWidth: 0, flex: '1 1 280px' }}>
              <Typography.Text strong data-testid="escalation-number">{e.number}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                {dateTime(e.issuedAt)}{e.issuedBy ? ` · ${t('escalation.issuedBy', { name: e.issuedBy })}` : ''} · {t('escalation.replyBy')} {day(e.replyBy)}
              </Typography.Text>
              <div style={{ whiteSpace: 'pre-wrap', marginTop: 2 }}>{e.requirement}</div>
            </div>
            <Button icon={<DownloadOutlined />} loading={busy === e.id} onClick={() => void get(e)} data-testid="escalation-download">{t('escalation.download')}</Button>
          </div>
        ))}
      </div>
      {issuing && (
        <IssueModal taskId={task.id} onClose={() => setIssuing(false)} onDone={(e) => {
          setIssuing(false);
          showSuccess(t('escalation.issued', { number: e.number }));
          void qc.invalidateQueries({ queryKey: ['tasks'] });
        }} />
      )}
    </Card>
  );
}

function IssueModal({ taskId, onClose, onDone }: { taskId: string; onClose: () => void; onDone: (e: Escalation) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ requirement: string; replyBy?: Dayjs | null }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const e = await ok(api.POST('/api/v1/tasks/{id}/escalations', {
        params: { path: { id: taskId } }, body: { requirement: v.requirement.trim(), ...(v.replyBy ? { replyBy: v.replyBy.format('YYYY-MM-DD') } : {}) },
      }));
      onDone(e);
    } catch (e) {
      // Not red (any more) or closed meanwhile: say why and close, the page reloads.
      if (e instanceof ApiError && e.status === 409) { showError(e); onClose(); return; }
      reportFormError(form, e);
    } finally { setSaving(false); }
  };
  return (
    <Modal open title={t('escalation.issueTitle')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving}
      okText={t('escalation.issue')} okButtonProps={{ danger: true, 'data-testid': 'escalation-submit' }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('escalation.issueHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="escalation-form">
        <Form.Item name="requirement" label={t('escalation.requirement')} rules={[{ required: true, whitespace: true, min: 2, message: t('escalation.requirementRequired') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('escalation.requirementPlaceholder')} />
        </Form.Item>
        <Form.Item name="replyBy" label={t('escalation.replyBy')} extra={t('escalation.replyByDefault')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
