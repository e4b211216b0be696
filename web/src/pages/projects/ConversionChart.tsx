// 储备转在建 month by month: bars for projects entering the reserve and converting to construction, lines for the
// month-end stock (components/Echart: ECharts loaded on first use).
import { useMemo } from 'react';
import { useI18n } from '../../app/i18n';
import { Echart } from '../../components/Echart';

type Conversion = { month: string; enteredReserve: number; converted: number; reserveAtEnd: number; constructionAtEnd: number }[];

export function ConversionChart({ items }: { items: Conversion }) {
  const { t } = useI18n();
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: items.map((m) => m.month.slice(2).replace('-', '/')) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('pl.conv.entered'), type: 'bar', data: items.map((m) => m.enteredReserve), itemStyle: { color: '#7fc8d6' } },
      { name: t('pl.conv.converted'), type: 'bar', data: items.map((m) => m.converted), itemStyle: { color: '#1a56c4' } },
      { name: t('pl.conv.reserve'), type: 'line', data: items.map((m) => m.reserveAtEnd), lineStyle: { type: 'dashed' }, itemStyle: { color: '#d48806' } },
      { name: t('pl.conv.construction'), type: 'line', data: items.map((m) => m.constructionAtEnd), itemStyle: { color: '#2f9e44' } },
    ],
  }), [items, t]);
  return <Echart option={option} height={260} testId="conversion-chart" />;
}
