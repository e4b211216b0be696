// Administrators bind a TOTP authenticator: scan (or type the key), confirm with a code, keep the recovery codes.
import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useAuthActions } from '../../app/auth';
import { errorText } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { CopyableSecret } from '../../components/CopyableSecret';
import { PageLoading } from '../../components/PageLoading';
import { RecoveryCodes } from './RecoveryCodes';

const StepTitle = ({ n, text }: { n: number; text: string }) => (
  <div style={{ display: 'flex', gap: 8, alignItems: 'center', fontWeight: 600, margin: '12px 0 8px' }}>
    <span style={{ width: 22, height: 22, borderRadius: 11, background: '#1a56c4', color: '#fff', display: 'inline-flex', alignItems: 'center', justifyContent: 'center', fontSize: 12 }}>{n}</span>
    {text}
  </div>
);

export function EnrollStep() {
  const { t } = useI18n();
  const { setStage } = useAuthActions();
  const [codes, setCodes] = useState<string[] | null>(null);
  // A query, not an effect: asked once even when React renders twice.
  const setup = useQuery({
    queryKey: ['totp-setup'], staleTime: Infinity, gcTime: Infinity, retry: false, meta: { quiet: true },
    queryFn: () => ok(api.POST('/api/v1/auth/totp/setup')),
  });
  const confirm = useMutation({
    meta: { quiet: true },
    mutationFn: (code: string) => ok(api.POST('/api/v1/auth/totp/confirm', { body: { code: code.trim() } })),
    onSuccess: (r) => setCodes(r.recoveryCodes),
  });

  if (codes) return <RecoveryCodes codes={codes} onContinue={() => setStage('full')} />;
  if (setup.isPending) return <PageLoading />;
  if (setup.isError) return <Alert type="error" showIcon title={errorText(setup.error)} />;
  const s = setup.data;
  return (
    <div data-testid="enroll-step">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{t('enroll.intro')}</Typography.Paragraph>
      <StepTitle n={1} text={t('enroll.step1')} />
      <div style={{ display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}>
        <img src={s.qrDataUrl} alt="TOTP QR" width={148} height={148} style={{ border: '1px solid #eef0f3', borderRadius: 6 }} />
        <div style={{ flex: '1 1 160px', minWidth: 0 }}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 6 }}>{t('enroll.step1Hint')}</Typography.Paragraph>
          <CopyableSecret value={s.secret} label={t('enroll.secret')} testId="totp-secret" />
        </div>
      </div>
      <StepTitle n={2} text={t('enroll.step2')} />
      {confirm.isError && <Alert type="error" showIcon title={errorText(confirm.error)} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" size="large" requiredMark={false} onFinish={(v: { code: string }) => confirm.mutate(v.code)}>
        <Form.Item name="code" rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('enroll.codeRequired') }]}>
          <Input placeholder={t('enroll.code')} autoComplete="one-time-code" inputMode="numeric" maxLength={8} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={confirm.isPending}>{t('enroll.confirm')}</Button>
      </Form>
    </div>
  );
}
