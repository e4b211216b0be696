// One unit's assessment: the score per item, the sentence that explains it, and the tasks behind every number
// (each opens its task page). A drawer over the ranking, full width on a phone.
import { Alert, Collapse, Descriptions, Drawer, Grid, List, Rate, Space, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { errorText } from '../../app/feedback';
import { useFormat } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import { useTaskLabels } from '../tasks/shared';
import { ItemCell } from './cells';
import { PeriodNote, type Period } from './period';
import { WEIGHT_KEYS, type UnitAssessment } from './types';

type TaskItem = UnitAssessment['tasks']['assigned'][number];
type Lists = UnitAssessment['tasks'];
type TaskListKey = 'acceptedOnTime' | 'acceptLate' | 'completedOnTime' | 'completeLate' | 'overdue' | 'assigned';

export function UnitBreakdown({ unitId, period, onClose }: { unitId: string; period: Period; onClose: () => void }) {
  const { t } = useI18n();
  const mobile = Grid.useBreakpoint().md === false;
  const q = useQuery({
    queryKey: ['assessment', 'unit', unitId, period.from, period.to],
    queryFn: () => ok(api.GET('/api/v1/assessment/units/{unitId}', { params: { path: { unitId }, query: { from: period.from, to: period.to } } })),
  });
  const d = q.data;
  return (
    <Drawer open onClose={onClose} width={mobile ? '100%' : 760} destroyOnHidden
      title={d ? t('assess.breakdown', { unit: d.row.unit.name }) : t('assess.title')}>
      <div data-testid="assess-breakdown">
        {q.isError && <Alert type="error" showIcon title={errorText(q.error)} />}
        {q.isPending && <Spin style={{ display: 'block', margin: '48px auto' }} />}
        {d && <Breakdown d={d} />}
      </div>
    </Drawer>
  );
}

function Breakdown({ d }: { d: UnitAssessment }) {
  const { t } = useI18n();
  const { row, tasks, weights } = d;
  const problem: (keyof Lists)[] = ['acceptLate', 'completeLate', 'overdue', 'returns'];
  const taskPanel = (key: TaskListKey, dates: 'accept' | 'deadline') => ({
    key, label: <PanelLabel k={key} n={tasks[key].length} bad={problem.includes(key)} />,
    children: <TaskList items={tasks[key]} dates={dates} />,
  });
  const missedReports = tasks.reports.filter((r) => !r.met).length;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <PeriodNote period={d.period} />
      <Descriptions size="small" bordered column={1} styles={{ label: { width: 150 } }}>
        <Descriptions.Item label={t('assess.rank')}>{row.rank ?? t('assess.notRanked')}</Descriptions.Item>
        <Descriptions.Item label={t('assess.total')}><strong style={{ fontSize: 16 }}>{row.total === null ? t('none') : row.total.toFixed(1)}</strong></Descriptions.Item>
        {WEIGHT_KEYS.map((k) => (
          <Descriptions.Item key={k} label={t('assess.itemWeight', { item: t(`assess.item.${k}`), n: weights[k] })}><ItemCell row={row} k={k} /></Descriptions.Item>
        ))}
      </Descriptions>
      <div>
        <Typography.Text strong>{t('assess.explanation')}</Typography.Text>
        <Typography.Paragraph style={{ margin: '4px 0 0' }} data-testid="assess-explanation">{row.explanation}</Typography.Paragraph>
      </div>
      <Collapse defaultActiveKey={problem.filter((k) => tasks[k].length > 0)} items={[
        taskPanel('acceptedOnTime', 'accept'),
        taskPanel('acceptLate', 'accept'),
        {
          key: 'reports', label: <PanelLabel k="reports" n={tasks.reports.length} extra={missedReports ? `${t('assess.missed')} ${missedReports}` : undefined} />,
          children: <ReportList reports={tasks.reports} />,
        },
        taskPanel('completedOnTime', 'deadline'),
        taskPanel('completeLate', 'deadline'),
        taskPanel('overdue', 'deadline'),
        { key: 'returns', label: <PanelLabel k="returns" n={tasks.returns.length} bad />, children: <ReturnList items={tasks.returns} /> },
        { key: 'quality', label: <PanelLabel k="quality" n={tasks.quality.length} />, children: <TaskList items={tasks.quality} dates="deadline" quality /> },
        taskPanel('assigned', 'deadline'),
      ]} />
    </Space>
  );
}

function PanelLabel({ k, n, bad, extra }: { k: keyof Lists; n: number; bad?: boolean; extra?: string }) {
  const { t } = useI18n();
  return (
    <span>
      {t(`assess.list.${k}` as MessageKey)}
      <Tag color={bad && n > 0 ? 'red' : undefined} style={{ marginInlineStart: 8 }}>{t('assess.count', { n })}</Tag>
      {extra && <Tag color="red">{extra}</Tag>}
    </span>
  );
}

const taskLink = (id: string, serial: string, title: string) => (
  <span><Link to={`/tasks/${id}`}>{title}</Link> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{serial}</Typography.Text></span>
);

function Empty() {
  const { t } = useI18n();
  return <Typography.Text type="secondary">{t('assess.list.empty')}</Typography.Text>;
}

function TaskList({ items, dates, quality }: { items: (TaskItem & { quality?: number })[]; dates: 'accept' | 'deadline'; quality?: boolean }) {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  const L = useTaskLabels();
  if (!items.length) return <Empty />;
  const day = (s: string) => dayjs(s).format(t('date.day'));
  return (
    <List size="small" dataSource={items} renderItem={(x) => (
      <List.Item>
        <div style={{ minWidth: 0 }}>
          <div>{taskLink(x.id, x.serial, x.title)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {dates === 'accept'
              ? <>{t('assess.col.acceptDue')} {day(x.acceptDue)} · {t('assess.col.acceptedAt')} {dateTime(x.acceptedAt)}</>
              : <>{t('assess.col.deadline')} {day(x.deadline)} · {t('assess.col.doneAt')} {dateTime(x.doneAt)}</>}
            {' · '}{L.status(x.status)}
          </Typography.Text>
          {quality && x.quality !== undefined && <div><Rate disabled value={x.quality} style={{ fontSize: 14 }} /></div>}
        </div>
      </List.Item>
    )} />
  );
}

function ReportList({ reports }: { reports: Lists['reports'] }) {
  const { t } = useI18n();
  if (!reports.length) return <Empty />;
  // One line per task: its due dates as tags, green when met, red when missed.
  const byTask = new Map<string, { serial: string; title: string; dues: { due: string; met: boolean }[] }>();
  for (const r of reports) {
    const e = byTask.get(r.taskId) ?? { serial: r.serial, title: r.title, dues: [] };
    e.dues.push({ due: r.due, met: r.met });
    byTask.set(r.taskId, e);
  }
  return (
    <List size="small" dataSource={[...byTask.entries()]} renderItem={([id, x]) => (
      <List.Item>
        <div style={{ minWidth: 0 }}>
          <div>{taskLink(id, x.serial, x.title)}</div>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 4 }}>
            {x.dues.map((r) => (
              <Tag key={r.due} color={r.met ? 'green' : 'red'} style={{ marginInlineEnd: 0 }} title={r.met ? t('assess.met') : t('assess.missed')}>
                {dayjs(r.due).format('M/D')} {r.met ? '✓' : '✗'}
              </Tag>
            ))}
          </div>
        </div>
      </List.Item>
    )} />
  );
}

function ReturnList({ items }: { items: Lists['returns'] }) {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  if (!items.length) return <Empty />;
  return (
    <List size="small" dataSource={items} renderItem={(x) => (
      <List.Item>
        <div style={{ minWidth: 0 }}>
          <div>{taskLink(x.taskId, x.serial, x.title)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('assess.col.at')} {dateTime(x.at)}{x.reason ? ` · ${t(`tasks.reason.${x.reason}` as MessageKey)}` : ''}{x.comment ? ` · ${x.comment}` : ''}
          </Typography.Text>
        </div>
      </List.Item>
    )} />
  );
}
