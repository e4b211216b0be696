import { DownOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Space, Tag, Typography } from 'antd';
import type { MenuProps, TableColumnsType } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { ADMIN_ROLES } from '../../../../common/roles';
import { api, ok } from '../../api/client';
import type { User } from '../../api/types';
import type { Access } from '../../access';
import { useMe } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { useFormat } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { UserStatus } from './UserStatus';

interface Opts { access: Access; onEdit: (u: User) => void; onRoles: (u: User) => void; onPassword: (u: User, password: string) => void; onChanged: () => void }

export function useUserColumns({ access, onEdit, onRoles, onPassword, onChanged }: Opts): TableColumnsType<User> {
  const { t, role } = useI18n();
  const f = useFormat();
  const me = useMe();
  const { modal } = App.useApp();
  const reset = useMutation({ mutationFn: (u: User) => ok(api.POST('/api/v1/users/{id}/reset-password', { params: { path: { id: u.id } } })), onSuccess: (r, u) => { onPassword(u, r.temporaryPassword); onChanged(); } });
  const resetTotp = useMutation({ mutationFn: (u: User) => ok(api.POST('/api/v1/users/{id}/reset-totp', { params: { path: { id: u.id } } })), onSuccess: () => { showSuccess(t('users.resetTotpDone')); onChanged(); } });
  const toggle = useMutation({
    mutationFn: (u: User) => ok(api.PATCH('/api/v1/users/{id}', { params: { path: { id: u.id } }, body: { version: u.version, disabled: !u.disabled } })),
    onSuccess: (u) => { showSuccess(t(u.disabled ? 'users.disabledDone' : 'users.enabled')); onChanged(); },
  });
  const confirm = (content: string, run: () => void, danger = false) => modal.confirm({ title: content, okText: t('action.ok'), cancelText: t('action.cancel'), okButtonProps: { danger }, onOk: run });

  const actions = (u: User): MenuProps['items'] => {
    const self = u.id === me.id;
    const adminTarget = u.roles.some((r) => ADMIN_ROLES.includes(r));
    return [
      access.grantRoles && !self && { key: 'roles', label: t('users.setRoles'), onClick: () => onRoles(u) },
      access.resetPassword && !self && (!adminTarget || access.grantRoles) && { key: 'reset', label: t('users.resetPassword'), onClick: () => confirm(t('users.resetPasswordConfirm', { name: u.displayName }), () => reset.mutate(u)) },
      access.resetTotp && u.totpEnabled && { key: 'totp', label: t('users.resetTotp'), onClick: () => confirm(t('users.resetTotpConfirm', { name: u.displayName }), () => resetTotp.mutate(u)) },
      access.usersWrite && !self && (u.disabled
        ? { key: 'enable', label: t('users.enable'), onClick: () => toggle.mutate(u) }
        : { key: 'disable', label: t('users.disable'), danger: true, onClick: () => confirm(t('users.disableConfirm', { name: u.displayName }), () => toggle.mutate(u), true) }),
    ].filter(Boolean) as MenuProps['items'];
  };

  return [
    {
      title: t('users.displayName'), key: 'name', render: (_, u) => (
        <div style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text strong>{u.displayName}</Typography.Text>
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{u.username}</Typography.Text></div>
        </div>
      ),
    },
    { title: t('users.unit'), dataIndex: 'unitName', key: 'unit', render: (v: string | null) => <div style={{ minWidth: 160 }}>{v ?? t('none')}</div> },
    { title: t('users.titleField'), dataIndex: 'title', key: 'title', render: (v: string | null) => v ?? t('none') },
    {
      title: t('users.roles'), key: 'roles', render: (_, u) => (u.roles.length
        ? <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>{u.roles.map((r) => <Tag key={r} color={ADMIN_ROLES.includes(r) ? 'purple' : 'blue'} style={{ marginInlineEnd: 0 }}>{role(r)}</Tag>)}</div>
        : <Typography.Text type="secondary">{t('users.noRoles')}</Typography.Text>),
    },
    { title: t('users.status'), key: 'status', render: (_, u) => <UserStatus user={u} /> },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', key: 'lastLoginAt', render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ? f.dateTime(v) : t('users.neverLoggedIn')}</span> },
    {
      title: t('table.actions'), key: 'actions', render: (_, u) => {
        const items = actions(u);
        return (
          <Space size={0}>
            {access.usersWrite && <Button type="link" size="small" onClick={() => onEdit(u)}>{t('action.edit')}</Button>}
            {!!items?.length && (
              <Dropdown menu={{ items }} trigger={['click']}>
                <Button type="link" size="small">{t('action.more')} <DownOutlined /></Button>
              </Dropdown>
            )}
          </Space>
        );
      },
    },
  ];
}
