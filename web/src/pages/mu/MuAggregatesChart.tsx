// An ECharts chart for the 亩均 analysis page. ECharts is imported modularly (core + the bar and heatmap charts and the
// components they use) and loaded only when a chart first mounts, so no other page carries it.
import { useEffect, useRef, useState } from 'react';
import { Spin } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useI18n } from '../../app/i18n';

type ECharts = typeof import('echarts/core');
let loading: Promise<ECharts> | null = null;

/** Loads echarts once, with only the charts and components registered in MuAggregatesEcharts. */
function loadEcharts(): Promise<ECharts> {
  return (loading ??= import('./MuAggregatesEcharts').then((m) => m.echarts));
}

export function MuAggregatesChart({ option, height = 320, testId }: { option: EChartsCoreOption; height?: number; testId?: string }) {
  const { t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<ECharts['init']> | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    void loadEcharts().then((echarts) => {
      if (disposed || !el.current) return;
      chart.current = echarts.init(el.current, undefined, { renderer: 'canvas' });
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(el.current);
      setReady(true);
    });
    return () => { disposed = true; observer?.disconnect(); chart.current?.dispose(); chart.current = null; };
  }, []);

  useEffect(() => {
    if (ready && chart.current) chart.current.setOption(option, { notMerge: true });
  }, [ready, option]);

  return (
    <div style={{ position: 'relative' }}>
      <div ref={el} style={{ width: '100%', height }} data-testid={testId} data-ready={ready ? 'yes' : 'no'} role="img" />
      {!ready && (
        <div style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center', gap: 8, color: '#8a919f' }}>
          <Spin size="small" /> {t('muAnalysis.chartLoading')}
        </div>
      )}
    </div>
  );
}
