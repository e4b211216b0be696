// Pieces the 亩均 policy and analysis pages share: the generated types they use, the class tag, the year picker
// fed by the years that have a published run.
import { Select, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { components, paths } from '../../api/schema';
import { api, ok } from '../../api/client';
import { useI18n } from '../../app/i18n';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;
export type MuPolicy = components['schemas']['MuPolicy'];
export type MuPolicyTerm = MuPolicy['terms'][number];
export type MuClass = MuPolicyTerm['class'];
export type PolicyKind = MuPolicy['kind'];
export type PolicyListResult = Json<paths['/api/v1/mu/policies/{id}/list']['get']['responses'][200]>;
export type PolicyListRow = PolicyListResult['items'][number];
export type ClassCounts = Json<paths['/api/v1/mu/analysis/classes']['get']['responses'][200]>;
export type PerMu = Json<paths['/api/v1/mu/analysis/per-mu']['get']['responses'][200]>;
export type Transitions = Json<paths['/api/v1/mu/analysis/transitions']['get']['responses'][200]>;
export type Scores = Json<paths['/api/v1/mu/analysis/scores']['get']['responses'][200]>;

export const MU_CLASSES: MuClass[] = ['A', 'B', 'C', 'D'];
export const POLICY_KINDS: PolicyKind[] = ['reduction', 'surcharge', 'price', 'priority', 'restriction', 'other'];
/** Class colours, the same on tags and charts: A green, B blue, C amber, D red. */
export const CLASS_COLORS: Record<MuClass, string> = { A: '#2f9e44', B: '#1a56c4', C: '#e8a317', D: '#d9363e' };

export function ClassTag({ cls }: { cls: MuClass | null | undefined }) {
  const { t } = useI18n();
  if (!cls) return <>{t('none')}</>;
  return <Tag color={CLASS_COLORS[cls]} style={{ marginInlineEnd: 0, fontWeight: 600 }}>{cls}</Tag>;
}

/** Years with a published run, newest first. */
export function usePublishedYears() {
  return useQuery({
    queryKey: ['mu', 'analysis', 'years'],
    queryFn: () => ok(api.GET('/api/v1/mu/analysis/years')),
    staleTime: 60_000,
  });
}

export function YearSelect({ years, value, onChange, allLabel }: { years: number[]; value: number | undefined; onChange: (y: number | undefined) => void; allLabel?: string }) {
  const { t } = useI18n();
  return (
    <Select<number | ''> value={value ?? ''} onChange={(y) => onChange(y === '' ? undefined : y)} style={{ width: 150 }} aria-label={t('muAnalysis.year')}
      data-testid="mu-year"
      options={[...(allLabel ? [{ value: '' as const, label: allLabel }] : []), ...years.map((y) => ({ value: y, label: `${y}` }))]} />
  );
}

/** 12,345.67 — two decimals, separators. */
export function fmt2(n: number | null | undefined, locale: string): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return n.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
