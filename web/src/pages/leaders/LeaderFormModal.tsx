// Add a leader (pick the account) or edit a portfolio: position, domains (tags), units (multi-select).
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { Leader } from '../../api/types';
import { reportFormError, showError } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { UnitSelect } from '../../components/UnitSelect';
import { UserSelect } from './UserSelect';

interface Values { userId: string; title: string; sortOrder?: number | null; domains: string[]; unitIds: string[] }

export function LeaderFormModal({ leader, onClose, onSaved }: { leader: Leader | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    meta: { quiet: true },
    mutationFn: async (v: Values) => {
      const common = { title: v.title.trim(), sortOrder: v.sortOrder ?? 0, domains: v.domains.map((d) => d.trim()).filter(Boolean), unitIds: v.unitIds };
      if (!leader) return ok(api.POST('/api/v1/leaders', { body: { userId: v.userId, ...common } }));
      return ok(api.PATCH('/api/v1/leaders/{id}', { params: { path: { id: leader.id } }, body: { version: leader.version, ...common } }));
    },
    onSuccess: onSaved,
    onError: async (e) => {
      if (e instanceof ApiError && e.code === 'conflict.version') {
        showError(new Error(t('leaders.conflict')));
        await qc.invalidateQueries({ queryKey: ['leaders'] });
        onClose();
        return;
      }
      reportFormError(form, e);
    },
  });
  const initial: Partial<Values> = leader
    ? { userId: leader.userId, title: leader.title, sortOrder: leader.sortOrder, domains: leader.domains, unitIds: leader.units.map((u) => u.id) }
    : { domains: [], unitIds: [], sortOrder: 0 };
  return (
    <Modal open width={640} title={leader ? `${t('leaders.edit')} · ${leader.name}` : t('leaders.create')} onCancel={onClose}
      okText={t('action.save')} cancelText={t('action.cancel')} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        {!leader && (
          <Form.Item name="userId" label={t('leaders.user')} rules={[{ required: true, message: t('leaders.userRequired') }]}>
            <UserSelect />
          </Form.Item>
        )}
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', columnGap: 16 }}>
          <Form.Item name="title" label={t('leaders.titleField')} rules={[{ required: true, whitespace: true, min: 2, max: 30, message: t('leaders.titleRequired') }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('leaders.sortOrder')}><InputNumber min={0} max={999} precision={0} style={{ width: '100%' }} /></Form.Item>
        </div>
        <Form.Item name="domains" label={t('leaders.domains')} extra={t('leaders.domainsHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="unitIds" label={t('leaders.units')} extra={t('leaders.unitsHint')}>
          <UnitSelect multiple known={leader?.units ?? []} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
