// Sign-in: the password, then whatever stage the server asks for (one-time code, new password, TOTP enrolment).
import { Button, Card, Grid, Typography } from 'antd';
import { Navigate, useSearchParams } from 'react-router';
import { accessFor } from '../../access';
import { useAuthActions, useSession } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { firstPage } from '../../app/layout/menu';
import { LanguageSwitch } from '../../app/layout/LanguageSwitch';
import { PageLoading } from '../../components/PageLoading';
import type { MessageKey } from '../../locales/zh-CN';
import { PasswordForm } from '../account/PasswordForm';
import { BrandPanel } from './BrandPanel';
import { EnrollStep } from './EnrollStep';
import { LoginForm } from './LoginForm';
import { MfaStep } from './MfaStep';

const TITLES: Record<string, MessageKey> = { login: 'login.title', mfa: 'mfa.title', password: 'password.title', enroll: 'enroll.title' };

/** Only paths inside this app. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

export default function LoginPage() {
  const { t } = useI18n();
  const { data: session, isPending } = useSession();
  const { setStage, logout } = useAuthActions();
  const [params] = useSearchParams();
  const mobile = Grid.useBreakpoint().lg === false;
  if (isPending) return <PageLoading full />;
  if (session?.stage === 'full') return <Navigate to={safeNext(params.get('next')) ?? firstPage(accessFor(session.me))} replace />;
  const step = session?.stage ?? 'login';

  return (
    <div style={{ minHeight: '100vh', display: 'flex', background: '#f3f5f9' }}>
      {!mobile && <BrandPanel />}
      <main style={{ flex: 1, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', padding: mobile ? '16px 12px' : 32, position: 'relative' }}>
        <div style={{ position: 'absolute', top: 16, right: 16 }}><LanguageSwitch /></div>
        {mobile && <BrandPanel compact />}
        <Card style={{ width: '100%', maxWidth: step === 'enroll' ? 520 : 420, boxShadow: '0 8px 30px rgba(22, 43, 84, 0.08)' }} styles={{ body: { padding: mobile ? 20 : 32 } }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }} data-testid="login-title">{t(TITLES[step])}</Typography.Title>
          {session && <Typography.Paragraph type="secondary">{t('login.welcome', { name: session.me.displayName })}</Typography.Paragraph>}
          {step === 'password' && <Typography.Paragraph type="secondary">{t('password.forcedHint')}</Typography.Paragraph>}
          {step === 'login' && <div style={{ marginTop: 20 }}><LoginForm /></div>}
          {step === 'mfa' && <MfaStep />}
          {step === 'password' && session && <PasswordForm username={session.me.username} onDone={setStage} block />}
          {step === 'enroll' && <EnrollStep />}
          {session && (
            <div style={{ textAlign: 'center', marginTop: 12 }}>
              <Button type="link" onClick={() => void logout()}>{t('stage.signOut')}</Button>
            </div>
          )}
        </Card>
        <Typography.Text type="secondary" style={{ fontSize: 12, marginTop: 20, textAlign: 'center' }}>{t('login.security')}</Typography.Text>
      </main>
    </div>
  );
}
