// 单位: the directory of units. Server-side paging, filters in the URL, Excel export and import.
import { useState } from 'react';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { UNIT_KINDS } from '../../../../common/roles';
import { api, ok } from '../../api/client';
import type { Unit, UnitImportResult, UnitKind } from '../../api/types';
import { useAccess } from '../../access';
import { useMe } from '../../app/auth';
import { showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useListParams } from '../../app/useListParams';
import { DataTable } from '../../components/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { FilterBar } from '../../components/FilterBar';
import { ImportDialog } from '../../components/ImportDialog';
import { PageHeader } from '../../components/PageHeader';
import { UnitFormModal } from './UnitFormModal';
import { useUnitColumns } from './columns';

export default function UnitsPage() {
  const { t, unitKind } = useI18n();
  const access = useAccess();
  const me = useMe();
  const qc = useQueryClient();
  const { values, page, pageSize, set, clear, filtered } = useListParams(['q', 'kind', 'regionCode'] as const);
  const filters = { q: values.q, kind: values.kind as UnitKind | undefined, regionCode: values.regionCode };
  const list = useQuery({
    queryKey: ['units', 'list', filters, page, pageSize],
    queryFn: () => ok(api.GET('/api/v1/units', { params: { query: { ...filters, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: ['units'] });
  const columns = useUnitColumns({ canWrite: access.units, onEdit: setEditing, onDeleted: refresh });

  return (
    <>
      <PageHeader title={t('units.title')} intro={t('units.intro')} extra={<>
        {access.units && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="unit-create">{t('units.create')}</Button>}
        {access.units && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t('action.import')}</Button>}
        <ExportButton path="/api/v1/units/export" params={filters} fallbackName="units.xlsx" />
      </>} />
      <Card>
        <FilterBar filtered={filtered} onClear={clear}>
          <Input.Search key={values.q ?? ''} defaultValue={values.q} placeholder={t('units.search')} allowClear enterButton={t('action.search')}
            onSearch={(q) => set({ q: q.trim() })} style={{ width: 320, maxWidth: '100%' }} data-testid="unit-search" />
          <Select value={values.kind ?? ''} onChange={(kind) => set({ kind })} style={{ width: 160 }} aria-label={t('units.kind')}
            options={[{ value: '', label: t('filter.all', { label: t('units.kind') }) }, ...UNIT_KINDS.map((k) => ({ value: k, label: unitKind(k) }))]} />
          {me.readRegions.length > 1 && (
            <Select value={values.regionCode ?? ''} onChange={(regionCode) => set({ regionCode })} style={{ width: 180 }} aria-label={t('units.region')}
              options={[{ value: '', label: t('filter.all', { label: t('units.region') }) }, ...me.readRegions.map((r) => ({ value: r.code, label: r.name }))]} />
          )}
        </FilterBar>
        <DataTable<Unit> rows={list.data?.items} columns={columns} rowKey="id" loading={list.isFetching} testId="units-table"
          empty={filtered ? t('table.emptyFiltered') : t('units.empty')}
          paging={{ page, pageSize, total: list.data?.total ?? 0, onChange: (p, s) => set({ page: p, pageSize: s }) }} />
      </Card>
      {editing && (
        <UnitFormModal unit={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
          onSaved={(u, created) => { setEditing(null); void refresh(); showSuccess(created ? t('units.created', { name: u.name }) : t('saved')); }} />
      )}
      <ImportDialog<UnitImportResult> open={importing} onClose={() => setImporting(false)} title={t('units.importTitle')}
        endpoint="/api/v1/units/import" template={{ path: '/api/v1/units/export', name: 'units.xlsx' }}
        columnsHint={t('units.importColumns')} onImported={() => void refresh()} />
    </>
  );
}
