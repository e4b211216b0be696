// Shared bits of the library pages: types from the API, stage and approval names in the UI language, stage colours.
import { Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { APPROVAL_KIND_LABELS, INITIATION_VARIANT_LABELS, PROJECT_STAGE_LABELS, type ApprovalKind, type InitiationVariant, type ProjectStage } from '../../../../common/project-labels';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../app/i18n';

export type Project = components['schemas']['Project'];
export type ProjectListItem = components['schemas']['ProjectListItem'];
export type NextApproval = Project['nextApproval'];

export const STAGE_COLORS: Record<ProjectStage, string> = {
  planning: 'default', reserve: 'cyan', preparation: 'gold', construction: 'blue', completed: 'green', operating: 'purple', suspended: 'red',
};

export function useProjectLabels() {
  const { locale } = useI18n();
  return {
    stage: (s: string) => PROJECT_STAGE_LABELS[s as ProjectStage]?.[locale] ?? s,
    approval: (k: string) => APPROVAL_KIND_LABELS[k as ApprovalKind]?.[locale] ?? k,
    variant: (v: string) => INITIATION_VARIANT_LABELS[v as InitiationVariant]?.[locale] ?? v,
  };
}

export function StageTag({ stage }: { stage: string }) {
  const L = useProjectLabels();
  return <Tag color={STAGE_COLORS[stage as ProjectStage] ?? 'default'} style={{ marginInlineEnd: 0 }}>{L.stage(stage)}</Tag>;
}

export function NextApprovalText({ next }: { next: NextApproval }) {
  const { t } = useI18n();
  const L = useProjectLabels();
  if (!next) return <span style={{ color: '#2f9e44' }}>{t('pl.nextDone')}</span>;
  return (
    <span style={{ color: next.overdue ? '#d63939' : undefined }}>
      {L.approval(next.kind)}
      {next.plannedOn && <span style={{ color: next.overdue ? '#d63939' : '#8a919f' }}>（{next.overdue ? t('pl.overdue') : t('pl.nextPlanned', { date: next.plannedOn })}）</span>}
    </span>
  );
}

export function useProjectOptions() {
  return useQuery({ queryKey: ['projects', 'options'], queryFn: () => ok(api.GET('/api/v1/projects/options')), staleTime: 300_000 });
}

export const wan = (n: number | null | undefined, locale: string) => (n === null || n === undefined ? '—' : n.toLocaleString(locale, { maximumFractionDigits: 2 }));
