// 加减分事项: the year's bonus/deduction inputs (the scheme's items with source 'input'), filtered by item and searched
// by enterprise; the office downloads the template (today's inputs, so it doubles as the export), imports it back
// (preview of every change; a blank cell of an enterprise in the sheet removes) and edits one enterprise in a drawer.
import { useMemo, useState } from 'react';
import { EditOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Drawer, Grid, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../api/schema';
import { api, ok } from '../../api/client';
import { download } from '../../api/download';
import { showError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useDebounced } from '../../app/useDebounced';
import { useListParams } from '../../app/useListParams';
import { DataTable } from '../../components/DataTable';
import { FilterBar } from '../../components/FilterBar';
import { ImportDialog } from '../../components/ImportDialog';
import { PageHeader } from '../../components/PageHeader';
import { AdjustmentEditor } from './MuResultDrawer';
import { localDateTime } from '../../lib/date-time';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;
type AdjList = Json<paths['/api/v1/mu/adjustments']['get']['responses'][200]>;
type Row = AdjList['items'][number] & { key: string };
type InputItem = AdjList['inputItems'][number];
type ImportResult = Json<paths['/api/v1/mu/adjustments/import']['post']['responses'][200]>;

export default function MuAdjustmentsPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { values, page, pageSize, set, clear, filtered } = useListParams(['year', 'item', 'q'] as const);
  const schemes = useQuery({ queryKey: ['mu', 'schemes'], queryFn: () => ok(api.GET('/api/v1/mu/schemes')) });
  const years = [...new Set((schemes.data?.items ?? []).map((s) => s.year))].sort((a, b) => b - a);
  const year = values.year ? Number(values.year) : years[0];
  const canManage = !!schemes.data?.canManage;
  const list = useQuery({
    queryKey: ['mu', 'adjustments', year], enabled: canManage && !!year,
    queryFn: () => ok(api.GET('/api/v1/mu/adjustments', { params: { query: { year: year! } } })),
  });
  const [importing, setImporting] = useState(false);
  const [editing, setEditing] = useState<{ id: string; name: string } | 'pick' | null>(null);
  const [busy, setBusy] = useState(false);

  const items = list.data?.inputItems ?? [];
  const rows = useMemo(() => {
    const q = (values.q ?? '').trim().toLowerCase();
    return (list.data?.items ?? []).filter((r) => (!values.item || r.itemKey === values.item) && (!q || r.name.toLowerCase().includes(q) || r.creditCode.toLowerCase().includes(q)))
      .map((r): Row => ({ ...r, key: `${r.enterpriseId}|${r.itemKey}` }));
  }, [list.data, values.item, values.q]);
  const shown = rows.slice((page - 1) * pageSize, page * pageSize);
  const rule = (it: InputItem | undefined) => (!it ? '' : it.forceClass ? t('mu.editor.forceTo', { cls: it.forceClass }) : t('muAdj.perUnit', { points: `${it.points > 0 ? '+' : ''}${it.points}` }));
  const refresh = () => qc.invalidateQueries({ queryKey: ['mu', 'adjustments'] });
  const template = `/api/v1/mu/adjustments/template?year=${year ?? ''}`;
  const templateName = `${year}年度亩均评价加减分事项.xlsx`;

  const columns: TableColumnsType<Row> = [
    {
      key: 'name', title: t('muAdj.enterprise'), render: (_, r) => (
        <div style={{ minWidth: 200 }}>
          <Typography.Text strong>{r.name}</Typography.Text>
          <div><Typography.Text type="secondary" className="num" style={{ fontSize: 12 }}>{r.creditCode}</Typography.Text></div>
        </div>
      ),
    },
    { key: 'item', title: t('muAdj.item'), render: (_, r) => r.itemName },
    { key: 'quantity', title: t('muAdj.quantity'), align: 'right', width: 100, render: (_, r) => <span className="num">{r.quantity}</span> },
    { key: 'points', title: t('muAdj.points'), width: 150, render: (_, r) => rule(items.find((i) => i.key === r.itemKey)) || '—' },
    { key: 'note', title: t('muAdj.note'), render: (_, r) => r.note ?? '—' },
    { key: 'updatedAt', title: t('muAdj.updatedAt'), width: 150, render: (_, r) => localDateTime(r.updatedAt) },
    {
      key: 'actions', title: '', width: 100, fixed: 'right', render: (_, r) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ id: r.enterpriseId, name: r.name })} data-testid="adj-edit">{t('muAdj.edit')}</Button>
      ),
    },
  ];

  const exportTemplate = async () => {
    setBusy(true);
    try { await download(template, {}, templateName); } catch (e) { showError(e); } finally { setBusy(false); }
  };

  const notice = schemes.data && (!canManage ? t('muAdj.officeOnly') : !years.length ? t('muAdj.noSchemes') : null);

  return (
    <>
      <PageHeader title={t('muAdj.title')} intro={t('muAdj.intro')} extra={canManage && !!year && <>
        <Button icon={<PlusOutlined />} onClick={() => setEditing('pick')} data-testid="adj-add">{t('muAdj.add')}</Button>
        <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void exportTemplate()} data-testid="adj-template">{t('muAdj.template')}</Button>
        <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="adj-import">{t('muAdj.import')}</Button>
      </>} />
      {notice && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={notice} />}
      {canManage && !!year && (
        <Card>
          {items.length > 0 && (
            <Space wrap size={[6, 6]} style={{ marginBottom: 12 }}>
              <Typography.Text type="secondary">{t('muAdj.itemsOfYear')}：</Typography.Text>
              {items.map((i) => <Tag key={i.key} color={i.forceClass ? 'red' : i.points > 0 ? 'green' : 'orange'}>{i.name}（{rule(i)}）</Tag>)}
            </Space>
          )}
          <FilterBar filtered={filtered} onClear={clear}>
            <Select value={year} style={{ width: 110 }} aria-label={t('muAdj.year')} onChange={(y) => set({ year: y, item: undefined })}
              options={years.map((y) => ({ value: y, label: `${y}` }))} data-testid="adj-year" />
            <Select value={values.item ?? ''} style={{ width: 220 }} aria-label={t('muAdj.item')} onChange={(item) => set({ item })}
              options={[{ value: '', label: t('muAdj.allItems') }, ...items.map((i) => ({ value: i.key, label: i.name }))]} />
            <Input.Search key={values.q ?? ''} defaultValue={values.q} placeholder={t('muAdj.search')} allowClear enterButton={t('action.search')}
              onSearch={(q) => set({ q: q.trim() })} style={{ width: 300, maxWidth: '100%' }} data-testid="adj-search" />
          </FilterBar>
          <DataTable<Row> rows={shown} columns={columns} rowKey="key" loading={list.isFetching} testId="adj-table"
            empty={filtered ? t('table.emptyFiltered') : t('muAdj.empty')}
            paging={{ page, pageSize, total: rows.length, onChange: (p, s) => set({ page: p, pageSize: s }) }} />
        </Card>
      )}
      {year && (
        <ImportDialog<ImportResult> open={importing} onClose={() => setImporting(false)} title={t('muAdj.importTitle', { year })}
          endpoint={`/api/v1/mu/adjustments/import?year=${year}`} template={{ path: template, name: templateName }}
          columnsHint={t('muAdj.importHint')}
          onImported={(r) => { void refresh(); showSuccess(t('muAdj.imported', { added: r.created, changed: r.updated, removed: r.removed })); }}
          renderPreview={(r) => <ChangeList result={r} />} renderDone={(r) => <ChangeList result={r} />} />
      )}
      {editing && year && <EditDrawer year={year} editing={editing} onClose={() => setEditing(null)} onPick={(e) => setEditing(e)} />}
    </>
  );
}

function ChangeList({ result }: { result: ImportResult }) {
  const { t } = useI18n();
  const v = (x: ImportResult['changes'][number]['before']) => (x ? `${x.quantity}${x.note ? `（${x.note}）` : ''}` : t('muAdj.none'));
  const color = { added: 'green', changed: 'blue', removed: 'red' } as const;
  if (result.errors.length) return null;
  return (
    <div style={{ marginTop: 12 }} data-testid="adj-changes">
      <Typography.Text strong>{t('muAdj.changes')}</Typography.Text>
      <Tag style={{ marginLeft: 8 }}>{t(result.layout === 'wide' ? 'muAdj.layout.wide' : 'muAdj.layout.long')}</Tag>
      <div style={{ margin: '4px 0 8px', color: '#646a73' }}>
        {t('muAdj.changesCount', { added: result.created, changed: result.updated, removed: result.removed, unchanged: result.unchanged })}
      </div>
      {result.changes.length === 0 ? <Alert type="info" showIcon title={t('muAdj.noChanges')} /> : (
        <Table size="small" rowKey={(c) => `${c.enterpriseId}|${c.itemKey}`} dataSource={result.changes} scroll={{ x: 'max-content' }}
          pagination={result.changes.length > 8 ? { pageSize: 8, size: 'small' } : false}
          columns={[
            { key: 'row', title: t('import.row'), dataIndex: 'row', width: 64, align: 'right' },
            { key: 'name', title: t('muAdj.enterprise'), dataIndex: 'name' },
            { key: 'item', title: t('muAdj.item'), dataIndex: 'itemName' },
            { key: 'kind', title: '', width: 70, render: (_, c) => <Tag color={color[c.kind]}>{t(`muAdj.kind.${c.kind}`)}</Tag> },
            { key: 'before', title: t('muAdj.before'), render: (_, c) => v(c.before) },
            { key: 'after', title: t('muAdj.after'), render: (_, c) => v(c.after) },
          ]} />
      )}
      {result.changesTruncated && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('muAdj.truncated')}</Typography.Paragraph>}
    </div>
  );
}

function EditDrawer({ year, editing, onClose, onPick }: { year: number; editing: { id: string; name: string } | 'pick'; onClose: () => void; onPick: (e: { id: string; name: string }) => void }) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const [q, setQ] = useState('');
  const dq = useDebounced(q, 300);
  const found = useQuery({
    queryKey: ['enterprises', 'pick', dq], enabled: editing === 'pick' && dq.trim().length > 0,
    queryFn: () => ok(api.GET('/api/v1/enterprises', { params: { query: { q: dq.trim(), pageSize: 20 } } })),
  });
  return (
    <Drawer open onClose={onClose} width={screens.md ? 560 : '100%'} data-testid="adj-drawer"
      title={editing === 'pick' ? t('muAdj.add') : t('muAdj.editorTitle', { name: editing.name })}>
      {editing === 'pick' ? (
        <Select showSearch filterOption={false} style={{ width: '100%' }} placeholder={t('muAdj.pickEnterprise')} onSearch={setQ}
          loading={found.isFetching} notFoundContent={null} data-testid="adj-pick"
          options={(found.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.creditCode}）`, name: e.name }))}
          onChange={(_, o) => { const opt = o as { value: string; name: string }; onPick({ id: opt.value, name: opt.name }); }} />
      ) : <AdjustmentEditor year={year} enterpriseId={editing.id} />}
    </Drawer>
  );
}
