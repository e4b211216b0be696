// 常用筛选: the user's saved console filters as tabs above the list. A tab puts its query in the URL;
// "保存当前筛选" names the filters now in the URL; a saved tab can be removed.
import { useState } from 'react';
import { CloseOutlined, StarOutlined } from '@ant-design/icons';
import { Button, Input, Modal, Popconfirm, Tabs } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, ok } from '../../api/client';
import { showError, showSuccess } from '../../app/feedback';
import { useI18n } from '../../app/i18n';

/** The filter part of a query string, in a stable order (no paging). */
function normalise(qs: string): string {
  const p = new URLSearchParams(qs);
  p.delete('page'); p.delete('pageSize');
  return [...p.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

export function SavedFilterTabs() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const list = useQuery({ queryKey: ['saved-filters'], queryFn: () => ok(api.GET('/api/v1/saved-filters')) });
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const current = normalise(sp.toString());
  const active = list.data?.find((f) => normalise(f.query) === current)?.id ?? (current ? '' : 'all');
  const refresh = () => qc.invalidateQueries({ queryKey: ['saved-filters'] });

  const save = async () => {
    try {
      await ok(api.POST('/api/v1/saved-filters', { body: { name: name.trim(), query: current } }));
      showSuccess(t('saved')); setNaming(false); setName(''); void refresh();
    } catch (e) { showError(e); }
  };
  const remove = async (id: string) => {
    try { await ok(api.DELETE('/api/v1/saved-filters/{id}', { params: { path: { id } } })); void refresh(); } catch (e) { showError(e); }
  };

  return (
    <>
      <Tabs activeKey={active} onChange={(k) => setSp(new URLSearchParams(k === 'all' ? '' : list.data?.find((f) => f.id === k)?.query ?? ''))}
        style={{ marginBottom: 0 }} data-testid="saved-filters"
        tabBarExtraContent={current && !active ? <Button size="small" icon={<StarOutlined />} onClick={() => setNaming(true)}>{t('tasks.saveFilter')}</Button> : null}
        items={[
          { key: 'all', label: t('tasks.allTasks') },
          ...(list.data ?? []).map((f) => ({
            key: f.id,
            label: (
              <span>
                {f.name}
                <Popconfirm title={t('tasks.removeFilter', { name: f.name })} onConfirm={() => void remove(f.id)}>
                  <CloseOutlined style={{ marginLeft: 6, fontSize: 10, color: '#8a919f' }} onClick={(e) => e.stopPropagation()} aria-label={t('tasks.removeFilter', { name: f.name })} />
                </Popconfirm>
              </span>
            ),
          })),
        ]} />
      <Modal open={naming} title={t('tasks.saveFilter')} onCancel={() => setNaming(false)} onOk={() => void save()} okButtonProps={{ disabled: !name.trim() }}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={30} placeholder={t('tasks.filterName')} onPressEnter={() => name.trim() && void save()} />
      </Modal>
    </>
  );
}
