import { WarningOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { Leader } from '../../api/types';
import { showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';

const SHOW_UNITS = 4;

export function useLeaderColumns({ canWrite, onEdit, onDeleted }: { canWrite: boolean; onEdit: (l: Leader) => void; onDeleted: () => void }): TableColumnsType<Leader> {
  const { t } = useI18n();
  const del = useMutation({
    mutationFn: (l: Leader) => ok(api.DELETE('/api/v1/leaders/{id}', { params: { path: { id: l.id } } })),
    onSuccess: () => { showSuccess(t('deleted')); onDeleted(); },
  });
  const cols: TableColumnsType<Leader> = [
    {
      title: t('leaders.name'), key: 'name', render: (_, l) => (
        <div style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text strong>{l.name}</Typography.Text>
          {!l.hasLeaderRole && <Tooltip title={t('leaders.noRole')}><WarningOutlined style={{ color: '#d46b08', marginInlineStart: 6 }} aria-label={t('leaders.noRole')} /></Tooltip>}
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{l.username}</Typography.Text></div>
        </div>
      ),
    },
    { title: t('leaders.titleField'), dataIndex: 'title', key: 'title', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> },
    {
      title: t('leaders.domains'), key: 'domains', render: (_, l) => (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, maxWidth: 360 }}>{l.domains.map((d) => <Tag key={d} color="blue" style={{ marginInlineEnd: 0 }}>{d}</Tag>)}</div>
      ),
    },
    {
      title: t('leaders.units'), key: 'units', render: (_, l) => (
        <div style={{ maxWidth: 380 }}>
          {l.units.slice(0, SHOW_UNITS).map((u) => u.name).join('、') || t('none')}
          {l.units.length > SHOW_UNITS && (
            <Tooltip title={l.units.slice(SHOW_UNITS).map((u) => u.name).join('、')}>
              <Typography.Text type="secondary"> {t('leaders.moreUnits', { count: l.units.length })}</Typography.Text>
            </Tooltip>
          )}
        </div>
      ),
    },
    { title: t('leaders.sortOrder'), dataIndex: 'sortOrder', key: 'sortOrder', align: 'right', render: (n: number) => <span className="num">{n}</span> },
  ];
  if (canWrite) {
    cols.push({
      title: t('table.actions'), key: 'actions', render: (_, l) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onEdit(l)}>{t('action.edit')}</Button>
          <Popconfirm title={t('leaders.deleteConfirm', { name: l.name })} description={t('leaders.deleteHint')} okButtonProps={{ danger: true }}
            okText={t('action.delete')} cancelText={t('action.cancel')} onConfirm={() => del.mutate(l)}>
            <Button type="link" size="small" danger>{t('action.delete')}</Button>
          </Popconfirm>
        </Space>
      ),
    });
  }
  return cols;
}
