// 截止日历: the open tasks on the day of their deadline (and their milestones, 节点, on theirs), for the 督查室, leaders (their portfolio: the server scopes
// the list) and viewers. A month view coloured by RAG on wide screens (click a day for its whole list, a task to
// open it); on a phone, the days that have tasks as a list. Month and filters live in the URL.
import { useState } from 'react';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Badge, Button, Calendar, Card, DatePicker, Drawer, Empty, Grid, Space, Spin, Tag, Typography, Alert } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import type { paths } from '../../api/schema';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useListParams } from '../../app/useListParams';
import { PageHeader } from '../../components/PageHeader';
import { UnitSelect } from '../../components/UnitSelect';
import { RAG_COLORS, useTaskLabels } from '../tasks/shared';

type Month = paths['/api/v1/tasks/calendar']['get']['responses'][200]['content']['application/json'];
type Day = Month['days'][number];
type CalTask = Day['tasks'][number];
type CalMilestone = Day['milestones'][number];
const RAGS = ['red', 'yellow', 'green'] as const;
const IN_CELL = 3;

/** 休 on a weekday off, 班 on a working weekend (调休); nothing on an ordinary day. */
function dayMark(d: Day): 'rest' | 'work' | null {
  const dow = dayjs(d.date).day();
  const weekend = dow === 0 || dow === 6;
  if (weekend && d.workday) return 'work';
  if (!weekend && !d.workday) return 'rest';
  return null;
}

function TaskLine({ task, compact }: { task: CalTask; compact?: boolean }) {
  const L = useTaskLabels();
  return (
    <Link to={`/tasks/${task.id}`} onClick={(e) => e.stopPropagation()} title={`${task.title} · ${task.leadUnit.name} · ${L.rag(task.rag)}`}
      data-testid="calendar-task" style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0, lineHeight: '20px' }}>
      <span style={{ flex: 'none', width: 8, height: 8, borderRadius: 4, background: RAG_COLORS[task.rag] }} aria-label={L.rag(task.rag)} />
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: compact ? 'nowrap' : 'normal', fontSize: compact ? 12 : 14, color: '#1f2430' }}>{task.title}</span>
    </Link>
  );
}

/** A milestone (节点) due that day: a diamond in its task's colour (hollow once done), the milestone and its task. */
function MilestoneLine({ m, compact }: { m: CalMilestone; compact?: boolean }) {
  const { t } = useI18n();
  const L = useTaskLabels();
  const label = `${m.title} · ${m.task.title}`;
  return (
    <Link to={`/tasks/${m.task.id}`} onClick={(e) => e.stopPropagation()} data-testid="calendar-milestone"
      title={`${t('calendar.milestone')}：${label} · ${m.task.leadUnit.name} · ${L.rag(m.task.rag)}${m.done ? ` · ${t('calendar.milestoneDone')}` : ''}`}
      style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0, lineHeight: '20px' }}>
      <span style={{ flex: 'none', width: 8, height: 8, transform: 'rotate(45deg)', border: `2px solid ${RAG_COLORS[m.task.rag]}`, background: m.done ? 'transparent' : RAG_COLORS[m.task.rag] }} />
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: compact ? 'nowrap' : 'normal', fontSize: compact ? 12 : 14, color: '#434a56', textDecoration: m.done ? 'line-through' : undefined }}>{label}</span>
    </Link>
  );
}

function DayList({ day }: { day: Day }) {
  const { t } = useI18n();
  return (
    <div style={{ display: 'grid', gap: 8 }}>
      {day.tasks.map((task) => (
        <div key={task.id} style={{ display: 'grid', gap: 2 }}>
          <TaskLine task={task} />
          <Typography.Text type="secondary" style={{ fontSize: 12, paddingLeft: 14 }}>{task.serial} · {task.leadUnit.name} · {t('tasks.progress')} {task.progress}%</Typography.Text>
        </div>
      ))}
      {day.milestones.map((m) => (
        <div key={m.id} style={{ display: 'grid', gap: 2 }}>
          <MilestoneLine m={m} />
          <Typography.Text type="secondary" style={{ fontSize: 12, paddingLeft: 14 }}>{t('calendar.milestone')} · {m.task.serial} · {m.task.leadUnit.name}{m.done ? ` · ${t('calendar.milestoneDone')}` : ''}</Typography.Text>
        </div>
      ))}
    </div>
  );
}

export default function DeadlineCalendarPage() {
  const { t } = useI18n();
  const me = useMe();
  const mobile = Grid.useBreakpoint().md === false;
  const { values: v, set } = useListParams(['month', 'rag', 'unitId'] as const);
  const month = v.month && /^\d{4}-\d{2}$/.test(v.month) ? v.month : dayjs().format('YYYY-MM');
  const rag = RAGS.find((r) => r === v.rag);
  const [open, setOpen] = useState<string | null>(null);
  const query = { month, ...(rag ? { rag } : {}), ...(v.unitId ? { unitId: v.unitId } : {}) };
  const data = useQuery({
    queryKey: ['tasks', 'calendar', query],
    queryFn: () => ok(api.GET('/api/v1/tasks/calendar', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const byDate = new Map((data.data?.days ?? []).map((d) => [d.date, d]));
  const totals = { red: 0, yellow: 0, green: 0 };
  for (const d of data.data?.days ?? []) for (const r of RAGS) totals[r] += d.counts[r];
  const milestoneCount = (data.data?.days ?? []).reduce((n, d) => n + d.milestones.length, 0);
  const busy = (d: Day) => d.tasks.length + d.milestones.length > 0;
  const first = dayjs(`${month}-01`);
  const go = (m: Dayjs) => set({ month: m.format('YYYY-MM') });
  const openDay = open ? byDate.get(open) : undefined;
  const leaderOnly = me.roles.includes('leader') && !me.roles.includes('supervisor') && !me.roles.includes('viewer');

  const cell = (date: Dayjs) => {
    const d = byDate.get(date.format('YYYY-MM-DD'));
    if (!d || date.format('YYYY-MM') !== month) return null;
    const mark = dayMark(d);
    return (
      <div style={{ display: 'grid', gap: 2 }} data-testid={busy(d) ? 'calendar-day' : undefined}>
        {mark && <Tag color={mark === 'rest' ? 'red' : 'default'} style={{ justifySelf: 'start', margin: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>{t(mark === 'rest' ? 'calendar.rest' : 'calendar.work')}</Tag>}
        {d.tasks.slice(0, IN_CELL).map((task) => <TaskLine key={task.id} task={task} compact />)}
        {d.milestones.slice(0, Math.max(0, IN_CELL - d.tasks.length)).map((m) => <MilestoneLine key={m.id} m={m} compact />)}
        {d.tasks.length + d.milestones.length > IN_CELL && (
          <Typography.Link style={{ fontSize: 12 }} onClick={(e) => { e.stopPropagation(); setOpen(d.date); }}>{t('calendar.more', { n: d.tasks.length + d.milestones.length - IN_CELL })}</Typography.Link>
        )}
      </div>
    );
  };

  const monthBar = (
    <Space wrap>
      <Button icon={<LeftOutlined />} aria-label={t('calendar.prev')} onClick={() => go(first.subtract(1, 'month'))} />
      <DatePicker picker="month" allowClear={false} value={first} onChange={(m) => m && go(m)} aria-label={t('calendar.month')} style={{ width: 130 }} data-testid="calendar-month" />
      <Button icon={<RightOutlined />} aria-label={t('calendar.next')} onClick={() => go(first.add(1, 'month'))} />
      <Button onClick={() => set({ month: null })} disabled={month === dayjs().format('YYYY-MM')}>{t('calendar.today')}</Button>
    </Space>
  );

  return (
    <div data-testid="deadline-calendar">
      <PageHeader title={t('calendar.title')} intro={leaderOnly ? t('calendar.portfolioIntro') : t('calendar.intro')} />
      <Card styles={{ body: { padding: mobile ? 12 : 20 } }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between', marginBottom: 12 }}>
          {monthBar}
          <Space wrap>
            {RAGS.map((c) => (
              <Tag.CheckableTag key={c} checked={rag === c} onChange={(on) => set({ rag: on ? c : null })} data-testid={`calendar-rag-${c}`}
                style={{ border: `1px solid ${RAG_COLORS[c]}`, ...(rag === c ? { background: RAG_COLORS[c] } : { color: RAG_COLORS[c] }) }}>
                {t(`tasks.count.${c}`, { n: data.data ? totals[c] : '–' })}
              </Tag.CheckableTag>
            ))}
            <UnitSelect value={v.unitId} onChange={(unitId) => set({ unitId })} placeholder={t('filter.all', { label: t('tasks.leadUnit') })} style={{ width: mobile ? 200 : 220 }} />
          </Space>
        </div>
        <Typography.Text type="secondary" data-testid="calendar-total">{t('calendar.monthTotal', { n: data.data?.total ?? '–' })}{milestoneCount ? ` · ${t('calendar.monthMilestones', { n: milestoneCount })}` : ''}</Typography.Text>
        {data.data?.truncated && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('calendar.truncated', { n: data.data.total })} />}
        <Spin spinning={data.isFetching}>
          {mobile ? (
            <div style={{ display: 'grid', gap: 10, marginTop: 12 }} data-testid="calendar-list">
              {data.data && !data.data.total && !milestoneCount && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.monthEmpty')} />}
              {data.data?.days.filter(busy).map((d) => (
                <Card key={d.date} size="small" data-testid="calendar-day" title={
                  <Space size={6}>
                    <span>{dayjs(d.date).format(t('calendar.dayFormat'))}</span>
                    {RAGS.filter((r) => d.counts[r]).map((r) => <Badge key={r} color={RAG_COLORS[r]} text={d.counts[r]} />)}
                  </Space>
                }>
                  <DayList day={d} />
                </Card>
              ))}
            </div>
          ) : (
            <Calendar value={month === dayjs().format('YYYY-MM') ? dayjs() : first} headerRender={() => null} cellRender={(date, info) => (info.type === 'date' ? cell(date) : info.originNode)}
              onSelect={(date, { source }) => {
                if (source !== 'date') return;
                if (date.format('YYYY-MM') !== month) { go(date); return; }
                const d = byDate.get(date.format('YYYY-MM-DD'));
                if (d && busy(d)) setOpen(d.date);
              }} />
          )}
        </Spin>
      </Card>
      <Drawer open={!!openDay} onClose={() => setOpen(null)} title={openDay ? t('calendar.dayTitle', { date: dayjs(openDay.date).format(t('date.day')) }) : ''} size={mobile ? 'default' : 'large'} data-testid="calendar-drawer">
        {openDay && (busy(openDay) ? <DayList day={openDay} /> : <Empty description={t('calendar.dayEmpty')} />)}
      </Drawer>
    </div>
  );
}
