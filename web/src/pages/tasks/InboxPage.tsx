// 我的待办: what the unit has to accept, report on, or has let run over. One primary action per row;
// on phones each task is a card with its action as a full-width button.
import { useState } from 'react';
import { Button, Card, Empty, Grid, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { ApiError } from '../../api/errors';
import { showError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useListParams } from '../../app/useListParams';
import { PageHeader } from '../../components/PageHeader';
import { ActionModal, runAction } from './ActionModal';
import { Deadline, RagBadge, SourceTag, useTaskLabels, type Task, type TaskAction } from './shared';

type Tab = 'accept' | 'report' | 'overdue';
const TABS: Tab[] = ['accept', 'report', 'overdue'];

/** The one thing to do next on a task in the inbox. */
function primaryAction(task: Task): TaskAction | null {
  if (task.status === 'assigned') return 'accept';
  if (task.status === 'in_progress') return task.progress >= 100 ? 'request_completion' : 'report';
  return null;
}

export default function InboxPage() {
  const { t } = useI18n();
  const L = useTaskLabels();
  const qc = useQueryClient();
  const mobile = Grid.useBreakpoint().md === false;
  const { values, page, pageSize, set } = useListParams(['tab'] as const);
  const tab: Tab = TABS.includes(values.tab as Tab) ? (values.tab as Tab) : 'accept';
  const list = useQuery({
    queryKey: ['tasks', 'inbox', tab, page, pageSize],
    queryFn: () => ok(api.GET('/api/v1/tasks/inbox', { params: { query: { tab, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
  const [acting, setActing] = useState<{ task: Task; action: TaskAction } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['tasks'] });

  const act = async (task: Task, action: TaskAction) => {
    if (action !== 'accept') { setActing({ task, action }); return; }
    setBusy(task.id);
    try { await runAction(task.id, 'accept', { version: task.version }); showSuccess(`${L.action('accept')} · ${task.title}`); }
    catch (e) { showError(e); if (!(e instanceof ApiError)) return; }
    finally { setBusy(null); void refresh(); }
  };
  const actionButton = (task: Task, block = false) => {
    const a = primaryAction(task);
    return a && (
      <Button type="primary" block={block} loading={busy === task.id} onClick={() => void act(task, a)} data-testid={`inbox-${a}`}>{L.action(a)}</Button>
    );
  };

  const columns: TableColumnsType<Task> = [
    { title: t('tasks.title'), dataIndex: 'title', render: (_, r) => <Space direction="vertical" size={0}><Link to={`/tasks/${r.id}`}>{r.title}</Link><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.serial}</Typography.Text></Space> },
    { title: t('tasks.source'), key: 'source', render: (_, r) => <SourceTag task={r} /> },
    { title: t('tasks.deadline'), key: 'deadline', render: (_, r) => <Deadline task={r} /> },
    { title: t('tasks.progress'), dataIndex: 'progress', align: 'right', render: (p: number) => `${p}%` },
    { title: t('tasks.rag'), key: 'rag', render: (_, r) => <RagBadge task={r} /> },
    { title: t('tasks.actions'), key: 'actions', render: (_, r) => actionButton(r) },
  ];
  const counts = list.data?.counts;
  const rows = list.data?.items;

  return (
    <>
      <PageHeader title={t('tasks.inbox.title')} intro={t('tasks.inbox.intro')} />
      <Card data-testid="tasks-inbox">
        <Tabs activeKey={tab} onChange={(k) => set({ tab: k })}
          items={TABS.map((k) => ({ key: k, label: <span data-testid={`inbox-tab-${k}`}>{t(`tasks.tab.${k}`)} {counts ? `(${counts[k]})` : ''}</span> }))} />
        {mobile ? (
          <div style={{ display: 'grid', gap: 10 }} data-testid="inbox-cards">
            {!rows?.length && !list.isFetching && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.inbox.empty')} />}
            {rows?.map((r) => (
              <Card key={r.id} size="small" title={<Link to={`/tasks/${r.id}`} style={{ whiteSpace: 'normal' }}>{r.title}</Link>} extra={<RagBadge task={r} />}>
                <Space direction="vertical" size={4} style={{ width: '100%' }}>
                  <span><SourceTag task={r} /> {r.progress}%</span>
                  <Deadline task={r} />
                  {actionButton(r, true)}
                </Space>
              </Card>
            ))}
          </div>
        ) : (
          <Table<Task> rowKey="id" columns={columns} dataSource={rows} loading={list.isFetching} data-testid="inbox-table"
            locale={{ emptyText: t('tasks.inbox.empty') }}
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, onChange: (p, s) => set({ page: p, pageSize: s }), showTotal: (n) => t('table.total', { total: n }) }} />
        )}
      </Card>
      {acting && (
        <ActionModal taskId={acting.task.id} version={acting.task.version} action={acting.action}
          onClose={() => setActing(null)} onDone={() => { setActing(null); void refresh(); }} />
      )}
    </>
  );
}
