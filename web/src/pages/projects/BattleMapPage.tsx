// 挂图作战 for a filtered set of projects: one Gantt chart, a heading per project, filters in the URL.
import { Alert, Card, Checkbox, Input, Select, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { PROJECT_STAGES, stageLabel } from '../../../../common/project-labels';
import { api, ok } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { GanttChart } from './GanttChart';
import type { BattleMapQuery } from './tracking-shared';

export default function BattleMapPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const query: BattleMapQuery = {
    stage: (params.get('stage') || undefined) as BattleMapQuery['stage'], category: params.get('category') || undefined,
    q: params.get('q') || undefined, overdueOnly: params.get('overdueOnly') === 'true' ? true : undefined, limit: 60,
  };
  const set = (k: string, v: string | undefined) => { const p = new URLSearchParams(params); if (v) p.set(k, v); else p.delete(k); setParams(p, { replace: true }); };
  const q = useQuery({ queryKey: ['projects', 'battle-map', query], queryFn: () => ok(api.GET('/api/v1/projects/battle-map', { params: { query } })) });
  const cats = useQuery({ queryKey: ['projects', 'battle-map', 'all'], queryFn: () => ok(api.GET('/api/v1/projects/battle-map', { params: { query: { limit: 300 } } })), staleTime: 60_000 });
  const categories = [...new Set((cats.data?.items ?? []).map((p) => p.category))];
  return (
    <div>
      <PageHeader title={t('pt.bm.title')} intro={t('pt.bm.intro')} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('pt.bm.search')} defaultValue={query.q} onSearch={(v) => set('q', v.trim() || undefined)} style={{ width: 200 }} />
        <Select allowClear placeholder={t('pt.bm.stage')} value={query.stage} onChange={(v) => set('stage', v)} style={{ width: 120 }}
          options={PROJECT_STAGES.map((s) => ({ value: s, label: stageLabel(s, locale) }))} />
        <Select allowClear placeholder={t('pt.bm.category')} value={query.category} onChange={(v) => set('category', v)} style={{ width: 140 }}
          options={categories.map((c) => ({ value: c, label: c }))} />
        <Checkbox checked={!!query.overdueOnly} onChange={(e) => set('overdueOnly', e.target.checked ? 'true' : undefined)}>{t('pt.bm.overdueOnly')}</Checkbox>
      </Space>
      {q.data?.truncated && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('pt.bm.truncated', { count: q.data.items.length })} />}
      <Card size="small" loading={q.isLoading}>
        {q.data && (q.data.items.length
          ? <GanttChart testId="battle-map" today={q.data.today} groups={q.data.items.map((p) => ({ key: p.id, title: `${p.name}（${p.leadUnitName}）`, href: `/projects/${p.id}?tab=milestones`, milestones: p.milestones }))} />
          : <Typography.Text type="secondary">{t('pt.bm.empty')}</Typography.Text>)}
      </Card>
    </div>
  );
}
