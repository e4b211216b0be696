// The header's bell: the real unread count, and on click the latest notices with 全部标为已读 and a way to the inbox.
import { useState } from 'react';
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Popover, Spin } from 'antd';
import { Link } from 'react-router';
import { showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { NoticeItem } from './NoticeItem';
import { useMarkAllRead, useNotices, useUnreadCount } from './notices';

const LATEST = 6;

export function NotificationBell({ mobile }: { mobile: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const latest = useNotices({ pageSize: LATEST }, { enabled: open });
  const readAll = useMarkAllRead();
  const count = unread.data?.count ?? 0;

  const content = (
    <div style={{ width: mobile ? 'calc(100vw - 48px)' : 380, maxWidth: 380 }} data-testid="bell-popover">
      <Spin spinning={latest.isPending}>
        {latest.data && !latest.data.items.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notices.empty')} />}
        <div style={{ display: 'grid', gap: 12, maxHeight: 420, overflowY: 'auto', paddingRight: 4 }}>
          {latest.data?.items.map((n) => <NoticeItem key={n.id} n={n} compact onOpen={() => setOpen(false)} />)}
        </div>
      </Spin>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, borderTop: '1px solid #f0f1f4', marginTop: 12, paddingTop: 8 }}>
        <Button size="small" type="text" disabled={!count} loading={readAll.isPending} data-testid="bell-read-all"
          onClick={() => readAll.mutate(undefined, { onSuccess: (r) => showSuccess(t('notices.readAllDone', { n: r.count })) })}>
          {t('notices.readAll')}
        </Button>
        <Link to="/notifications" onClick={() => setOpen(false)} data-testid="bell-all">{t('notices.viewAll')}</Link>
      </div>
    </div>
  );

  return (
    <Popover trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} title={t('notices.latest')} content={content} destroyOnHidden>
      <Button type="text" data-testid="bell" aria-label={count ? t('notices.bellCount', { n: count }) : t('notices.bell')}
        icon={<Badge count={count} overflowCount={99} size="small" data-testid="bell-count"><BellOutlined style={{ fontSize: 18 }} /></Badge>} />
    </Popover>
  );
}
