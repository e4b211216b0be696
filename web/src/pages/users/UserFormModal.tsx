// New user (the server answers with a one-time password) / edit user (with the version read).
import { Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { User } from '../../api/types';
import { reportFormError, showError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { UnitSelect } from '../../components/UnitSelect';

interface Values { username: string; displayName: string; title?: string | null; phone?: string | null; unitId?: string | null }

interface Props { user: User | null; onClose: () => void; onCreated: (u: User, password: string) => void; onSaved: () => void }

export function UserFormModal({ user, onClose, onCreated, onSaved }: Props) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    meta: { quiet: true },
    mutationFn: async (v: Values) => {
      const fields = { displayName: v.displayName.trim(), title: v.title?.trim() || null, phone: v.phone?.trim() || null, unitId: v.unitId || null };
      if (!user) return { created: await ok(api.POST('/api/v1/users', { body: { username: v.username.trim(), ...fields } })) };
      await ok(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { version: user.version, ...fields } }));
      return { created: null };
    },
    onSuccess: ({ created }) => {
      if (created) onCreated(created.user, created.temporaryPassword);
      else { showSuccess(t('saved')); onSaved(); }
    },
    onError: async (e) => {
      if (e instanceof ApiError && e.code === 'conflict.version') {
        showError(new Error(t('users.conflict')));
        await qc.invalidateQueries({ queryKey: ['users'] });
        onClose();
        return;
      }
      reportFormError(form, e);
    },
  });
  const initial: Partial<Values> = user ? { username: user.username, displayName: user.displayName, title: user.title, phone: user.phone, unitId: user.unitId } : {};
  return (
    <Modal open title={user ? t('users.edit') : t('users.create')} onCancel={onClose} okText={t('action.save')} cancelText={t('action.cancel')}
      onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))', columnGap: 16 }}>
          <Form.Item name="username" label={t('users.username')} extra={!user && t('users.usernameRule')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: t('users.usernameRule') }]}>
            <Input disabled={!!user} maxLength={32} autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, min: 2, max: 30, message: t('users.displayNameRequired') }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="title" label={t('users.titleField')}><Input maxLength={40} /></Form.Item>
          <Form.Item name="phone" label={t('users.phone')}><Input maxLength={20} inputMode="tel" /></Form.Item>
        </div>
        <Form.Item name="unitId" label={t('users.unit')}>
          <UnitSelect known={user?.unitId && user.unitName ? [{ id: user.unitId, name: user.unitName }] : []} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
