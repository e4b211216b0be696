// 消息: every notice of the signed-in user, newest first, paged on the server; 全部 / 未读 in the URL; mark read.
import { CheckOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Grid, Pagination, Spin, Tabs } from 'antd';
import { showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useListParams } from '../../app/useListParams';
import { PageHeader } from '../../components/PageHeader';
import { NoticeItem } from './NoticeItem';
import { useMarkAllRead, useNotices } from './notices';

export default function NotificationsPage() {
  const { t } = useI18n();
  const mobile = Grid.useBreakpoint().md === false;
  const { values, page, pageSize, set } = useListParams(['unread'] as const);
  const unreadOnly = values.unread === 'true';
  const query = { page, pageSize, ...(unreadOnly ? { unread: true } : {}) };
  const list = useNotices(query, { keepPrevious: true });
  const readAll = useMarkAllRead();
  const unread = list.data?.unread ?? 0;

  return (
    <div data-testid="notifications">
      <PageHeader title={t('notices.title')} intro={t('notices.intro')} extra={
        <Button icon={<CheckOutlined />} disabled={!unread} loading={readAll.isPending} data-testid="notices-read-all"
          onClick={() => readAll.mutate(undefined, { onSuccess: (r) => showSuccess(t('notices.readAllDone', { n: r.count })) })}>
          {t('notices.readAll')}
        </Button>
      } />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs activeKey={unreadOnly ? 'unread' : 'all'} onChange={(k) => set({ unread: k === 'unread' ? 'true' : null, page: null })}
          items={[{ key: 'all', label: t('notices.tab.all') }, { key: 'unread', label: t('notices.tab.unread', { n: unread }) }]} />
        <Spin spinning={list.isFetching && !list.isPending}>
          {list.isPending && <Spin style={{ display: 'block', margin: '32px auto' }} />}
          {list.data && !list.data.items.length && (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={unreadOnly ? t('notices.emptyUnread') : t('notices.empty')} />
          )}
          <div data-testid="notices-list">
            {list.data?.items.map((n, i) => (
              <div key={n.id} style={{ padding: '12px 0', borderTop: i ? '1px solid #f0f1f4' : undefined }}>
                <NoticeItem n={n} />
              </div>
            ))}
          </div>
        </Spin>
        {!!list.data?.total && (
          <Pagination current={page} pageSize={pageSize} total={list.data.total} onChange={(p, s) => set({ page: p, pageSize: s })}
            showSizeChanger={!mobile} size={mobile ? 'small' : undefined} showTotal={(n) => t('table.total', { total: n })}
            style={{ marginTop: 16, justifyContent: 'flex-end' }} />
        )}
      </Card>
    </div>
  );
}
