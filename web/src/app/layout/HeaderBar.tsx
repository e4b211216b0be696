// The header: the region, the inbox bell, the language switch and the user menu.
import { EnvironmentOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Layout, Space, Typography } from 'antd';
import { NotificationBell } from '../../pages/notifications/NotificationBell';
import { useMe } from '../auth';
import { useI18n } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { Seal } from './Logo';
import { UserMenu } from './UserMenu';

export function HeaderBar({ mobile, onMenu }: { mobile: boolean; onMenu: () => void }) {
  const me = useMe();
  const { t } = useI18n();
  const others = me.readRegions.filter((r) => r.code !== me.regionCode);
  return (
    <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, borderBottom: '1px solid #eef0f3', position: 'sticky', top: 0, zIndex: 10, paddingInline: mobile ? 12 : 20 }}>
      {mobile && <Button type="text" icon={<MenuOutlined />} aria-label={t('menu.open')} onClick={onMenu} />}
      {mobile && <Seal size={26} />}
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0, flex: 1, overflow: 'hidden', lineHeight: 1.4 }}>
        {!mobile && <EnvironmentOutlined style={{ color: '#8a919f' }} />}
        <Typography.Text strong ellipsis data-testid="region-name">{me.regionName}</Typography.Text>
        {!mobile && others.length > 0 && (
          <Typography.Text type="secondary" ellipsis>{t('header.regions', { regions: others.map((r) => r.name).join('、') })}</Typography.Text>
        )}
      </div>
      <Space size={mobile ? 4 : 12} align="center">
        <NotificationBell mobile={mobile} />
        <LanguageSwitch compact={mobile} />
        <UserMenu compact={mobile} />
      </Space>
    </Layout.Header>
  );
}
