// Pieces every 督查督办 page uses: types, the shared labels (common/task-labels.ts), the RAG badge, the deadline cell.
import { Badge, Tag, Tooltip, Typography } from 'antd';
import { RAG_LABELS, TASK_LEVEL_LABELS, TASK_SOURCE_LABELS, TASK_STATUS_LABELS } from '../../../../common/task-labels';
import type { paths } from '../../api/schema';
import type { Schemas } from '../../api/types';
import dayjs from 'dayjs';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../locales/zh-CN';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;
export type Task = Schemas['Task'];
export type TaskDetail = Json<paths['/api/v1/tasks/{id}']['get']['responses'][200]>;
export type TaskAction = TaskDetail['allowedActions'][number];
export type TaskQuery = NonNullable<paths['/api/v1/tasks']['get']['parameters']['query']>;
/** The server's import result has no `updated` (task imports only create); ImportDialog's summary expects one and shows it blank. */
export type TaskImportResult = Json<paths['/api/v1/tasks/import']['post']['responses'][200]> & { updated: number };

export const RAG_COLORS = { red: '#d4380d', yellow: '#d89614', green: '#389e0d' } as const;
export const SOURCES = Object.keys(TASK_SOURCE_LABELS) as NonNullable<TaskQuery['source']>[];
export const LEVELS = Object.keys(TASK_LEVEL_LABELS) as NonNullable<TaskQuery['level']>[];
export const STATUSES = Object.keys(TASK_STATUS_LABELS) as Task['status'][];

export function useTaskLabels() {
  const { locale, t } = useI18n();
  const pick = (table: Record<string, Record<string, string>>, k: string) => table[k]?.[locale] ?? k;
  return {
    source: (k: string) => pick(TASK_SOURCE_LABELS, k),
    level: (k: string) => pick(TASK_LEVEL_LABELS, k),
    status: (k: string) => pick(TASK_STATUS_LABELS, k),
    rag: (k: string) => pick(RAG_LABELS, k),
    action: (k: string) => { const key = `tasks.act.${k}` as MessageKey; const s = t(key); return s === key ? k : s; },
  };
}

export function RagBadge({ task }: { task: Pick<Task, 'rag' | 'ragReasons'> }) {
  const { t } = useI18n();
  const L = useTaskLabels();
  const tip = task.ragReasons.length ? task.ragReasons.map((r) => <div key={r.code}>{r.message}</div>) : t('tasks.noReasons');
  return (
    <Tooltip title={tip}>
      <span data-testid="rag" style={{ cursor: 'help', whiteSpace: 'nowrap' }}><Badge color={RAG_COLORS[task.rag]} text={L.rag(task.rag)} /></span>
    </Tooltip>
  );
}

export function Deadline({ task }: { task: Pick<Task, 'deadline' | 'workdaysLeft' | 'status'> }) {
  const { t } = useI18n();
  const open = !['completed', 'closed', 'cancelled'].includes(task.status);
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {dayjs(task.deadline).format(t('date.day'))}
      {open && (
        <Typography.Text type={task.workdaysLeft < 0 ? 'danger' : task.workdaysLeft <= 3 ? 'warning' : 'secondary'} style={{ marginLeft: 6, fontSize: 12 }}>
          {task.workdaysLeft < 0 ? t('tasks.workdaysOver', { n: -task.workdaysLeft }) : t('tasks.workdaysLeft', { n: task.workdaysLeft })}
        </Typography.Text>
      )}
    </span>
  );
}

export function SourceTag({ task }: { task: Pick<Task, 'source' | 'sourceRef'> }) {
  const L = useTaskLabels();
  return <Tag>{L.source(task.source)}{task.sourceRef ? ` · ${task.sourceRef}` : ''}</Tag>;
}
