// Types and small pieces shared by the project-tracking tabs and pages (挂图作战, 月报, 问题, 现场办公, 总览).
import { Tag, Tooltip } from 'antd';
import type { paths } from '../../api/schema';
import type { Schemas } from '../../api/types';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../locales/zh-CN';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;
export type MilestonePlan = Json<paths['/api/v1/projects/{id}/milestones']['get']['responses'][200]>;
export type Milestone = Schemas['ProjectMilestone'];
export type ReportList = Json<paths['/api/v1/projects/{id}/reports']['get']['responses'][200]>;
export type ReportForm = Json<paths['/api/v1/projects/{id}/reports/form']['get']['responses'][200]>;
export type ProjectReport = Schemas['ProjectReport'];
export type ProblemList = Json<paths['/api/v1/projects/{id}/problems']['get']['responses'][200]>;
export type VisitList = Json<paths['/api/v1/projects/{id}/visits']['get']['responses'][200]>;
export type LightView = Json<paths['/api/v1/projects/{id}/light']['get']['responses'][200]>;
export type Overview = Json<paths['/api/v1/projects/overview']['get']['responses'][200]>;
export type BattleMap = Json<paths['/api/v1/projects/battle-map']['get']['responses'][200]>;
export type BattleMapQuery = NonNullable<paths['/api/v1/projects/battle-map']['get']['parameters']['query']>;

export const LIGHT_COLORS = { red: '#d4380d', yellow: '#d89614', green: '#389e0d', none: '#8a919f' } as const;
export const MS_COLORS = { done: '#c41d1d', overdue: '#1f1f1f', due_soon: '#d89614', planned: '#1a56c4' } as const;

export function LightTag({ light, reasons }: { light: keyof typeof LIGHT_COLORS; reasons?: string[] }) {
  const { t } = useI18n();
  const tag = <Tag color={light === 'none' ? 'default' : light === 'red' ? 'red' : light === 'yellow' ? 'gold' : 'green'} data-testid={`light-${light}`}>{t(`pt.light.${light}` as MessageKey)}</Tag>;
  return reasons?.length ? <Tooltip title={reasons.map((r) => <div key={r}>{r}</div>)}>{tag}</Tooltip> : tag;
}

export function MilestoneStateTag({ state }: { state: Milestone['state'] }) {
  const { t } = useI18n();
  const color = { done: 'red', overdue: 'default', due_soon: 'gold', planned: 'blue' }[state];
  return <Tag color={color} style={state === 'overdue' ? { background: '#1f1f1f', color: '#fff', borderColor: '#1f1f1f' } : undefined}>{t(`pt.ms.state.${state}` as MessageKey)}</Tag>;
}

export const money = (n: number | null | undefined, locale: string) => (n === null || n === undefined ? '—' : n.toLocaleString(locale, { maximumFractionDigits: 2 }));
