import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useAuthActions } from '../../app/auth';
import { errorText } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useSwitchLocale } from '../../app/layout/LanguageSwitch';

export function LoginForm() {
  const { t, locale } = useI18n();
  const { login } = useAuthActions();
  const switchLocale = useSwitchLocale();
  const signIn = useMutation({
    meta: { quiet: true },
    mutationFn: (v: { username: string; password: string }) => login(v.username.trim(), v.password),
    // The language chosen on this page is the one the user wants: keep the account in step.
    onSuccess: (s) => { if (s.me.locale !== locale) void switchLocale(locale); },
  });
  return (
    <Form layout="vertical" size="large" requiredMark={false} onFinish={(v) => signIn.mutate(v)}>
      {signIn.isError && <Alert type="error" showIcon title={errorText(signIn.error)} style={{ marginBottom: 16 }} data-testid="login-error" />}
      <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={signIn.isPending}>{t('login.submit')}</Button>
    </Form>
  );
}
