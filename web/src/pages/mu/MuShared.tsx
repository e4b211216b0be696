// Pieces the 亩均 evaluation pages share: generated types, labels of indicators and data fields, number formatting,
// the run status tag.
import { Tag } from 'antd';
import type { components, paths } from '../../api/schema';
import { useI18n } from '../../app/i18n';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;
export type Scheme = components['schemas']['MuScheme'];
export type SchemeDef = components['schemas']['MuSchemeDefinition'];
export type GroupDef = SchemeDef['groups'][number];
export type IndicatorDef = GroupDef['indicators'][number];
export type Run = components['schemas']['MuRun'];
export type RunDetail = Json<paths['/api/v1/mu/runs/{id}']['get']['responses'][200]>;
export type ResultRow = Json<paths['/api/v1/mu/runs/{id}/results']['get']['responses'][200]>['items'][number];
export type ResultDetail = Json<paths['/api/v1/mu/runs/{id}/results/{enterpriseId}']['get']['responses'][200]>;

export const STANDARD_INDICATORS = ['tax_per_mu', 'value_added_per_mu', 'value_added_per_energy', 'value_added_per_emission', 'labour_productivity', 'rd_share', 'tax_per_electricity', 'revenue_per_mu'] as const;
export const OPERANDS = ['tax', 'value_added', 'revenue', 'rd_expense', 'employees', 'electricity', 'energy', 'emissions', 'land_area', 'land'] as const;

/** 12.35 — at most `d` decimals, grouped. */
export function num(n: number | null | undefined, locale: string, d = 2): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return n.toLocaleString(locale, { maximumFractionDigits: d });
}

export function RunStatusTag({ status }: { status: Run['status'] }) {
  const { t } = useI18n();
  return status === 'published' ? <Tag color="green">{t('mu.run.published')}</Tag> : <Tag color="orange">{t('mu.run.draft')}</Tag>;
}

export function SchemeStatusTag({ status }: { status: Scheme['status'] }) {
  const { t } = useI18n();
  const color = status === 'active' ? 'green' : status === 'draft' ? 'orange' : 'default';
  return <Tag color={color}>{t(`mu.scheme.status.${status}`)}</Tag>;
}
