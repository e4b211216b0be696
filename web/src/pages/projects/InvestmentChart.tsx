// The year's planned (序时, cumulative) against completed investment month by month, as an ECharts chart loaded on
// first use (components/Echart).
import { useMemo } from 'react';
import { useI18n } from '../../app/i18n';
import { Echart } from '../../components/Echart';
import type { Overview } from './tracking-shared';

export function InvestmentChart({ months }: { months: Overview['months'] }) {
  const { t, locale } = useI18n();
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => (locale === 'zh-CN' ? `${m.month}月` : String(m.month))) },
    yAxis: { type: 'value' },
    series: [
      { name: t('pt.ov.chart.month'), type: 'bar', data: months.map((m) => m.completed), itemStyle: { color: '#91b4ee' } },
      { name: t('pt.ov.chart.planned'), type: 'line', data: months.map((m) => m.plannedToDate), lineStyle: { type: 'dashed' }, itemStyle: { color: '#8a919f' } },
      { name: t('pt.ov.chart.completed'), type: 'line', data: months.map((m) => m.completedToDate), itemStyle: { color: '#1a56c4' } },
    ],
  }), [months, t, locale]);
  return <Echart option={option} height={300} testId="investment-chart" />;
}
