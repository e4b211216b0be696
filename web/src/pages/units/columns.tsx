import { Button, Popconfirm, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { Unit } from '../../api/types';
import { showSuccess } from '../../app/feedback';
import { useFormat } from '../../app/format';
import { useI18n } from '../../app/i18n';

const KIND_COLOR: Record<string, string> = { bureau: 'blue', office: 'geekblue', township: 'green', company: 'orange', other: 'default' };

export function useUnitColumns({ canWrite, onEdit, onDeleted }: { canWrite: boolean; onEdit: (u: Unit) => void; onDeleted: () => void }): TableColumnsType<Unit> {
  const { t, unitKind } = useI18n();
  const f = useFormat();
  const del = useMutation({
    mutationFn: (u: Unit) => ok(api.DELETE('/api/v1/units/{id}', { params: { path: { id: u.id } } })),
    onSuccess: () => { showSuccess(t('deleted')); onDeleted(); },
  });
  const cols: TableColumnsType<Unit> = [
    {
      title: t('units.name'), dataIndex: 'name', key: 'name', render: (_, u) => (
        <div style={{ minWidth: 200 }}>
          <Typography.Text strong>{u.name}</Typography.Text>
          {u.shortName && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{u.shortName}</Typography.Text></div>}
        </div>
      ),
    },
    { title: t('units.kind'), dataIndex: 'kind', key: 'kind', render: (k: Unit['kind']) => <Tag color={KIND_COLOR[k]}>{unitKind(k)}</Tag> },
    { title: t('units.parent'), dataIndex: 'parentName', key: 'parent', render: (v: string | null) => v ?? t('none') },
    { title: t('units.phone'), dataIndex: 'phone', key: 'phone', render: (v: string | null) => v ?? t('none') },
    { title: t('units.userCount'), dataIndex: 'userCount', key: 'userCount', align: 'right', render: (n: number) => <span className="num">{f.number(n)}</span> },
    { title: t('units.sortOrder'), dataIndex: 'sortOrder', key: 'sortOrder', align: 'right', render: (n: number) => <span className="num">{n}</span> },
    { title: t('units.updatedAt'), dataIndex: 'updatedAt', key: 'updatedAt', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{f.dateTime(v)}</span> },
  ];
  if (canWrite) {
    cols.push({
      title: t('table.actions'), key: 'actions', fixed: 'right', render: (_, u) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onEdit(u)}>{t('action.edit')}</Button>
          <Popconfirm title={t('units.deleteConfirm', { name: u.name })} description={t('units.deleteHint')} okButtonProps={{ danger: true }}
            okText={t('action.delete')} cancelText={t('action.cancel')} onConfirm={() => del.mutate(u)}>
            <Button type="link" size="small" danger>{t('action.delete')}</Button>
          </Popconfirm>
        </Space>
      ),
    });
  }
  return cols;
}
