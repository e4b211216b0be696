// One notice: its kind, title (bold while unread), when, and the body; opening it marks it read and goes to its task.
import { Badge, Button, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useAccess } from '../../access';
import { useFormat } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { kindOf, noticeLink, useMarkRead, type Notice } from './notices';

export function NoticeItem({ n, compact = false, onOpen }: { n: Notice; compact?: boolean; onOpen?: () => void }) {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  const access = useAccess();
  const markRead = useMarkRead();
  const unread = !n.readAt;
  const kind = kindOf(n.kind, t);
  const to = noticeLink(n, access.tasksInbox);
  const open = () => {
    if (unread) markRead.mutate(n.id);
    onOpen?.();
  };
  return (
    <div data-testid="notice" data-unread={unread ? 'true' : 'false'} style={{ display: 'flex', gap: 10, alignItems: 'flex-start', minWidth: 0, width: '100%' }}>
      <Badge dot={unread} offset={[-2, 4]} style={{ flex: 'none' }}>
        <Tag color={kind.color} style={{ marginInlineEnd: 0, minWidth: compact ? 40 : 48, textAlign: 'center' }}>{kind.label}</Tag>
      </Badge>
      <div style={{ minWidth: 0, flex: 1 }}>
        {to ? (
          <Link to={to} onClick={open} style={{ fontWeight: unread ? 600 : 400, color: unread ? undefined : '#434a56', wordBreak: 'break-word' }} data-testid="notice-title">{n.title}</Link>
        ) : (
          <Typography.Text strong={unread} style={{ wordBreak: 'break-word' }} data-testid="notice-title">{n.title}</Typography.Text>
        )}
        {n.body && (
          <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap', fontSize: 13 }}
            ellipsis={compact ? { rows: 2 } : { rows: 4, expandable: 'collapsible' }}>{n.body}</Typography.Paragraph>
        )}
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 2 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{dateTime(n.createdAt)}</Typography.Text>
          {unread && !compact && (
            <Button size="small" type="link" style={{ padding: 0, height: 'auto' }} loading={markRead.isPending} onClick={() => markRead.mutate(n.id)} data-testid="notice-read">
              {t('notices.markRead')}
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}
