// 在线会话: who is signed in; the security administrator may end a session.
import { Button, Card, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ReloadOutlined } from '@ant-design/icons';
import { api, ok } from '../../api/client';
import type { LiveSession } from '../../api/types';
import { showSuccess } from '../../app/feedback';
import { useFormat } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useListParams } from '../../app/useListParams';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import type { MessageKey } from '../../locales/zh-CN';

/** "Chrome 142 · Windows" from a user agent, enough to recognise a device. */
function browser(ua: string | null): string {
  if (!ua) return '—';
  const name = ua.match(/(Edg|Firefox|Chrome|Chromium|Safari|MicroMessenger|DingTalk)\/(\d+)/);
  const os = ua.match(/Windows|Android|iPhone|iPad|Mac OS X|Linux/);
  return [name ? `${name[1] === 'Edg' ? 'Edge' : name[1]} ${name[2]}` : ua.slice(0, 24), os?.[0]].filter(Boolean).join(' · ');
}

export default function SessionsPage() {
  const { t } = useI18n();
  const f = useFormat();
  const qc = useQueryClient();
  const { page, pageSize, set } = useListParams([] as const);
  const list = useQuery({
    queryKey: ['sessions', page, pageSize],
    queryFn: () => ok(api.GET('/api/v1/sessions', { params: { query: { page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
  const revoke = useMutation({
    mutationFn: (s: LiveSession) => ok(api.DELETE('/api/v1/sessions/{id}', { params: { path: { id: s.id } } })),
    onSuccess: () => { showSuccess(t('sessions.revoked')); void qc.invalidateQueries({ queryKey: ['sessions'] }); },
  });
  const columns: TableColumnsType<LiveSession> = [
    {
      title: t('sessions.user'), key: 'user', render: (_, s) => (
        <div style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text strong>{s.displayName}</Typography.Text> {s.current && <Tag color="blue">{t('sessions.current')}</Tag>}
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.username}</Typography.Text></div>
        </div>
      ),
    },
    { title: t('sessions.unit'), dataIndex: 'unitName', key: 'unit', render: (v: string | null) => v ?? t('none') },
    { title: t('sessions.ip'), dataIndex: 'ip', key: 'ip', render: (v: string | null) => <span className="mono">{v ?? t('none')}</span> },
    { title: t('sessions.client'), dataIndex: 'userAgent', key: 'ua', render: (v: string | null) => <Tooltip title={v}><span>{browser(v)}</span></Tooltip> },
    { title: t('sessions.stage'), dataIndex: 'stage', key: 'stage', render: (v: string) => <Tag color={v === 'full' ? 'green' : 'orange'}>{t(`stage.${v}` as MessageKey)}</Tag> },
    { title: t('sessions.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{f.dateTime(v)}</span> },
    { title: t('sessions.lastSeenAt'), dataIndex: 'lastSeenAt', key: 'lastSeenAt', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{f.dateTime(v)}</span> },
    {
      title: t('table.actions'), key: 'actions', render: (_, s) => (
        <Popconfirm title={t('sessions.revokeConfirm', { name: s.displayName })} okText={t('sessions.revoke')} cancelText={t('action.cancel')}
          okButtonProps={{ danger: true }} onConfirm={() => revoke.mutate(s)} disabled={s.current}>
          <Button type="link" size="small" danger disabled={s.current}>{t('sessions.revoke')}</Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('sessions.title')} intro={t('sessions.intro')}
        extra={<Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>{t('action.refresh')}</Button>} />
      <Card>
        <DataTable<LiveSession> rows={list.data?.items} columns={columns} rowKey="id" loading={list.isFetching} empty={t('sessions.empty')}
          paging={{ page, pageSize, total: list.data?.total ?? 0, onChange: (p, s) => set({ page: p, pageSize: s }) }} />
      </Card>
    </>
  );
}
