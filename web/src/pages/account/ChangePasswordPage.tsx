import { Card } from 'antd';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { showSuccess } from '../../app/feedback';
import { PageHeader } from '../../components/PageHeader';
import { PasswordForm } from './PasswordForm';

export default function ChangePasswordPage() {
  const me = useMe();
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('password.title')} />
      <Card style={{ maxWidth: 480 }}>
        <PasswordForm username={me.username} onDone={() => showSuccess(t('password.changed'))} />
      </Card>
    </>
  );
}
