// 事项页: the task's header (source, leader, units, deadline, colour and why), its history as a timeline,
// and the steps this user may take now (allowedActions), each as a small form; 督办通知单 and 问责 (for the 督查室).
import { useState } from 'react';
import { Button, Card, Descriptions, Progress, Result, Space, Tag, Timeline, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { errorText } from '../../app/feedback';
import { useFormat } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { AccountabilityCard } from './AccountabilityCard';
import { ActionModal } from './ActionModal';
import { EscalationCard } from './EscalationCard';
import { Deadline, RAG_COLORS, useTaskLabels, type TaskAction } from './shared';
import { Trajectory } from './Trajectory';

const PRIMARY = new Set<TaskAction>(['accept', 'report', 'complete', 'close', 'approve_extension', 'sign_off']);
const DANGER = new Set<TaskAction>(['cancel', 'return', 'send_back', 'deny_extension']);

export default function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const L = useTaskLabels();
  const { dateTime } = useFormat();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['tasks', 'detail', id], queryFn: () => ok(api.GET('/api/v1/tasks/{id}', { params: { path: { id } } })) });
  const [acting, setActing] = useState<TaskAction | null>(null);
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <Result status="warning" title={errorText(q.error)} />;
  const { task, events, allowedActions, trajectory } = q.data;
  const reload = () => qc.invalidateQueries({ queryKey: ['tasks'] });

  return (
    <>
      <PageHeader title={<span data-testid="task-title">{task.title}</span>} intro={`${task.serial} · ${L.status(task.status)}`} extra={
        <Space wrap data-testid="task-actions">
          {allowedActions.map((a) => (
            <Button key={a} type={PRIMARY.has(a) ? 'primary' : 'default'} danger={DANGER.has(a)} onClick={() => setActing(a)} data-testid={`act-${a}`}>{L.action(a)}</Button>
          ))}
        </Space>
      } />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" items={[
          { key: 'source', label: t('tasks.source'), children: <>{L.source(task.source)}{task.sourceRef ? ` · ${task.sourceRef}` : ''}{task.sourceTitle ? ` · ${task.sourceTitle}` : ''}{task.origin?.type === 'project_issue' && <> · <Link to={`/projects/${task.origin.id}`} data-testid="task-project-link">{t('pt.task.project')}</Link></>}</> },
          { key: 'leader', label: t('tasks.leader'), children: task.leader?.name ?? t('none') },
          { key: 'level', label: t('tasks.level'), children: L.level(task.level) },
          { key: 'lead', label: t('tasks.leadUnit'), children: task.leadUnit.name },
          { key: 'co', label: t('tasks.coUnits'), children: task.coUnits.length ? task.coUnits.map((u) => u.name).join('、') : t('none') },
          { key: 'deadline', label: t('tasks.deadline'), children: <Deadline task={task} /> },
          { key: 'progress', label: t('tasks.progress'), children: <Progress percent={task.progress} size="small" style={{ maxWidth: 220 }} /> },
          { key: 'rag', label: t('tasks.rag'), span: 2, children: (
            <span data-testid="task-rag">
              <Tag color={RAG_COLORS[task.rag]}>{L.rag(task.rag)}</Tag>
              {task.ragReasons.length ? task.ragReasons.map((r) => r.message).join('；') : t('tasks.noReasons')}
            </span>
          ) },
        ]} />
        {task.content && <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{task.content}</Typography.Paragraph>}
        <Trajectory points={trajectory} />
      </Card>
      <EscalationCard task={task} />
      <AccountabilityCard task={task} />
      <Card title={t('tasks.timeline')}>
        <Timeline data-testid="task-timeline" items={events.map((e) => ({
          key: e.id,
          content: (
            <div>
              <Typography.Text strong>{L.action(e.action)}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{[e.actorName, e.unitName].filter(Boolean).join(' · ')} · {dateTime(e.at)}</Typography.Text>
              {e.progress !== null && <Tag style={{ marginLeft: 8 }}>{e.progress}%</Tag>}
              {e.reason && <Tag>{t(`tasks.reason.${e.reason}` as 'tasks.reason.other')}</Tag>}
              {e.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{e.comment}</div>}
              {e.attachments.map((a) => <div key={a.id}><a href={`/api/v1/attachments/${a.id}`}>{a.filename}</a></div>)}
            </div>
          ),
        }))} />
      </Card>
      {acting && <ActionModal taskId={task.id} version={task.version} action={acting} onClose={() => setActing(null)} onDone={() => { setActing(null); void reload(); }} />}
    </>
  );
}
