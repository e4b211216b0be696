// 储备转在建 month by month: bars for projects entering the reserve and converting to construction, lines for the
// month-end stock. ECharts is loaded on first use (the project pages' modular bundle).
import { useEffect, useMemo, useRef, useState } from 'react';
import { Spin } from 'antd';
import { useI18n } from '../../app/i18n';

type ECharts = typeof import('echarts/core');
let loading: Promise<ECharts> | null = null;
const loadEcharts = () => (loading ??= import('./ProjectsEcharts').then((m) => m.echarts));
type Conversion = { month: string; enteredReserve: number; converted: number; reserveAtEnd: number; constructionAtEnd: number }[];

export function ConversionChart({ items }: { items: Conversion }) {
  const { t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<ECharts['init']> | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let disposed = false; let observer: ResizeObserver | null = null;
    void loadEcharts().then((echarts) => {
      if (disposed || !el.current) return;
      chart.current = echarts.init(el.current, undefined, { renderer: 'canvas' });
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(el.current);
      setReady(true);
    });
    return () => { disposed = true; observer?.disconnect(); chart.current?.dispose(); chart.current = null; };
  }, []);
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
  useEffect(() => { if (ready && chart.current) chart.current.setOption(option, { notMerge: true }); }, [ready, option]);
  return <Spin spinning={!ready}><div ref={el} style={{ height: 260, width: '100%' }} data-testid="conversion-chart" /></Spin>;
}
