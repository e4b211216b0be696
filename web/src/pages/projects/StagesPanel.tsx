// 阶段: the stage history (each move dated, who recorded it, why) and the move itself — only to the stages the rules
// allow from here; a move to 在建 asks for the start date, to 竣工 the completion date, to 前期 the project code.
import { useState } from 'react';
import { Alert, Button, Empty, Form, Input, Modal, Select, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import { reportFormError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { StageTag, useProjectLabels, type Project } from './library-shared';

const ORDER = ['planning', 'reserve', 'preparation', 'construction', 'completed', 'operating'];
/** The move offered first: the next step forward, else the first allowed. */
const forward = (p: Project) => p.allowedMoves.find((s) => s !== 'suspended' && ORDER.indexOf(s) > ORDER.indexOf(p.stage)) ?? p.allowedMoves[0];
const todayIso = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export function StageMoveModal({ project, onClose, onMoved }: { project: Project; onClose: () => void; onMoved: (p: Project) => void }) {
  const { t } = useI18n();
  const L = useProjectLabels();
  const [form] = Form.useForm();
  const to = Form.useWatch('to', form) as Project['stage'] | undefined;
  const [conflict, setConflict] = useState<string | null>(null);
  const move = useMutation({
    meta: { quiet: true },
    mutationFn: (v: { to: Project['stage']; movedOn: string; comment?: string; actualStart?: string; actualCompletion?: string; projectCode?: string }) =>
      ok(api.POST('/api/v1/projects/{id}/stage', { params: { path: { id: project.id } }, body: {
        version: project.version, to: v.to, movedOn: v.movedOn, comment: v.comment?.trim() || null,
        ...(v.actualStart ? { actualStart: v.actualStart } : {}), ...(v.actualCompletion ? { actualCompletion: v.actualCompletion } : {}), ...(v.projectCode?.trim() ? { projectCode: v.projectCode.trim() } : {}),
      } })),
    onSuccess: (p) => { showSuccess(t('saved')); onMoved(p); },
    onError: (e) => { if (e instanceof ApiError && e.status === 409) setConflict(e.message); else reportFormError(form, e); },
  });
  return (
    <Modal open title={t('pj.mv.title', { stage: L.stage(project.stage) })} onCancel={onClose} onOk={() => form.submit()} okText={t('action.save')} cancelText={t('action.cancel')}
      confirmLoading={move.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'stage-save' }}>
      {conflict && <Alert type="warning" showIcon title={conflict} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ to: forward(project), movedOn: todayIso(), actualStart: project.actualStart ?? todayIso(), actualCompletion: project.actualCompletion ?? todayIso(), projectCode: project.projectCode ?? '' }}
        onFinish={(v) => move.mutate(v)}>
        <Form.Item name="to" label={t('pj.mv.to')} rules={[{ required: true }]}>
          <Select options={project.allowedMoves.map((s) => ({ value: s, label: L.stage(s) }))} data-testid="stage-to" />
        </Form.Item>
        <Form.Item name="movedOn" label={t('pj.mv.on')} rules={[{ required: true }]}><Input type="date" max={todayIso()} /></Form.Item>
        {to === 'construction' && <Form.Item name="actualStart" label={t('pj.actualStart')} rules={[{ required: true }]}><Input type="date" max={todayIso()} /></Form.Item>}
        {to === 'completed' && <Form.Item name="actualCompletion" label={t('pj.actualCompletion')} rules={[{ required: true }]}><Input type="date" max={todayIso()} /></Form.Item>}
        {to === 'preparation' && <Form.Item name="projectCode" label={t('pj.code')} extra={t('pj.codeHint')} rules={[{ required: true }]}><Input maxLength={24} /></Form.Item>}
        <Form.Item name="comment" label={t('pj.mv.comment')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  );
}

export function StagesPanel({ project, onMove }: { project: Project; onMove: () => void }) {
  const { t } = useI18n();
  const L = useProjectLabels();
  const q = useQuery({ queryKey: ['projects', 'moves', project.id, project.version], queryFn: () => ok(api.GET('/api/v1/projects/{id}/stage-moves', { params: { path: { id: project.id } } })) });
  const items = q.data?.items ?? [];
  return (
    <>
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', marginBottom: 16 }}>
        <StageTag stage={project.stage} />
        <Typography.Text type="secondary">{t('pj.since', { date: project.stageSince })}</Typography.Text>
        {project.canEdit && (project.allowedMoves.length
          ? <Button type="primary" onClick={onMove} data-testid="stage-move">{t('pj.move')}</Button>
          : <Typography.Text type="secondary">{t('pj.mv.none')}</Typography.Text>)}
      </div>
      <Typography.Title level={5}>{t('pj.mv.history')}</Typography.Title>
      {!items.length && !q.isPending ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
        <Timeline data-testid="stage-history" items={[...items].reverse().map((m) => ({
          key: m.id,
          content: (
            <div>
              <div><b>{m.movedOn}</b>　{m.fromStage ? <>{L.stage(m.fromStage)} → <StageTag stage={m.toStage} /></> : t('pj.mv.entered', { stage: L.stage(m.toStage) })}</div>
              <div style={{ color: '#8a919f', fontSize: 13 }}>{m.actorName ? t('pj.mv.by', { name: m.actorName }) : ''}{m.comment ? `　${m.comment}` : ''}</div>
            </div>
          ),
        }))} />
      )}
    </>
  );
}
