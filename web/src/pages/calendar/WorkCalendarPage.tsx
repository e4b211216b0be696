// 工作日历 (系统管理): a year's 法定节假日 and 调休上班日 on twelve small month calendars and as a list; the
// administrators who write settings enter, correct and remove days (the calendar routes decide), and confirm a
// year entered by hand. The warning when next year's schedule is missing comes from the server.
import { useState } from 'react';
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Calendar, Card, Col, DatePicker, Form, Input, Modal, Popconfirm, Radio, Row, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { paths } from '../../api/schema';
import { useAccess } from '../../access';
import { reportFormError, showError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useListParams } from '../../app/useListParams';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';

type Year = paths['/api/v1/calendar']['get']['responses'][200]['content']['application/json'];
type Day = Year['days'][number];
const isWeekend = (date: string) => [0, 6].includes(dayjs(date).day());

const REST = { background: '#fff1f0', color: '#cf1322' };
const WORK = { background: '#f0f5ff', color: '#1d39c4' };

function MonthCard({ year, month, byDate, onPick }: { year: number; month: number; byDate: Map<string, Day>; onPick?: (date: string) => void }) {
  const { t } = useI18n();
  const value = dayjs(new Date(year, month, 1));
  return (
    <Card size="small" title={value.format(t('workcal.monthFormat'))} styles={{ body: { padding: 4 } }} data-testid="workcal-month">
      <Calendar fullscreen={false} value={value} headerRender={() => null}
        onSelect={(d, { source }) => { if (source === 'date' && d.month() === month && onPick) onPick(d.format('YYYY-MM-DD')); }}
        fullCellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode;
          const key = d.format('YYYY-MM-DD');
          const entry = d.month() === month ? byDate.get(key) : undefined;
          const style = entry ? (entry.workday ? WORK : REST) : {};
          return (
            <div title={entry ? `${entry.name ?? ''} ${entry.workday ? t('workcal.workday') : t('workcal.holiday')}`.trim() : undefined}
              data-testid={entry ? `workcal-day-${key}` : undefined}
              style={{
                position: 'relative', margin: '0 auto', width: 30, height: 26, lineHeight: '26px', borderRadius: 4, textAlign: 'center',
                ...style, ...(entry?.source === 'admin' ? { outline: '1px dashed currentColor' } : {}),
              }}>
              {d.date()}
              {entry && <span style={{ position: 'absolute', top: -6, right: -6, fontSize: 9, lineHeight: '12px' }}>{entry.workday ? t('workcal.workdayTag') : t('workcal.holidayTag')}</span>}
            </div>
          );
        }} />
    </Card>
  );
}

export default function WorkCalendarPage() {
  const { t } = useI18n();
  const access = useAccess();
  const qc = useQueryClient();
  const { values, set } = useListParams(['year'] as const);
  const thisYear = dayjs().year();
  const year = Number(values.year) >= 2000 && Number(values.year) <= 2100 ? Number(values.year) : thisYear;
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const data = useQuery({
    queryKey: ['calendar', year],
    queryFn: () => ok(api.GET('/api/v1/calendar', { params: { query: { year } } })),
    placeholderData: keepPreviousData,
  });
  const days = data.data?.year === year ? data.data.days : [];
  const byDate = new Map(days.map((d) => [d.date, d]));
  const write = access.workCalendarWrite;
  const refresh = () => qc.invalidateQueries({ queryKey: ['calendar'] });

  const remove = async (date: string) => {
    try {
      await ok(api.DELETE('/api/v1/calendar/days/{date}', { params: { path: { date } } }));
      showSuccess(t('workcal.removed', { date }));
      await refresh();
    } catch (e) { showError(e); }
  };
  const confirmYear = async () => {
    setConfirming(true);
    try {
      await ok(api.POST('/api/v1/calendar/years/{year}/confirm', { params: { path: { year } } }));
      showSuccess(t('workcal.confirmDone', { year }));
      await refresh();
    } catch (e) { showError(e); } finally { setConfirming(false); }
  };

  const columns: TableColumnsType<Day> = [
    { title: t('workcal.date'), dataIndex: 'date', render: (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{dayjs(d).format(t('workcal.dateFormat'))}</span> },
    { title: t('workcal.kind'), dataIndex: 'workday', render: (w: boolean) => <Tag color={w ? 'blue' : 'red'}>{w ? t('workcal.workday') : t('workcal.holiday')}</Tag> },
    { title: t('workcal.name'), dataIndex: 'name', render: (n: string | null) => n ?? t('none') },
    { title: t('workcal.source'), dataIndex: 'source', render: (s: string) => (s === 'admin' ? <Tag color="purple">{t('workcal.sourceAdmin')}</Tag> : t('workcal.sourceOfficial')) },
    ...(write ? [{
      title: t('table.actions'), key: 'actions',
      render: (_: unknown, r: Day) => (
        <Space size={4}>
          <Button size="small" type="link" onClick={() => setEditing(r.date)}>{t('workcal.edit')}</Button>
          {r.source === 'admin' && (
            <Popconfirm title={t('workcal.removeConfirm', { date: r.date })} onConfirm={() => remove(r.date)}>
              <Button size="small" type="link" danger data-testid="workcal-remove">{t('workcal.remove')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    }] : []),
  ];

  const warning = data.data?.warning;
  return (
    <div data-testid="work-calendar">
      <PageHeader title={t('workcal.title')} intro={t('workcal.intro')} extra={<>
        <Space>
          <Button icon={<LeftOutlined />} aria-label={String(year - 1)} onClick={() => set({ year: year - 1 })} />
          <DatePicker picker="year" allowClear={false} value={dayjs(new Date(year, 0, 1))} onChange={(y) => y && set({ year: y.year() })} style={{ width: 100 }} aria-label={t('workcal.year')} />
          <Button icon={<RightOutlined />} aria-label={String(year + 1)} onClick={() => set({ year: year + 1 })} />
        </Space>
        {write && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('')} data-testid="workcal-add">{t('workcal.add')}</Button>}
      </>} />
      {warning && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="workcal-warning" title={t('workcal.nextYearMissing', { year: warning.year })}
          action={warning.year !== year ? <Button size="small" onClick={() => set({ year: warning.year })}>{t('workcal.openYear', { year: warning.year })}</Button> : undefined} />
      )}
      <Space wrap style={{ marginBottom: 12 }} data-testid="workcal-status">
        {data.data && (data.data.official ? <Tag color="green">{t('workcal.official')}</Tag> : <>
          <Tag color="orange">{t('workcal.manual')}</Tag>
          <Tag color={data.data.confirmed ? 'green' : 'default'}>{data.data.confirmed ? t('workcal.confirmed') : t('workcal.notConfirmed')}</Tag>
          {write && !data.data.confirmed && <Button size="small" loading={confirming} onClick={() => void confirmYear()}>{t('workcal.confirm', { year })}</Button>}
        </>)}
        <Typography.Text type="secondary">{write ? t('workcal.clickHint') : t('workcal.readOnly')}</Typography.Text>
      </Space>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {Array.from({ length: 12 }, (_, m) => (
          <Col key={m} xs={24} sm={12} lg={8} xxl={6}>
            <MonthCard year={year} month={m} byDate={byDate} onPick={write ? setEditing : undefined} />
          </Col>
        ))}
      </Row>
      <Card title={t('workcal.days')}>
        <DataTable<Day> rows={days} columns={columns} rowKey="date" loading={data.isFetching} empty={t('workcal.empty')} testId="workcal-table" />
      </Card>
      {editing !== null && (
        <DayModal date={editing} year={year} current={editing ? byDate.get(editing) : undefined} onClose={() => setEditing(null)}
          onSaved={(date) => { setEditing(null); showSuccess(t('workcal.saved', { date })); void refresh(); }} />
      )}
    </div>
  );
}

interface DayValues { date: Dayjs; workday: boolean; name?: string }

function DayModal({ date, year, current, onClose, onSaved }: { date: string; year: number; current?: Day; onClose: () => void; onSaved: (date: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<DayValues>();
  const [saving, setSaving] = useState(false);
  // A new entry proposes the opposite of the ordinary week: a weekday off, or a working weekend (调休).
  const initial: Partial<DayValues> = date
    ? { date: dayjs(date), workday: current ? current.workday : isWeekend(date), name: current?.name ?? '' }
    : { workday: false, name: '' };
  const submit = async () => {
    const v = await form.validateFields();
    const d = v.date.format('YYYY-MM-DD');
    setSaving(true);
    try {
      await ok(api.PUT('/api/v1/calendar/days/{date}', { params: { path: { date: d } }, body: { workday: v.workday, name: v.name?.trim() || null } }));
      onSaved(d);
    } catch (e) { reportFormError(form, e); } finally { setSaving(false); }
  };
  return (
    <Modal open title={t('workcal.dayTitle')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} destroyOnHidden
      okButtonProps={{ 'data-testid': 'workcal-save' }}>
      <Form<DayValues> form={form} layout="vertical" initialValues={initial} data-testid="workcal-form">
        <Form.Item name="date" label={t('workcal.date')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} defaultPickerValue={dayjs(new Date(year, 0, 1))} />
        </Form.Item>
        <Form.Item name="workday" label={t('workcal.kind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={[{ value: false, label: t('workcal.holiday') }, { value: true, label: t('workcal.workday') }]} />
        </Form.Item>
        <Form.Item name="name" label={t('workcal.name')}>
          <Input maxLength={20} placeholder={t('workcal.namePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
