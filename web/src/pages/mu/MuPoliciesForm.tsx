// New / edit a differentiated policy: who acts on it, its kind, the years in force, and the terms by class (with tiers
// by consecutive years in the class). The server validates and names each bad field (terms/2/value …), shown in place.
import { useState } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import { showError } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { MU_CLASSES, POLICY_KINDS, type MuClass, type MuPolicy, type PolicyKind } from './MuPoliciesShared';

interface TermValues { class: MuClass; minYears: number; value?: number | null; text?: string | null }
interface Values {
  name: string; body: string; kind: PolicyKind; unit?: string | null; basis?: string | null; note?: string | null;
  fromYear: number; toYear?: number | null; terms: TermValues[];
}

const BODIES = ['国家税务总局示例县税务局', '国网示例县供电公司', '县自然资源和规划局', '县水利局', '县发展和改革局', '县经济和信息化局', '县财政局'];
const UNITS = ['%', '元/千瓦时', '元/立方米', '元/吨标准煤', '万元'];

const toValues = (p: MuPolicy | null): Partial<Values> => (p
  ? { name: p.name, body: p.body, kind: p.kind, unit: p.unit, basis: p.basis, note: p.note, fromYear: p.fromYear, toYear: p.toYear, terms: p.terms.map((x) => ({ ...x })) }
  : { kind: 'reduction', unit: '%', fromYear: new Date().getFullYear(), terms: [{ class: 'A', minYears: 1, value: 100, text: null }] });

/** Field errors from the server ("terms/2/value") onto the form's fields (["terms", 2, "value"]). */
function applyErrors(form: FormInstance<Values>, e: unknown): boolean {
  if (!(e instanceof ApiError) || !e.errors.length) return false;
  const known = new Set(['name', 'body', 'kind', 'unit', 'basis', 'note', 'fromYear', 'toYear', 'terms']);
  const fields = e.errors.filter((fe) => fe.field !== 'terms' && known.has(fe.field.split('/')[0]))
    .map((fe) => ({ name: fe.field.split('/').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [fe.message] }));
  if (!fields.length) return false;
  form.setFields(fields as Parameters<typeof form.setFields>[0]);
  return true;
}

export function MuPoliciesForm({ policy, onClose, onSaved }: { policy: MuPolicy | null; onClose: () => void; onSaved: (p: MuPolicy, created: boolean) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [current, setCurrent] = useState(policy);
  const [conflict, setConflict] = useState(false);
  const [termsError, setTermsError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);

  const save = useMutation({
    meta: { quiet: true },
    mutationFn: async (v: Values) => {
      const body = {
        name: v.name.trim(), body: v.body.trim(), kind: v.kind, unit: v.unit?.trim() || null, basis: v.basis?.trim() || null, note: v.note?.trim() || null,
        fromYear: v.fromYear, toYear: v.toYear ?? null,
        terms: (v.terms ?? []).map((x) => ({ class: x.class, minYears: x.minYears, value: x.value ?? null, text: x.text?.trim() || null })),
      };
      if (!current) return ok(api.POST('/api/v1/mu/policies', { body }));
      return ok(api.PATCH('/api/v1/mu/policies/{id}', { params: { path: { id: current.id } }, body: { ...body, version: current.version } }));
    },
    onSuccess: (p) => onSaved(p, !current),
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'conflict.version') { setConflict(true); return; }
      const whole = e instanceof ApiError ? e.errors.find((fe) => fe.field === 'terms') : undefined;
      setTermsError(whole ? whole.message : null);
      if (!applyErrors(form, e) && !whole) showError(e);
    },
  });
  const reload = useMutation({
    mutationFn: () => ok(api.GET('/api/v1/mu/policies/{id}', { params: { path: { id: current!.id } } })),
    onSuccess: (p) => { setCurrent(p); form.setFieldsValue(toValues(p)); setConflict(false); },
  });
  const required = (label: string) => [{ required: true, whitespace: true, message: t('muPolicies.required', { label }) }];
  const grid = { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))', columnGap: 16 } as const;

  return (
    <Modal open width={820} title={current ? t('muPolicies.edit') : t('muPolicies.create')} onCancel={onClose} okText={t('action.save')} cancelText={t('action.cancel')}
      onOk={() => form.submit()} confirmLoading={save.isPending} okButtonProps={{ disabled: conflict, 'data-testid': 'policy-save' }} destroyOnHidden>
      {conflict && (
        <Alert type="warning" showIcon title={t('muPolicies.conflict')} style={{ marginBottom: 16 }}
          action={<Button size="small" onClick={() => reload.mutate()} loading={reload.isPending}>{t('muPolicies.reload')}</Button>} />
      )}
      <Form form={form} layout="vertical" initialValues={toValues(policy)} onFinish={(v) => { setTermsError(null); save.mutate(v); }} requiredMark>
        <div style={grid}>
          <Form.Item name="name" label={t('muPolicies.name')} rules={required(t('muPolicies.name'))}><Input maxLength={60} data-testid="policy-name" /></Form.Item>
          <Form.Item name="body" label={t('muPolicies.body')} rules={required(t('muPolicies.body'))}>
            <AutoComplete options={BODIES.map((b) => ({ value: b }))} maxLength={60} data-testid="policy-body" />
          </Form.Item>
        </div>
        <div style={grid}>
          <Form.Item name="kind" label={t('muPolicies.kind')} rules={[{ required: true }]}>
            <Select options={POLICY_KINDS.map((k) => ({ value: k, label: t(`muPolicies.kind.${k}`) }))} data-testid="policy-kind" />
          </Form.Item>
          <Form.Item name="unit" label={t('muPolicies.unit')} tooltip={t('muPolicies.unitHint')}>
            <AutoComplete options={UNITS.map((u) => ({ value: u }))} maxLength={20} />
          </Form.Item>
          <Form.Item name="fromYear" label={t('muPolicies.fromYear')} rules={[{ required: true, message: t('muPolicies.required', { label: t('muPolicies.fromYear') }) }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="toYear" label={t('muPolicies.toYear')}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} placeholder={t('muPolicies.toYearOpen')} />
          </Form.Item>
        </div>
        <Form.Item label={t('muPolicies.terms')} required extra={t('muPolicies.termsHint')} validateStatus={termsError ? 'error' : undefined} help={termsError ?? undefined}>
          <Form.List name="terms">
            {(fields, { add, remove }) => (
              <div style={{ display: 'grid', gap: 8 }}>
                {fields.map((f) => (
                  <div key={f.key} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start', paddingBottom: 8, borderBottom: '1px dashed #eef0f3' }} data-testid="policy-term">
                    <Form.Item name={[f.name, 'class']} rules={[{ required: true }]} style={{ margin: 0, width: 90 }}>
                      <Select aria-label={t('muPolicies.term.class')} options={MU_CLASSES.map((c) => ({ value: c, label: t('muPolicies.classTerms', { cls: c }) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'minYears']} rules={[{ required: true }]} style={{ margin: 0, width: 110 }}>
                      <InputNumber aria-label={t('muPolicies.term.minYears')} prefix="≥" suffix={t('muPolicies.list.yearsValue', { n: '' }).trim()} min={1} max={10} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'value']} style={{ margin: 0, width: 120 }}>
                      <InputNumber aria-label={t('muPolicies.term.value')} placeholder={t('muPolicies.term.value')} style={{ width: '100%' }} disabled={kind === 'priority'} data-testid="policy-term-value" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'text']} style={{ margin: 0, flex: '1 1 160px' }}>
                      <Input aria-label={t('muPolicies.term.text')} placeholder={t('muPolicies.term.text')} maxLength={60} />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} aria-label={t('muPolicies.term.remove')} onClick={() => remove(f.name)} />
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => {
                  const terms = (form.getFieldValue('terms') ?? []) as TermValues[];
                  const last = terms[terms.length - 1];
                  add(last ? { class: last.class, minYears: last.minYears + 1, value: null, text: null } : { class: 'A', minYears: 1, value: null, text: null });
                }} data-testid="policy-term-add">{t('muPolicies.term.add')}</Button>
              </div>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="basis" label={t('muPolicies.basis')}><Input maxLength={200} placeholder="浙政办发〔2019〕62号" /></Form.Item>
        <Form.Item name="note" label={t('muPolicies.note')}><Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} /></Form.Item>
      </Form>
    </Modal>
  );
}
