// After an import: the new accounts' one-time passwords, shown once.
import { CopyOutlined } from '@ant-design/icons';
import { Button, Table, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { useCopy } from '../../components/CopyableSecret';

export function Credentials({ rows }: { rows: { username: string; temporaryPassword: string }[] }) {
  const { t } = useI18n();
  const copy = useCopy();
  if (!rows.length) return null;
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', margin: '8px 0', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Text strong>{t('users.credentials')}</Typography.Text>
        <Button size="small" icon={<CopyOutlined />} onClick={() => void copy(rows.map((r) => `${r.username}\t${r.temporaryPassword}`).join('\n'))}>{t('users.copyCredentials')}</Button>
      </div>
      <Table size="small" rowKey="username" dataSource={rows} pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.oneTimePassword'), dataIndex: 'temporaryPassword', render: (v: string) => <code className="mono">{v}</code> },
        ]} />
    </>
  );
}
