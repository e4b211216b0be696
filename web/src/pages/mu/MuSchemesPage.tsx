// 评价方案: one scheme per year (latest version shown). The 亩均 office creates a year's scheme (copied from last
// year's, or the 黄岩 2022 model) and opens it in the editor; everyone who reads enterprises reads them.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Modal } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { reportFormError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { SchemeStatusTag } from './MuShared';
import { localDateTime } from '../../lib/date-time';

type Row = { id: string; year: number; name: string; version: number; status: 'draft' | 'active' | 'retired'; updatedAt: string; groupCount: number };

export default function MuSchemesPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const list = useQuery({ queryKey: ['mu', 'schemes'], queryFn: () => ok(api.GET('/api/v1/mu/schemes')) });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ year: number; name: string }>();
  const create = useMutation({
    meta: { quiet: true },
    mutationFn: (v: { year: number; name: string }) => ok(api.POST('/api/v1/mu/schemes', { body: v })),
    onSuccess: (s) => { showSuccess(t('mu.scheme.created', { year: s.year })); navigate(`/mu/schemes/${s.id}`); },
    onError: (e) => reportFormError(form, e),
  });
  const canManage = !!list.data?.canManage;
  const nextYear = Math.max(new Date().getFullYear() - 1, ...(list.data?.items ?? []).map((s) => s.year + 1));

  const columns: TableColumnsType<Row> = [
    { key: 'year', dataIndex: 'year', title: t('mu.year'), width: 90 },
    { key: 'name', title: t('mu.scheme.name'), render: (_, s) => <Link to={`/mu/schemes/${s.id}`} style={{ fontWeight: 600 }}>{s.name}</Link> },
    { key: 'version', title: t('mu.scheme.version'), width: 90, render: (_, s) => `v${s.version}` },
    { key: 'status', title: t('mu.scheme.status'), width: 100, render: (_, s) => <SchemeStatusTag status={s.status} /> },
    { key: 'groups', dataIndex: 'groupCount', title: t('mu.scheme.groupCount'), width: 90, align: 'right' },
    { key: 'updatedAt', title: t('mu.updatedAt'), width: 170, render: (_, s) => localDateTime(s.updatedAt) },
  ];

  return (
    <>
      <PageHeader title={t('mu.schemes.title')} intro={t('mu.schemes.intro')} extra={canManage && (
        <Button type="primary" icon={<PlusOutlined />} data-testid="scheme-create" onClick={() => { form.setFieldsValue({ year: nextYear, name: t('mu.scheme.defaultName', { year: nextYear }) }); setCreating(true); }}>
          {t('mu.scheme.create')}
        </Button>
      )} />
      <Card>
        <DataTable<Row> rows={list.data?.items} columns={columns} rowKey="id" loading={list.isFetching} testId="schemes-table"
          empty={canManage ? t('mu.schemes.empty') : t('mu.schemes.emptyReadOnly')} />
      </Card>
      <Modal open={creating} title={t('mu.scheme.create')} onCancel={() => setCreating(false)} onOk={() => form.submit()} okText={t('action.create')} cancelText={t('action.cancel')}
        confirmLoading={create.isPending} destroyOnHidden>
        <p style={{ color: 'rgba(0,0,0,.55)' }}>{t('mu.scheme.createHint')}</p>
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="year" label={t('mu.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} style={{ width: 160 }} /></Form.Item>
          <Form.Item name="name" label={t('mu.scheme.name')} rules={[{ required: true, min: 2 }]}><Input maxLength={60} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
