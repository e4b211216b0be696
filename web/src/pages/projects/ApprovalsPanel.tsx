// 前期手续: the seven approvals in their customary order, planned and actual dates, document number; the next missing
// one stands out. The library units, the 督查室 and the lead unit record them.
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { INITIATION_VARIANTS } from '../../../../common/project-labels';
import { api, ok } from '../../api/client';
import { reportFormError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useProjectLabels, type Project } from './library-shared';

type Approval = {
  kind: 'initiation' | 'land_preexam' | 'land_planning' | 'works_planning' | 'environment' | 'energy' | 'construction_permit';
  variant: 'approval' | 'ratification' | 'filing' | null; plannedOn: string | null; actualOn: string | null; docRef: string | null; note: string | null; done: boolean; overdue: boolean;
};

export function ApprovalsPanel({ project }: { project: Project }) {
  const { t } = useI18n();
  const L = useProjectLabels();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['projects', 'approvals', project.id], queryFn: () => ok(api.GET('/api/v1/projects/{id}/approvals', { params: { path: { id: project.id } } })) });
  const [editing, setEditing] = useState<Approval | null>(null);
  const [form] = Form.useForm();
  const save = useMutation({
    meta: { quiet: true },
    mutationFn: (v: { variant?: Approval['variant']; plannedOn: string | null; actualOn: string | null; docRef: string | null; note: string | null }) =>
      ok(api.PUT('/api/v1/projects/{id}/approvals/{kind}', { params: { path: { id: project.id, kind: editing!.kind } }, body: {
        ...(editing!.kind === 'initiation' ? { variant: v.variant ?? null } : {}), plannedOn: v.plannedOn || null, actualOn: v.actualOn || null, docRef: v.docRef?.trim() || null, note: v.note?.trim() || null,
      } })),
    onSuccess: () => { setEditing(null); showSuccess(t('saved')); void qc.invalidateQueries({ queryKey: ['projects'] }); },
    onError: (e) => reportFormError(form, e),
  });
  const next = q.data?.next;
  return (
    <>
      <Alert type={next ? (next.overdue ? 'error' : 'warning') : 'success'} showIcon style={{ marginBottom: 12 }} data-testid="next-approval"
        title={next ? t('pj.ap.next', { kind: L.approval(next.kind) }) + (next.plannedOn ? `（${t('pl.nextPlanned', { date: next.plannedOn })}）` : '') : t('pj.ap.allDone')} />
      <Table<Approval> rowKey="kind" size="small" loading={q.isPending} dataSource={q.data?.items as Approval[] | undefined} pagination={false} scroll={{ x: 'max-content' }} data-testid="approvals-table"
        rowClassName={(a) => (next && a.kind === next.kind ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('pj.ap.kind'), dataIndex: 'kind', render: (k: string, a) => <>{L.approval(k)}{a.variant && <Tag style={{ marginInlineStart: 6 }}>{L.variant(a.variant)}</Tag>}</> },
          { title: t('pj.ap.status'), key: 'status', render: (_: unknown, a) => (a.done ? <Tag color="green">{t('pj.ap.done')}</Tag> : a.overdue ? <Tag color="red">{t('pj.ap.overdue')}</Tag> : <Tag>{t('pj.ap.pending')}</Tag>) },
          { title: t('pj.ap.planned'), dataIndex: 'plannedOn', render: (v: string | null) => v ?? '—' },
          { title: t('pj.ap.actual'), dataIndex: 'actualOn', render: (v: string | null) => v ?? '—' },
          { title: t('pj.ap.doc'), dataIndex: 'docRef', render: (v: string | null) => v ?? '—' },
          { title: t('pj.ap.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
          ...(project.canEdit ? [{ title: '', key: 'actions', render: (_: unknown, a: Approval) => (
            <Button size="small" onClick={() => { setEditing(a); form.setFieldsValue({ variant: a.variant, plannedOn: a.plannedOn, actualOn: a.actualOn, docRef: a.docRef, note: a.note }); }} data-testid={`approval-${a.kind}`}>{t('pj.ap.record')}</Button>
          ) }] : []),
        ]} />
      <Modal open={!!editing} title={editing ? t('pj.ap.title', { kind: L.approval(editing.kind) }) : ''} onCancel={() => setEditing(null)} onOk={() => form.submit()}
        okText={t('action.save')} cancelText={t('action.cancel')} confirmLoading={save.isPending} destroyOnHidden forceRender okButtonProps={{ 'data-testid': 'approval-save' }}>
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          {editing?.kind === 'initiation' && (
            <Form.Item name="variant" label={t('pj.ap.variant')}><Select allowClear options={INITIATION_VARIANTS.map((v) => ({ value: v, label: L.variant(v) }))} /></Form.Item>
          )}
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))', columnGap: 16 }}>
            <Form.Item name="plannedOn" label={t('pj.ap.planned')}><Input type="date" /></Form.Item>
            <Form.Item name="actualOn" label={t('pj.ap.actual')}><Input type="date" data-testid="approval-actual" /></Form.Item>
          </div>
          <Form.Item name="docRef" label={t('pj.ap.doc')}><Input maxLength={100} placeholder="示发改备〔2026〕12号" /></Form.Item>
          <Form.Item name="note" label={t('pj.ap.note')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
