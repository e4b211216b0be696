import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useAuthActions } from '../../app/auth';
import { errorText } from '../../app/feedback';
import { useI18n } from '../../app/i18n';

export function MfaStep() {
  const { t } = useI18n();
  const { setStage } = useAuthActions();
  const verify = useMutation({
    meta: { quiet: true },
    mutationFn: (code: string) => ok(api.POST('/api/v1/auth/mfa', { body: { code: code.trim() } })),
    onSuccess: (r) => setStage(r.stage),
  });
  return (
    <Form layout="vertical" size="large" requiredMark={false} onFinish={(v: { code: string }) => verify.mutate(v.code)}>
      <Typography.Paragraph type="secondary">{t('mfa.hint')}</Typography.Paragraph>
      {verify.isError && <Alert type="error" showIcon title={errorText(verify.error)} style={{ marginBottom: 16 }} />}
      <Form.Item name="code" label={t('mfa.code')} rules={[{ required: true, min: 6, message: t('mfa.codeRequired') }]}>
        <Input prefix={<SafetyOutlined />} autoComplete="one-time-code" inputMode="text" maxLength={16} autoFocus />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={verify.isPending}>{t('mfa.submit')}</Button>
    </Form>
  );
}
