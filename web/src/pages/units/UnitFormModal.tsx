// New unit / edit unit. Edits carry the version read; if someone saved in between (409 conflict.version),
// say so and offer to load the latest version.
import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { UNIT_KINDS } from '../../../../common/roles';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { Unit, UnitKind } from '../../api/types';
import { reportFormError } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { UnitSelect } from '../../components/UnitSelect';

interface Values { name: string; shortName?: string | null; kind: UnitKind; parentId?: string | null; sortOrder?: number | null; phone?: string | null }

const toValues = (u: Unit | null): Partial<Values> => (u
  ? { name: u.name, shortName: u.shortName, kind: u.kind, parentId: u.parentId, sortOrder: u.sortOrder, phone: u.phone }
  : { kind: 'bureau', sortOrder: 0 });

export function UnitFormModal({ unit, onClose, onSaved }: { unit: Unit | null; onClose: () => void; onSaved: (u: Unit, created: boolean) => void }) {
  const { t, unitKind } = useI18n();
  const [form] = Form.useForm<Values>();
  const [current, setCurrent] = useState(unit);
  const [conflict, setConflict] = useState(false);

  const save = useMutation({
    meta: { quiet: true },
    mutationFn: async (v: Values) => {
      const body = { ...v, shortName: v.shortName?.trim() || null, phone: v.phone?.trim() || null, parentId: v.parentId || null, sortOrder: v.sortOrder ?? 0 };
      if (!current) return ok(api.POST('/api/v1/units', { body }));
      return ok(api.PATCH('/api/v1/units/{id}', { params: { path: { id: current.id } }, body: { ...body, version: current.version } }));
    },
    onSuccess: (u) => onSaved(u, !current),
    onError: (e) => { if (e instanceof ApiError && e.code === 'conflict.version') setConflict(true); else reportFormError(form, e); },
  });
  const reload = useMutation({
    mutationFn: () => ok(api.GET('/api/v1/units/{id}', { params: { path: { id: current!.id } } })),
    onSuccess: (u) => { setCurrent(u); form.setFieldsValue(toValues(u)); setConflict(false); },
  });

  return (
    <Modal open title={current ? t('units.edit') : t('units.create')} onCancel={onClose} okText={t('action.save')} cancelText={t('action.cancel')}
      onOk={() => form.submit()} confirmLoading={save.isPending} okButtonProps={{ disabled: conflict, 'data-testid': 'unit-save' }} destroyOnHidden>
      {conflict && (
        <Alert type="warning" showIcon title={t('units.conflict')} style={{ marginBottom: 16 }}
          action={<Button size="small" onClick={() => reload.mutate()} loading={reload.isPending}>{t('units.reload')}</Button>} />
      )}
      <Form form={form} layout="vertical" initialValues={toValues(unit)} onFinish={(v) => save.mutate(v)} requiredMark>
        <Form.Item name="name" label={t('units.name')} rules={[{ required: true, whitespace: true, min: 2, max: 60, message: t('units.nameRequired') }]}>
          <Input maxLength={60} data-testid="unit-name" />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))', columnGap: 16 }}>
          <Form.Item name="shortName" label={t('units.shortName')}><Input maxLength={20} /></Form.Item>
          <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true, message: t('units.kindRequired') }]}>
            <Select options={UNIT_KINDS.map((k) => ({ value: k, label: unitKind(k) }))} />
          </Form.Item>
          <Form.Item name="phone" label={t('units.phone')}><Input maxLength={30} inputMode="tel" /></Form.Item>
          <Form.Item name="sortOrder" label={t('units.sortOrder')}><InputNumber min={0} max={99999} precision={0} style={{ width: '100%' }} /></Form.Item>
        </div>
        <Form.Item name="parentId" label={t('units.parent')}>
          <UnitSelect placeholder={t('units.noParent')} exclude={current?.id} known={current?.parentId && current.parentName ? [{ id: current.parentId, name: current.parentName }] : []} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
