// The year's planned (序时, cumulative) against completed investment month by month, as an ECharts chart loaded on
// first use (modular import; no other page carries it).
import { useEffect, useMemo, useRef, useState } from 'react';
import { Spin } from 'antd';
import { useI18n } from '../../app/i18n';
import type { Overview } from './tracking-shared';

type ECharts = typeof import('echarts/core');
let loading: Promise<ECharts> | null = null;
const loadEcharts = () => (loading ??= import('./ProjectsEcharts').then((m) => m.echarts));

export function InvestmentChart({ months }: { months: Overview['months'] }) {
  const { t, locale } = useI18n();
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
    grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => (locale === 'zh-CN' ? `${m.month}月` : String(m.month))) },
    yAxis: { type: 'value' },
    series: [
      { name: t('pt.ov.chart.month'), type: 'bar', data: months.map((m) => m.completed), itemStyle: { color: '#91b4ee' } },
      { name: t('pt.ov.chart.planned'), type: 'line', data: months.map((m) => m.plannedToDate), lineStyle: { type: 'dashed' }, itemStyle: { color: '#8a919f' } },
      { name: t('pt.ov.chart.completed'), type: 'line', data: months.map((m) => m.completedToDate), itemStyle: { color: '#1a56c4' } },
    ],
  }), [months, t, locale]);
  useEffect(() => { if (ready && chart.current) chart.current.setOption(option, { notMerge: true }); }, [ready, option]);
  return <Spin spinning={!ready}><div ref={el} style={{ width: '100%', height: 300 }} data-testid="investment-chart" /></Spin>;
}
