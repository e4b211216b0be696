import { Tag } from 'antd';
import type { User } from '../../api/types';
import { useI18n } from '../../app/i18n';

export function UserStatus({ user: u }: { user: User }) {
  const { t } = useI18n();
  const tags = [
    u.disabled && <Tag key="d" color="default" style={{ marginInlineEnd: 0 }}>{t('users.disabled')}</Tag>,
    u.locked && <Tag key="l" color="red" style={{ marginInlineEnd: 0 }}>{t('users.locked')}</Tag>,
    u.mustChangePassword && <Tag key="m" color="orange" style={{ marginInlineEnd: 0 }}>{t('users.mustChange')}</Tag>,
    u.totpEnabled && <Tag key="t" color="green" style={{ marginInlineEnd: 0 }}>{t('users.totp')}</Tag>,
  ].filter(Boolean);
  return <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>{tags.length ? tags : <Tag color="success" style={{ marginInlineEnd: 0 }}>{t('users.active')}</Tag>}</div>;
}
