// The recovery codes, shown once: copy them, tick that they are saved, continue.
import { useState } from 'react';
import { CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { useCopy } from '../../components/CopyableSecret';

export function RecoveryCodes({ codes, onContinue }: { codes: string[]; onContinue: () => void }) {
  const { t } = useI18n();
  const copy = useCopy();
  const [saved, setSaved] = useState(false);
  return (
    <div data-testid="recovery-codes">
      <Alert type="success" showIcon title={t('enroll.done')} style={{ marginBottom: 12 }} />
      <Typography.Title level={5} style={{ marginTop: 0 }}>{t('enroll.recoveryTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t('enroll.recoveryHint')}</Typography.Paragraph>
      <ol className="mono" style={{ columns: 2, margin: '0 0 12px', padding: '10px 10px 10px 34px', background: '#f7f8fa', borderRadius: 6, fontSize: 15, lineHeight: 1.9 }}>
        {codes.map((c) => <li key={c}>{c}</li>)}
      </ol>
      <Button icon={<CopyOutlined />} onClick={() => void copy(codes.join('\n'))} style={{ marginBottom: 12 }}>{t('enroll.copyAll')}</Button>
      <div style={{ marginBottom: 12 }}>
        <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)}>{t('enroll.saved')}</Checkbox>
      </div>
      <Button type="primary" size="large" block disabled={!saved} onClick={onContinue}>{t('action.continue')}</Button>
    </div>
  );
}
