// 用户: accounts. System admin opens and edits them; security admin grants roles and resets one-time codes;
// a unit admin sees his unit's accounts and may reset their passwords.
import { useState } from 'react';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLES } from '../../../../common/roles';
import { api, ok } from '../../api/client';
import type { Role, User, UserImportResult } from '../../api/types';
import { useAccess } from '../../access';
import { useI18n } from '../../app/i18n';
import { useListParams } from '../../app/useListParams';
import { DataTable } from '../../components/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { FilterBar } from '../../components/FilterBar';
import { ImportDialog } from '../../components/ImportDialog';
import { PageHeader } from '../../components/PageHeader';
import { UnitSelect } from '../../components/UnitSelect';
import { Credentials } from './Credentials';
import { OneTimePassword } from './OneTimePassword';
import { RolesModal } from './RolesModal';
import { UserFormModal } from './UserFormModal';
import { useUserColumns } from './columns';

export default function UsersPage() {
  const { t, role } = useI18n();
  const access = useAccess();
  const qc = useQueryClient();
  const { values, page, pageSize, set, clear, filtered } = useListParams(['q', 'unitId', 'role'] as const);
  const filters = { q: values.q, unitId: values.unitId, role: values.role as Role | undefined };
  const list = useQuery({
    queryKey: ['users', 'list', filters, page, pageSize],
    queryFn: () => ok(api.GET('/api/v1/users', { params: { query: { ...filters, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [roles, setRoles] = useState<User | null>(null);
  const [secret, setSecret] = useState<{ title: string; user: string; password: string } | null>(null);
  const [importing, setImporting] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: ['users'] });
  const columns = useUserColumns({
    access, onEdit: setEditing, onRoles: setRoles, onChanged: refresh,
    onPassword: (u, password) => setSecret({ title: t('users.resetDoneTitle'), user: `${u.displayName}（${u.username}）`, password }),
  });
  const unitOnly = !access.usersWrite && !access.grantRoles;

  return (
    <>
      <PageHeader title={t('users.title')} intro={unitOnly ? t('users.introUnit') : t('users.intro')} extra={<>
        {access.usersWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('users.create')}</Button>}
        {access.usersWrite && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t('action.import')}</Button>}
        <ExportButton path="/api/v1/users/export" params={filters} fallbackName="users.xlsx" />
      </>} />
      <Card>
        <FilterBar filtered={filtered} onClear={clear}>
          <Input.Search key={values.q ?? ''} defaultValue={values.q} placeholder={t('users.search')} allowClear enterButton={t('action.search')}
            onSearch={(q) => set({ q: q.trim() })} style={{ width: 300, maxWidth: '100%' }} />
          {!unitOnly && (
            <UnitSelect value={values.unitId} onChange={(unitId: string | null) => set({ unitId })} placeholder={t('users.unitFilter')} style={{ width: 240, maxWidth: '100%' }} />
          )}
          <Select value={values.role ?? ''} onChange={(r) => set({ role: r })} style={{ width: 180 }} aria-label={t('users.roleFilter')}
            options={[{ value: '', label: t('filter.all', { label: t('users.roleFilter') }) }, ...ROLES.map((r) => ({ value: r, label: role(r) }))]} />
        </FilterBar>
        <DataTable<User> rows={list.data?.items} columns={columns} rowKey="id" loading={list.isFetching}
          empty={filtered ? t('table.emptyFiltered') : unitOnly ? t('users.emptyUnit') : t('users.empty')}
          paging={{ page, pageSize, total: list.data?.total ?? 0, onChange: (p, s) => set({ page: p, pageSize: s }) }} />
      </Card>
      {editing && (
        <UserFormModal user={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
          onCreated={(u, password) => { setEditing(null); void refresh(); setSecret({ title: t('users.createdTitle'), user: `${u.displayName}（${u.username}）`, password }); }}
          onSaved={() => { setEditing(null); void refresh(); }} />
      )}
      {roles && <RolesModal user={roles} onClose={() => setRoles(null)} onSaved={() => { setRoles(null); void refresh(); }} />}
      {secret && <OneTimePassword {...secret} onClose={() => setSecret(null)} />}
      <ImportDialog<UserImportResult> open={importing} onClose={() => setImporting(false)} title={t('users.importTitle')}
        endpoint="/api/v1/users/import" template={{ path: '/api/v1/users/export', name: 'users.xlsx' }}
        columnsHint={t('users.importColumns')} onImported={() => void refresh()}
        renderDone={(r) => <Credentials rows={r.credentials} />} />
    </>
  );
}
