// 督办台: every task the supervisor (or leader, or viewer) may see. Filters in the URL, counts by colour above
// the table (clicking one filters by it), server paging, Excel export of the same query, 交办 and 批量导入.
import { useState } from 'react';
import { TASK_STATUS_GROUP_LABELS } from '../../../../common/task-labels';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, DatePicker, Input, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { useAccess } from '../../access';
import { useI18n } from '../../app/i18n';
import { useListParams } from '../../app/useListParams';
import { DataTable } from '../../components/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { FilterBar } from '../../components/FilterBar';
import { ImportDialog } from '../../components/ImportDialog';
import { PageHeader } from '../../components/PageHeader';
import { UnitSelect } from '../../components/UnitSelect';
import { CreateTaskModal } from './CreateTaskModal';
import { LeaderSelect } from './LeaderSelect';
import { PortfolioChip } from './PortfolioChip';
import { SavedFilterTabs } from './SavedFilterTabs';
import { Deadline, LEVELS, RAG_COLORS, RagBadge, SOURCES, STATUSES, useTaskLabels, type Task, type TaskImportResult, type TaskQuery } from './shared';

const KEYS = ['q', 'source', 'unitId', 'leaderUserId', 'level', 'status', 'rag', 'overdue', 'deadlineFrom', 'deadlineTo', 'sort'] as const;
const RAGS = ['red', 'yellow', 'green'] as const;

export default function ConsolePage() {
  const { t, locale } = useI18n();
  const L = useTaskLabels();
  const access = useAccess();
  const qc = useQueryClient();
  const { values: v, page, pageSize, set, clear, filtered } = useListParams(KEYS);
  const filters = {
    q: v.q, source: v.source, unitId: v.unitId, leaderUserId: v.leaderUserId, level: v.level, status: v.status, rag: v.rag,
    overdue: v.overdue === 'true' ? true : undefined, deadlineFrom: v.deadlineFrom, deadlineTo: v.deadlineTo, sort: v.sort,
  } as TaskQuery;
  const list = useQuery({
    queryKey: ['tasks', 'list', filters, page, pageSize],
    queryFn: () => ok(api.GET('/api/v1/tasks', { params: { query: { ...filters, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: ['tasks'] });
  const all = (label: string) => t('filter.all', { label });

  const columns: TableColumnsType<Task> = [
    { title: t('tasks.title'), dataIndex: 'title', render: (_, r) => <Space direction="vertical" size={0}><Link to={`/tasks/${r.id}`}>{r.title}</Link><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.serial} · {L.source(r.source)}</Typography.Text></Space> },
    { title: t('tasks.leadUnit'), key: 'leadUnit', render: (_, r) => r.leadUnit.name },
    { title: t('tasks.leader'), key: 'leader', render: (_, r) => r.leader?.name ?? t('none') },
    { title: t('tasks.level'), dataIndex: 'level', render: (l: string) => <Tag color={l === 'urgent' ? 'red' : l === 'key' ? 'orange' : undefined}>{L.level(l)}</Tag> },
    { title: t('tasks.deadline'), key: 'deadline', render: (_, r) => <Deadline task={r} /> },
    { title: t('tasks.status'), dataIndex: 'status', render: (s: string) => L.status(s) },
    { title: t('tasks.progress'), dataIndex: 'progress', align: 'right', render: (p: number, r) => <span title={`${r.expectedProgress}%`}>{p}%</span> },
    { title: t('tasks.rag'), key: 'rag', render: (_, r) => <RagBadge task={r} /> },
  ];
  const counts = list.data?.counts;

  return (
    <>
      <PageHeader title={t('tasks.console.title')} intro={t('tasks.console.intro')} extra={<>
        {access.tasksAssign && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-create">{t('tasks.create')}</Button>}
        {access.tasksAssign && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t('action.import')}</Button>}
        <ExportButton path="/api/v1/tasks/export" params={filters as Record<string, unknown>} fallbackName="tasks.xlsx" />
      </>} />
      <PortfolioChip leaderUserId={v.leaderUserId} onMine={(leaderUserId) => set({ leaderUserId })} />
      <SavedFilterTabs />
      <Space wrap style={{ marginBottom: 12 }} data-testid="rag-counts">
        {RAGS.map((c) => (
          <Tag.CheckableTag key={c} checked={v.rag === c} onChange={(on) => set({ rag: on ? c : null })}
            style={{ fontSize: 15, padding: '4px 14px', border: `1px solid ${RAG_COLORS[c]}`, ...(v.rag === c ? { background: RAG_COLORS[c] } : { color: RAG_COLORS[c] }) }}>
            {t(`tasks.count.${c}`, { n: counts?.[c] ?? '–' })}
          </Tag.CheckableTag>
        ))}
      </Space>
      <Card>
        <FilterBar filtered={filtered} onClear={clear}>
          <Input.Search key={v.q ?? ''} defaultValue={v.q} placeholder={t('tasks.search')} allowClear enterButton={t('action.search')}
            onSearch={(q) => set({ q: q.trim() })} style={{ width: 280, maxWidth: '100%' }} data-testid="task-search" />
          <Select value={v.source ?? ''} onChange={(source) => set({ source })} style={{ width: 150 }} aria-label={t('tasks.source')}
            options={[{ value: '', label: all(t('tasks.source')) }, ...SOURCES.map((s) => ({ value: s, label: L.source(s) }))]} />
          <Select value={v.status ?? ''} onChange={(status) => set({ status })} style={{ width: 130 }} aria-label={t('tasks.status')}
            options={[{ value: '', label: all(t('tasks.status')) }, ...(['open', 'done'] as const).map((g) => ({ value: g, label: TASK_STATUS_GROUP_LABELS[g][locale] })), ...STATUSES.map((s) => ({ value: s, label: L.status(s) }))]} />
          <Select value={v.level ?? ''} onChange={(level) => set({ level })} style={{ width: 120 }} aria-label={t('tasks.level')}
            options={[{ value: '', label: all(t('tasks.level')) }, ...LEVELS.map((s) => ({ value: s, label: L.level(s) }))]} />
          <UnitSelect value={v.unitId} onChange={(unitId) => set({ unitId })} placeholder={all(t('tasks.leadUnit'))} style={{ width: 180 }} />
          <LeaderSelect value={v.leaderUserId} onChange={(leaderUserId) => set({ leaderUserId })} placeholder={all(t('tasks.leader'))} style={{ width: 160 }} />
          <DatePicker.RangePicker value={[v.deadlineFrom ? dayjs(v.deadlineFrom) : null, v.deadlineTo ? dayjs(v.deadlineTo) : null]} allowEmpty={[true, true]}
            onChange={(r) => set({ deadlineFrom: r?.[0]?.format('YYYY-MM-DD'), deadlineTo: r?.[1]?.format('YYYY-MM-DD') })} placeholder={[t('tasks.deadline'), t('tasks.deadline')]} />
          <Checkbox checked={v.overdue === 'true'} onChange={(e) => set({ overdue: e.target.checked ? 'true' : null })}>{t('tasks.overdueOnly')}</Checkbox>
        </FilterBar>
        <DataTable<Task> rows={list.data?.items} columns={columns} rowKey="id" loading={list.isFetching} testId="tasks-table"
          empty={filtered ? t('table.emptyFiltered') : t('tasks.console.empty')}
          paging={{ page, pageSize, total: list.data?.total ?? 0, onChange: (p, s) => set({ page: p, pageSize: s }) }} />
      </Card>
      {creating && <CreateTaskModal onClose={() => setCreating(false)} onCreated={() => void refresh()} />}
      <ImportDialog<TaskImportResult> open={importing} onClose={() => setImporting(false)} title={t('tasks.importTitle')}
        endpoint="/api/v1/tasks/import" template={{ path: '/api/v1/tasks/export', name: 'tasks.xlsx' }}
        columnsHint={t('tasks.importColumns')} onImported={() => void refresh()} />
    </>
  );
}
