// 授予角色 (security administrator): a checkbox per role, labels from common/roles.ts.
import { useState } from 'react';
import { Alert, Checkbox, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { ADMIN_ROLES, ROLES } from '../../../../common/roles';
import { api, ok } from '../../api/client';
import type { Role, User } from '../../api/types';
import { showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';

export function RolesModal({ user, onClose, onSaved }: { user: User; onClose: () => void; onSaved: () => void }) {
  const { t, role } = useI18n();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const save = useMutation({
    mutationFn: () => ok(api.PUT('/api/v1/users/{id}/roles', { params: { path: { id: user.id } }, body: { roles } })),
    onSuccess: () => { showSuccess(t('users.rolesSaved')); onSaved(); },
  });
  const mixesAdmin = roles.some((r) => ADMIN_ROLES.includes(r)) && roles.length > 1;
  return (
    <Modal open title={`${t('users.setRoles')} · ${user.displayName}`} onCancel={onClose} onOk={() => save.mutate()} confirmLoading={save.isPending}
      okText={t('action.save')} cancelText={t('action.cancel')} destroyOnHidden>
      <Checkbox.Group value={roles} onChange={(v) => setRoles(v as Role[])} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))', gap: 8 }}
        options={ROLES.map((r) => ({ value: r, label: role(r) }))} />
      <Alert type={mixesAdmin ? 'warning' : 'info'} showIcon title={t('users.rolesHint')} style={{ marginTop: 16 }} />
    </Modal>
  );
}
