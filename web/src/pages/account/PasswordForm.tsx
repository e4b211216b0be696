// Change password: the forced step after an initial/reset password, and the user menu's 修改密码.
import { Button, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { Stage } from '../../api/types';
import { reportFormError } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { PasswordPolicy } from './PasswordPolicy';

interface Values { currentPassword: string; newPassword: string; confirm: string }

export function PasswordForm({ username, onDone, block = false }: { username: string; onDone: (stage: Stage) => void; block?: boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const change = useMutation({
    meta: { quiet: true },
    mutationFn: (v: Values) => ok(api.POST('/api/v1/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } })),
    onSuccess: (r) => { form.resetFields(); onDone(r.stage); },
    onError: (e) => reportFormError(form, e),
  });
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => change.mutate(v)} autoComplete="off">
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true, message: t('password.required') }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <PasswordPolicy username={username} password={newPassword} />
      <Form.Item name="confirm" label={t('password.confirm')} dependencies={['newPassword']}
        rules={[{ required: true, message: t('password.required') }, ({ getFieldValue }) => ({
          validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
        })]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending} block={block}>{t('password.submit')}</Button>
    </Form>
  );
}
