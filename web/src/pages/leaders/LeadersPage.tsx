// 领导分管: county leaders with their domains and units. The API returns the whole (short) list, so search and
// paging happen here; the search is still kept in the URL.
import { useMemo, useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { Leader } from '../../api/types';
import { useAccess } from '../../access';
import { showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useListParams } from '../../app/useListParams';
import { DataTable } from '../../components/DataTable';
import { FilterBar } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { LeaderFormModal } from './LeaderFormModal';
import { useLeaderColumns } from './columns';

export default function LeadersPage() {
  const { t } = useI18n();
  const access = useAccess();
  const qc = useQueryClient();
  const { values, page, pageSize, set, clear, filtered } = useListParams(['q'] as const);
  const list = useQuery({ queryKey: ['leaders'], queryFn: () => ok(api.GET('/api/v1/leaders')) });
  const [editing, setEditing] = useState<Leader | 'new' | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['leaders'] });
  const columns = useLeaderColumns({ canWrite: access.leaders, onEdit: setEditing, onDeleted: refresh });

  const rows = useMemo(() => {
    const q = values.q?.toLowerCase();
    const all = list.data ?? [];
    return q ? all.filter((l) => [l.name, l.username, l.title, ...l.domains].some((s) => s.toLowerCase().includes(q))) : all;
  }, [list.data, values.q]);

  return (
    <>
      <PageHeader title={t('leaders.title')} intro={t('leaders.intro')}
        extra={access.leaders && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('leaders.create')}</Button>} />
      <Card>
        <FilterBar filtered={filtered} onClear={clear}>
          <Input.Search key={values.q ?? ''} defaultValue={values.q} placeholder={t('leaders.search')} allowClear enterButton={t('action.search')}
            onSearch={(q) => set({ q: q.trim() })} style={{ width: 340, maxWidth: '100%' }} />
        </FilterBar>
        <DataTable<Leader> rows={rows.slice((page - 1) * pageSize, page * pageSize)} columns={columns} rowKey="id" loading={list.isFetching}
          empty={filtered ? t('table.emptyFiltered') : t('leaders.empty')}
          paging={{ page, pageSize, total: rows.length, onChange: (p, s) => set({ page: p, pageSize: s }) }} />
      </Card>
      {editing && (
        <LeaderFormModal leader={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
          onSaved={() => { setEditing(null); void refresh(); showSuccess(t('saved')); }} />
      )}
    </>
  );
}
