// Cells shared by the ranking and the breakdown: one item's figure with its points, and the weights as tags.
import { Space, Tag, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { WEIGHT_KEYS, type AssessmentRow, type WeightKey, type Weights } from './types';

export const pct = (r: number | null) => (r === null ? '' : `${Math.round(r * 1000) / 10}%`);

/** The figure of one item for a unit: "12/13 · 92.3%", "2/15 件", "平均 4.2 分", with the points under it. */
export function ItemCell({ row, k }: { row: AssessmentRow; k: WeightKey }) {
  const { t } = useI18n();
  const f = row.facts;
  const points = row.points[k];
  if (points === null) return <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('assess.notMeasured')}</Typography.Text>;
  const main = {
    acceptOnTime: `${t('assess.fraction', { done: f.acceptedOnTime, due: f.acceptDue })} · ${pct(row.rates.acceptOnTime)}`,
    reportOnTime: `${t('assess.fraction', { done: f.reportsOnTime, due: f.reportsDue })} · ${pct(row.rates.reportOnTime)}`,
    completeOnTime: `${t('assess.fraction', { done: f.completedOnTime, due: f.completionDue })} · ${pct(row.rates.completeOnTime)}`,
    overdue: t('assess.overdueOf', { count: f.overdue, active: f.active }),
    returns: t('assess.returnsOf', { count: f.returns }),
    quality: t('assess.qualityMean', { mean: f.meanQuality ?? '' }),
  }[k];
  return (
    <div style={{ whiteSpace: 'nowrap' }}>
      <div style={k === 'overdue' && f.overdue > 0 ? { color: '#d4380d' } : undefined}>{main}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('assess.got', { points })}</Typography.Text>
    </div>
  );
}

/** The weights as tags: 按期签收 15 分 · 按期反馈 25 分 … */
export function WeightTags({ weights }: { weights?: Weights }) {
  const { t } = useI18n();
  if (!weights) return null;
  return (
    <Space wrap size={[4, 4]} data-testid="weights">
      {WEIGHT_KEYS.map((k) => <Tag key={k} style={{ marginInlineEnd: 0 }}>{t(`assess.item.${k}`)} {t('assess.points', { n: weights[k] })}</Tag>)}
    </Space>
  );
}

