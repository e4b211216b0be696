// The user menu: name, unit, roles; change password; sign out.
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useAuthActions, useMe } from '../auth';
import { useI18n } from '../i18n';

export function UserMenu({ compact = false }: { compact?: boolean }) {
  const me = useMe();
  const { t, role } = useI18n();
  const { logout } = useAuthActions();
  const nav = useNavigate();
  const card = (
    <div style={{ padding: '4px 0', maxWidth: 260 }}>
      <Typography.Text strong>{me.displayName}</Typography.Text>
      <Typography.Text type="secondary"> · {me.username}</Typography.Text>
      <div><Typography.Text type="secondary">{[me.unitName ?? t('header.noUnit'), me.title].filter(Boolean).join(' · ')}</Typography.Text></div>
      <div style={{ marginTop: 6, display: 'flex', flexWrap: 'wrap', gap: 4 }}>{me.roles.map((r) => <Tag key={r} color="blue" style={{ marginInlineEnd: 0 }}>{role(r)}</Tag>)}</div>
    </div>
  );
  return (
    <Dropdown trigger={['click']} placement="bottomRight" menu={{
      items: [
        { key: 'me', label: card, disabled: true, style: { cursor: 'default' } },
        { type: 'divider' },
        { key: 'password', icon: <KeyOutlined />, label: t('menu.password') },
        { key: 'logout', icon: <LogoutOutlined />, label: t('menu.logout'), danger: true },
      ],
      onClick: async ({ key }) => {
        if (key === 'password') nav('/account/password');
        if (key === 'logout') { await logout(); nav('/login', { replace: true }); }
      },
    }}>
      <a role="button" data-testid="user-menu" onClick={(e) => e.preventDefault()} style={{ color: 'inherit', display: 'inline-flex', alignItems: 'center' }}>
        <Space size={6}>
          <Avatar size={28} style={{ background: '#1a56c4' }} icon={<UserOutlined />} />
          {!compact && <span>{me.displayName}</span>}
          {!compact && <DownOutlined style={{ fontSize: 10, color: '#8a919f' }} />}
        </Space>
      </a>
    </Dropdown>
  );
}
