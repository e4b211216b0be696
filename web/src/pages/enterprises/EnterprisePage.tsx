// One enterprise: its facts, land parcels, tenancies (renting plant on another's parcel, or hosting tenants) and the
// yearly figures by source. The 亩均 office edits; everyone who may read the enterprise sees the same page.
import { useState } from 'react';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Form, Input, InputNumber, DatePicker, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ENTERPRISE_FIELDS, DATA_SOURCE_INFO, type EnterpriseField } from '../../../../common/enterprise-fields';
import { api, ok } from '../../api/client';
import { reportFormError, showSuccess } from '../../app/feedback';
import { useFormat } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { EnterpriseFormModal } from './EnterpriseFormModal';
import { fieldLabel, fieldUnit, type EnterpriseDetail } from './shared';

type Tenancy = EnterpriseDetail['rents'][number];

export default function EnterprisePage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const f = useFormat();
  const qc = useQueryClient();
  const key = ['enterprises', 'detail', id];
  const detail = useQuery({ queryKey: key, queryFn: () => ok(api.GET('/api/v1/enterprises/{id}', { params: { path: { id } } })) });
  const options = useQuery({ queryKey: ['enterprises', 'options'], queryFn: () => ok(api.GET('/api/v1/enterprises/options')) });
  const [editing, setEditing] = useState(false);
  const [addingParcel, setAddingParcel] = useState(false);
  const [addingTenancy, setAddingTenancy] = useState(false);
  const put = (d: EnterpriseDetail) => { qc.setQueryData(key, d); void qc.invalidateQueries({ queryKey: ['enterprises', 'list'] }); };
  const removeParcel = useMutation({
    mutationFn: (pid: string) => ok(api.DELETE('/api/v1/enterprises/{id}/parcels/{subId}', { params: { path: { id, subId: pid } } })),
    onSuccess: (d) => { put(d); showSuccess(t('deleted')); },
  });
  const removeTenancy = useMutation({
    mutationFn: (tid: string) => ok(api.DELETE('/api/v1/enterprises/{id}/tenancies/{subId}', { params: { path: { id, subId: tid } } })),
    onSuccess: (d) => { put(d); showSuccess(t('deleted')); },
  });
  if (!detail.data) return <PageLoading />;
  const { enterprise: e, parcels, rents, tenants, figures, canManage } = detail.data;
  const years = [...new Set(figures.map((x) => x.year))].sort((a, b) => b - a);
  const byKey = new Map(figures.map((x) => [`${x.year}|${x.field}`, x]));

  const tenancyCols = (other: 'landlord' | 'tenant') => [
    { title: t(other === 'landlord' ? 'ent.landlord' : 'ent.tenant'), key: 'who', render: (_: unknown, x: Tenancy) => (
      <Link to={`/mu/enterprises/${other === 'landlord' ? x.landlordId : x.tenantId}`}>{other === 'landlord' ? x.landlordName : x.tenantName}</Link>) },
    { title: t('ent.areaMu'), dataIndex: 'areaMu', key: 'area', align: 'right' as const, render: (v: number) => <span className="num">{f.number(v)}</span> },
    { title: t('ent.period'), key: 'period', render: (_: unknown, x: Tenancy) => `${x.fromDate ?? '…'} — ${x.toDate ?? t('ent.ongoing')}` },
    ...(canManage ? [{ title: t('table.actions'), key: 'actions', render: (_: unknown, x: Tenancy) => (
      <Popconfirm title={t('ent.removeConfirm')} onConfirm={() => removeTenancy.mutate(x.id)}><Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('action.delete')} /></Popconfirm>) }] : []),
  ];

  return (
    <>
      <PageHeader title={<Space wrap>{e.name}<Tag color={e.aboveScale ? 'blue' : 'default'}>{t(e.aboveScale ? 'ent.above' : 'ent.below')}</Tag>{e.closedOn && <Tag color="red">{t('ent.closed')}</Tag>}</Space>}
        intro={<span className="num">{e.creditCode}</span>}
        extra={<>
          <Link to="/mu/enterprises"><Button>{t('ent.backToList')}</Button></Link>
          {canManage && <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="ent-edit">{t('action.edit')}</Button>}
        </>} />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('ent.facts')}>
          <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" items={[
            { key: 'code', label: t('ent.creditCode'), children: <span className="num">{e.creditCode}</span> },
            { key: 'industry', label: t('ent.industry'), children: e.industryCode ?? t('none') },
            { key: 'township', label: t('ent.township'), children: e.townshipName ?? t('none') },
            { key: 'park', label: t('ent.park'), children: e.park ?? t('none') },
            { key: 'land', label: t('ent.landMu'), children: e.landAreaMu == null ? t('ent.noLand') : f.number(e.landAreaMu) },
            { key: 'since', label: t('ent.producingSinceLabel'), children: e.producingSince ?? t('none') },
            { key: 'closed', label: t('ent.closedOnLabel'), children: e.closedOn ?? t('none') },
            ...(e.codeOverrideReason ? [{ key: 'override', label: t('ent.overrideReason'), children: <Typography.Text type="warning">{e.codeOverrideReason}</Typography.Text> }] : []),
          ]} />
        </Card>
        <Card title={t('ent.figures')} data-testid="ent-figures">
          {years.length === 0 ? <Typography.Text type="secondary">{t('ent.noFigures')}</Typography.Text> : (
            <Table size="small" pagination={false} rowKey="field" scroll={{ x: 'max-content' }}
              dataSource={ENTERPRISE_FIELDS.map((field) => ({ field }))}
              columns={[
                { title: t('ent.figure'), dataIndex: 'field', key: 'field', render: (k: EnterpriseField) => <span>{fieldLabel(k, locale)} <Typography.Text type="secondary">（{fieldUnit(k)}）</Typography.Text></span> },
                ...years.map((y) => ({
                  title: String(y), key: String(y), align: 'right' as const, render: (_: unknown, r: { field: EnterpriseField }) => {
                    const v = byKey.get(`${y}|${r.field}`);
                    if (!v) return <Typography.Text type="secondary">{t('ent.missing')}</Typography.Text>;
                    return <Tooltip title={t('ent.fromSource', { source: locale === 'en-US' ? DATA_SOURCE_INFO[v.source].en : DATA_SOURCE_INFO[v.source].zh, at: f.dateTime(v.updatedAt) })}>
                      <span className="num">{f.number(v.value)}</span></Tooltip>;
                  },
                })),
              ]} />
          )}
        </Card>
        <Card title={t('ent.parcels')} extra={canManage && <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingParcel(true)}>{t('ent.addParcel')}</Button>}>
          <Table size="small" rowKey="id" dataSource={parcels} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('ent.noParcels') }}
            columns={[
              { title: t('ent.certificateNo'), dataIndex: 'certificateNo', key: 'cert', render: (v: string | null) => v ?? t('none') },
              { title: t('ent.location'), dataIndex: 'location', key: 'loc', render: (v: string | null) => v ?? t('none') },
              { title: t('ent.areaMu'), dataIndex: 'areaMu', key: 'area', align: 'right', render: (v: number) => <span className="num">{f.number(v)}</span> },
              { title: t('ent.landUse'), dataIndex: 'landUse', key: 'use', render: (v: string | null) => v ?? t('none') },
              { title: t('ent.acquiredOn'), dataIndex: 'acquiredOn', key: 'acq', render: (v: string | null) => v ?? t('none') },
              ...(canManage ? [{ title: t('table.actions'), key: 'actions', render: (_: unknown, p: { id: string }) => (
                <Popconfirm title={t('ent.removeConfirm')} onConfirm={() => removeParcel.mutate(p.id)}><Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('action.delete')} /></Popconfirm>) }] : []),
            ]} />
        </Card>
        <Card title={t('ent.tenancies')} extra={canManage && <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingTenancy(true)}>{t('ent.addTenancy')}</Button>}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>{t('ent.rents')}</Typography.Title>
          <Table size="small" rowKey="id" dataSource={rents} pagination={false} scroll={{ x: 'max-content' }} columns={tenancyCols('landlord')} locale={{ emptyText: t('ent.noRents') }} />
          <Typography.Title level={5}>{t('ent.hosts')}</Typography.Title>
          <Table size="small" rowKey="id" dataSource={tenants} pagination={false} scroll={{ x: 'max-content' }} columns={tenancyCols('tenant')} locale={{ emptyText: t('ent.noTenants') }} />
        </Card>
      </Space>
      {editing && options.data && (
        <EnterpriseFormModal enterprise={e} options={options.data} onClose={() => setEditing(false)}
          onSaved={() => { setEditing(false); void qc.invalidateQueries({ queryKey: ['enterprises'] }); showSuccess(t('saved')); }} />
      )}
      {addingParcel && <ParcelModal id={id} onClose={() => setAddingParcel(false)} onSaved={(d) => { put(d); setAddingParcel(false); showSuccess(t('saved')); }} />}
      {addingTenancy && <TenancyModal id={id} onClose={() => setAddingTenancy(false)} onSaved={(d) => { put(d); setAddingTenancy(false); showSuccess(t('saved')); }} />}
    </>
  );
}

function ParcelModal({ id, onClose, onSaved }: { id: string; onClose: () => void; onSaved: (d: EnterpriseDetail) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ certificateNo?: string; location?: string; areaMu: number; landUse?: string; acquiredOn?: Dayjs | null }>();
  const save = useMutation({
    meta: { quiet: true },
    mutationFn: (v: { certificateNo?: string; location?: string; areaMu: number; landUse?: string; acquiredOn?: Dayjs | null }) => ok(api.POST('/api/v1/enterprises/{id}/parcels', {
      params: { path: { id } }, body: { certificateNo: v.certificateNo?.trim() || null, location: v.location?.trim() || null, areaMu: v.areaMu, landUse: v.landUse?.trim() || null, acquiredOn: v.acquiredOn ? v.acquiredOn.format('YYYY-MM-DD') : null },
    })),
    onSuccess: onSaved, onError: (e) => reportFormError(form, e),
  });
  return (
    <Modal open title={t('ent.addParcel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('action.save')} cancelText={t('action.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ landUse: '工业用地' }}>
        <Form.Item name="certificateNo" label={t('ent.certificateNo')}><Input maxLength={60} /></Form.Item>
        <Form.Item name="location" label={t('ent.location')}><Input maxLength={120} /></Form.Item>
        <Form.Item name="areaMu" label={t('ent.areaMu')} extra={t('ent.parcelHint')} rules={[{ required: true, message: t('ent.areaRequired') }]}><InputNumber min={0.01} max={1000000} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="landUse" label={t('ent.landUse')}><Input maxLength={30} /></Form.Item>
        <Form.Item name="acquiredOn" label={t('ent.acquiredOn')}><DatePicker style={{ width: '100%' }} /></Form.Item>
      </Form>
    </Modal>
  );
}

function TenancyModal({ id, onClose, onSaved }: { id: string; onClose: () => void; onSaved: (d: EnterpriseDetail) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ landlordId: string; parcelId?: string | null; areaMu: number; fromDate?: Dayjs | null; toDate?: Dayjs | null }>();
  const [q, setQ] = useState('');
  const landlords = useQuery({ queryKey: ['enterprises', 'pick', q], queryFn: () => ok(api.GET('/api/v1/enterprises', { params: { query: { q: q || undefined, pageSize: 20 } } })) });
  const landlordId = Form.useWatch('landlordId', form);
  const landlord = useQuery({ enabled: !!landlordId, queryKey: ['enterprises', 'detail', landlordId], queryFn: () => ok(api.GET('/api/v1/enterprises/{id}', { params: { path: { id: landlordId! } } })) });
  const save = useMutation({
    meta: { quiet: true },
    mutationFn: (v: { landlordId: string; parcelId?: string | null; areaMu: number; fromDate?: Dayjs | null; toDate?: Dayjs | null }) => ok(api.POST('/api/v1/enterprises/{id}/tenancies', {
      params: { path: { id } }, body: { landlordId: v.landlordId, parcelId: v.parcelId || null, areaMu: v.areaMu, fromDate: v.fromDate ? v.fromDate.format('YYYY-MM-DD') : null, toDate: v.toDate ? v.toDate.format('YYYY-MM-DD') : null },
    })),
    onSuccess: onSaved, onError: (e) => reportFormError(form, e),
  });
  return (
    <Modal open title={t('ent.addTenancy')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('action.save')} cancelText={t('action.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="landlordId" label={t('ent.landlord')} extra={t('ent.landlordHint')} rules={[{ required: true, message: t('ent.landlordRequired') }]}>
          <Select showSearch={{ filterOption: false, onSearch: setQ }} options={(landlords.data?.items ?? []).filter((x) => x.id !== id).map((x) => ({ value: x.id, label: `${x.name}（${x.creditCode}）` }))} />
        </Form.Item>
        <Form.Item name="parcelId" label={t('ent.parcel')}>
          <Select allowClear disabled={!landlordId} options={(landlord.data?.parcels ?? []).map((p) => ({ value: p.id, label: `${p.certificateNo ?? p.location ?? p.id}（${p.areaMu} 亩）` }))} />
        </Form.Item>
        <Form.Item name="areaMu" label={t('ent.rentedMu')} rules={[{ required: true, message: t('ent.areaRequired') }]}><InputNumber min={0.01} max={1000000} style={{ width: '100%' }} /></Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item name="fromDate" label={t('ent.from')}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="toDate" label={t('ent.to')}><DatePicker style={{ width: '100%' }} /></Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
