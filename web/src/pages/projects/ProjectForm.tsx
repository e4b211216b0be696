// New project / edit a project's facts. Errors from the server land on their fields; an edit carries the version read,
// and a 409 offers to load the latest. Who leads and who drives a project only the library units change.
import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import { reportFormError } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { UnitSelect } from '../../components/UnitSelect';
import { useProjectLabels, useProjectOptions, type Project } from './library-shared';

interface Values {
  name: string; projectCode: string | null; category: string; industryCode: string | null; townshipCode: string | null; ownerName: string | null;
  ownerCreditCode: string | null; content: string | null; totalInvestment: number | null; yearPlan: number | null; plannedStart: string | null;
  actualStart: string | null; plannedCompletion: string | null; actualCompletion: string | null; leaderUserId: string | null; leadUnitId: string | null;
  taskForce: string | null; planSummary: string | null; stage?: 'planning' | 'reserve' | 'preparation' | 'construction';
}

const toValues = (p: Project | null): Values => ({
  name: p?.name ?? '', projectCode: p?.projectCode ?? null, category: p?.category ?? '产业', industryCode: p?.industryCode ?? null, townshipCode: p?.townshipCode ?? null,
  ownerName: p?.ownerName ?? null, ownerCreditCode: p?.ownerCreditCode ?? null, content: p?.content ?? null, totalInvestment: p?.totalInvestment ?? null,
  yearPlan: p?.yearPlan ?? null, plannedStart: p?.plannedStart ?? null, actualStart: p?.actualStart ?? null, plannedCompletion: p?.plannedCompletion ?? null,
  actualCompletion: p?.actualCompletion ?? null, leaderUserId: p?.leaderUserId ?? null, leadUnitId: p?.leadUnitId ?? null, taskForce: p?.taskForce ?? null,
  planSummary: p?.planSummary ?? null, ...(p ? {} : { stage: 'reserve' as const }),
});
const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

export function ProjectForm({ project, onClose, onSaved }: { project: Project | null; onClose: () => void; onSaved: (p: Project) => void }) {
  const { t } = useI18n();
  const L = useProjectLabels();
  const options = useProjectOptions();
  const [form] = Form.useForm<Values>();
  const [current, setCurrent] = useState(project);
  const [conflict, setConflict] = useState(false);
  const year = new Date().getFullYear();
  const reassign = !current || current.canReassign;

  const save = useMutation({
    meta: { quiet: true },
    mutationFn: async (v: Values) => {
      const body = {
        name: v.name.trim(), projectCode: blank(v.projectCode), category: v.category, industryCode: blank(v.industryCode), townshipCode: v.townshipCode || null,
        ownerName: blank(v.ownerName), ownerCreditCode: blank(v.ownerCreditCode), content: blank(v.content), totalInvestment: v.totalInvestment ?? 0,
        yearPlan: v.yearPlan ?? null, plannedStart: v.plannedStart || null, actualStart: v.actualStart || null, plannedCompletion: v.plannedCompletion || null,
        actualCompletion: v.actualCompletion || null, taskForce: blank(v.taskForce), planSummary: blank(v.planSummary),
        ...(reassign ? { leaderUserId: v.leaderUserId || null, leadUnitId: v.leadUnitId ?? '' } : {}),
      };
      if (!current) return ok(api.POST('/api/v1/projects', { body: { ...body, leadUnitId: v.leadUnitId ?? '', stage: v.stage } }));
      return ok(api.PATCH('/api/v1/projects/{id}', { params: { path: { id: current.id } }, body: { ...body, version: current.version } }));
    },
    onSuccess: (p) => onSaved(p),
    onError: (e) => { if (e instanceof ApiError && e.code === 'conflict.version') setConflict(true); else reportFormError(form, e); },
  });
  const reload = useMutation({
    mutationFn: () => ok(api.GET('/api/v1/projects/{id}', { params: { path: { id: current!.id } } })),
    onSuccess: (p) => { setCurrent(p); form.setFieldsValue(toValues(p)); setConflict(false); },
  });
  const grid = { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', columnGap: 16 } as const;

  return (
    <Modal open title={current ? `${t('pj.edit')} · ${current.name}` : t('pl.create')} onCancel={onClose} okText={t('action.save')} cancelText={t('action.cancel')}
      onOk={() => form.submit()} confirmLoading={save.isPending} okButtonProps={{ disabled: conflict, 'data-testid': 'project-save' }} destroyOnHidden width={820}>
      {conflict && (
        <Alert type="warning" showIcon title={t('pj.conflict')} style={{ marginBottom: 16 }}
          action={<Button size="small" onClick={() => reload.mutate()} loading={reload.isPending}>{t('pj.reload')}</Button>} />
      )}
      <Form form={form} layout="vertical" initialValues={toValues(project)} onFinish={(v) => save.mutate(v)} requiredMark>
        <Form.Item name="name" label={t('pj.name')} rules={[{ required: true, whitespace: true, min: 2, max: 100 }]}>
          <Input maxLength={100} data-testid="pf-name" />
        </Form.Item>
        <div style={grid}>
          <Form.Item name="projectCode" label={t('pj.code')} extra={t('pj.codeHint')}><Input maxLength={24} placeholder="2026-990121-44-01-000001" /></Form.Item>
          <Form.Item name="category" label={t('pj.category')} rules={[{ required: true }]}>
            <Select options={(options.data?.categories ?? ['产业']).map((c) => ({ value: c, label: c }))} data-testid="pf-category" />
          </Form.Item>
          <Form.Item name="industryCode" label={t('pj.industry')}><Input maxLength={5} placeholder="C398" /></Form.Item>
          <Form.Item name="townshipCode" label={t('pj.township')}>
            <Select allowClear showSearch optionFilterProp="label" options={(options.data?.townships ?? []).map((x) => ({ value: x.code, label: x.name }))} />
          </Form.Item>
          <Form.Item name="ownerName" label={t('pj.owner')}><Input maxLength={100} /></Form.Item>
          <Form.Item name="ownerCreditCode" label={t('pj.ownerCredit')}><Input maxLength={18} /></Form.Item>
          <Form.Item name="totalInvestment" label={t('pj.total')} rules={[{ required: true }]}>
            <InputNumber min={0.01} max={1e9} precision={2} style={{ width: '100%' }} data-testid="pf-total" />
          </Form.Item>
          <Form.Item name="yearPlan" label={t('pj.yearPlan', { year })}><InputNumber min={0} max={1e9} precision={2} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="plannedStart" label={t('pj.plannedStart')}><Input type="date" /></Form.Item>
          <Form.Item name="plannedCompletion" label={t('pj.plannedCompletion')}><Input type="date" /></Form.Item>
          <Form.Item name="actualStart" label={t('pj.actualStart')}><Input type="date" /></Form.Item>
          <Form.Item name="actualCompletion" label={t('pj.actualCompletion')}><Input type="date" /></Form.Item>
          <Form.Item name="leaderUserId" label={t('pj.leader')}>
            <Select allowClear disabled={!reassign} options={(options.data?.leaders ?? []).map((x) => ({ value: x.userId, label: `${x.name}${x.title ? `（${x.title}）` : ''}` }))} />
          </Form.Item>
          <Form.Item name="leadUnitId" label={t('pj.leadUnit')} rules={[{ required: true }]}>
            {reassign ? <UnitSelect allowClear={false} known={current ? [{ id: current.leadUnitId, name: current.leadUnitName }] : []} /> : <Select disabled options={[{ value: current!.leadUnitId, label: current!.leadUnitName }]} />}
          </Form.Item>
          {!current && (
            <Form.Item name="stage" label={t('pj.stage')}>
              <Select options={(['planning', 'reserve', 'preparation', 'construction'] as const).map((s) => ({ value: s, label: L.stage(s) }))} />
            </Form.Item>
          )}
        </div>
        <Form.Item name="content" label={t('pj.content')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        <div style={grid}>
          <Form.Item name="taskForce" label={t('pj.taskForce')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
          <Form.Item name="planSummary" label={t('pj.plan')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
