// Register / edit an enterprise. The credit code is checked by the server (GB 32100 and GB 11714); an administrator
// of the 亩均 office may accept a code that fails its check by giving the reason, which is kept and audited.
import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import { reportFormError } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import type { Enterprise, EnterpriseOptions } from './shared';

interface Values {
  creditCode: string; name: string; industryCode?: string | null; townshipCode?: string | null; park?: string | null; aboveScale?: boolean;
  landAreaMu?: number | null; producingSince?: Dayjs | null; closedOn?: Dayjs | null; codeOverrideReason?: string | null;
}
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const toValues = (e: Enterprise | null): Partial<Values> => (e ? {
  creditCode: e.creditCode, name: e.name, industryCode: e.industryCode, townshipCode: e.townshipCode, park: e.park, aboveScale: e.aboveScale,
  landAreaMu: e.landAreaMu, producingSince: e.producingSince ? dayjs(e.producingSince) : null, closedOn: e.closedOn ? dayjs(e.closedOn) : null,
  codeOverrideReason: e.codeOverrideReason,
} : { aboveScale: true });

export function EnterpriseFormModal({ enterprise, options, onClose, onSaved }: {
  enterprise: Enterprise | null; options: EnterpriseOptions; onClose: () => void; onSaved: (e: Enterprise) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [conflict, setConflict] = useState(false);
  const [codeFailed, setCodeFailed] = useState(!!enterprise?.codeOverrideReason);
  const save = useMutation({
    meta: { quiet: true },
    mutationFn: async (v: Values) => {
      const body = {
        creditCode: v.creditCode, name: v.name, industryCode: v.industryCode?.trim() || null, townshipCode: v.townshipCode || null, park: v.park?.trim() || null,
        aboveScale: !!v.aboveScale, landAreaMu: v.landAreaMu ?? null, producingSince: day(v.producingSince), closedOn: day(v.closedOn),
        ...(v.codeOverrideReason?.trim() ? { codeOverrideReason: v.codeOverrideReason.trim() } : {}),
      };
      if (!enterprise) return ok(api.POST('/api/v1/enterprises', { body }));
      return ok(api.PATCH('/api/v1/enterprises/{id}', { params: { path: { id: enterprise.id } }, body: { ...body, version: enterprise.version } }));
    },
    onSuccess: (e) => onSaved(e),
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'conflict.version') { setConflict(true); return; }
      if (e instanceof ApiError && e.errors.some((x) => x.field === 'creditCode' && /enterprise\.code\.(check|orgCheck)/.test(x.code))) setCodeFailed(true);
      reportFormError(form, e);
    },
  });
  return (
    <Modal open title={enterprise ? t('ent.edit') : t('ent.create')} onCancel={onClose} okText={t('action.save')} cancelText={t('action.cancel')} width={720}
      onOk={() => form.submit()} confirmLoading={save.isPending} okButtonProps={{ disabled: conflict, 'data-testid': 'ent-save' }} destroyOnHidden>
      {conflict && <Alert type="warning" showIcon title={t('ent.conflict')} style={{ marginBottom: 16 }} action={<Button size="small" onClick={onClose}>{t('action.close')}</Button>} />}
      <Form form={form} layout="vertical" initialValues={toValues(enterprise)} onFinish={(v) => save.mutate(v)} requiredMark>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', columnGap: 16 }}>
          <Form.Item name="creditCode" label={t('ent.creditCode')} extra={t('ent.creditCodeHint')} rules={[{ required: true, whitespace: true, message: t('ent.creditCodeRequired') }]}>
            <Input maxLength={30} style={{ fontFamily: 'monospace' }} data-testid="ent-code" />
          </Form.Item>
          <Form.Item name="name" label={t('ent.name')} rules={[{ required: true, whitespace: true, min: 2, max: 100, message: t('ent.nameRequired') }]}>
            <Input maxLength={100} data-testid="ent-name" />
          </Form.Item>
          <Form.Item name="townshipCode" label={t('ent.township')}>
            <Select allowClear options={options.townships.map((x) => ({ value: x.code, label: x.name }))} />
          </Form.Item>
          <Form.Item name="park" label={t('ent.park')}><Input maxLength={60} list="ent-parks" /></Form.Item>
          <Form.Item name="industryCode" label={t('ent.industry')} extra={t('ent.industryHint')}><Input maxLength={8} /></Form.Item>
          <Form.Item name="landAreaMu" label={t('ent.landMu')} extra={t('ent.landHint')}><InputNumber min={0.01} max={1000000} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="producingSince" label={t('ent.producingSinceLabel')}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="closedOn" label={t('ent.closedOnLabel')}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="aboveScale" label={t('ent.scale')} valuePropName="checked"><Switch checkedChildren={t('ent.above')} unCheckedChildren={t('ent.below')} /></Form.Item>
        </div>
        <datalist id="ent-parks">{options.parks.map((p) => <option key={p} value={p} />)}</datalist>
        {codeFailed && options.canOverrideCode && (
          <Form.Item name="codeOverrideReason" label={t('ent.overrideReason')} extra={t('ent.overrideHint')}>
            <Input.TextArea rows={2} maxLength={200} data-testid="ent-override" />
          </Form.Item>
        )}
        {codeFailed && !options.canOverrideCode && <Alert type="info" showIcon title={t('ent.overrideAskAdmin')} />}
      </Form>
    </Modal>
  );
}
