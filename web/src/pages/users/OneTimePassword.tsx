// A one-time password, shown once (new account or reset).
import { Alert, Button, Modal, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { CopyableSecret } from '../../components/CopyableSecret';

export function OneTimePassword({ title, user, password, onClose }: { title: string; user: string; password: string; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal open title={title} onCancel={onClose} mask={{ closable: false }} footer={<Button type="primary" onClick={onClose}>{t('action.close')}</Button>}>
      <Typography.Paragraph strong>{user}</Typography.Paragraph>
      <CopyableSecret value={password} label={t('users.oneTimePassword')} testId="one-time-password" />
      <Alert type="warning" showIcon title={t('users.oneTimeHint')} style={{ marginTop: 16 }} />
    </Modal>
  );
}
