// An ECharts chart. The library is loaded on first use (./echarts: only the series and components the app draws), so
// pages without a chart never carry it. useEchart does the lifecycle every chart needs: init on the element in the
// UI language, set the option (replacing, not merging) whenever it changes, follow the container's size, dispose on
// unmount. Pass a memoised option: a new object redraws the chart.
import { useEffect, useRef, useState } from 'react';
import { Spin } from 'antd';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useI18n } from '../../app/i18n';

type ECharts = typeof import('echarts/core');
let loading: Promise<ECharts> | null = null;
// A failed load (a chunk lost to a redeploy, a dropped connection) is forgotten, so the next chart to mount tries again.
const loadEcharts = () => (loading ??= import('./echarts').then((m) => m.echarts, (e: unknown) => { loading = null; throw e; }));

/** Draws `option` into the element given `ref`; `ready` once the chart is drawn (ECharts loaded and initialised),
 *  `failed` when ECharts could not be loaded (the next mount tries again). */
export function useEchart(option: EChartsCoreOption) {
  const { locale } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<EChartsType | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const el = ref.current;
    let disposed = false;
    let instance: EChartsType | null = null;
    let observer: ResizeObserver | null = null;
    setFailed(false);
    loadEcharts().then((echarts) => {
      if (disposed || !el) return;
      instance = echarts.init(el, undefined, { renderer: 'canvas', locale: locale === 'zh-CN' ? 'ZH' : 'EN' });
      observer = new ResizeObserver(() => instance?.resize());
      observer.observe(el);
      setChart(instance);
    }, () => { if (!disposed) setFailed(true); });
    return () => { disposed = true; observer?.disconnect(); instance?.dispose(); setChart(null); };
  }, [locale]);
  useEffect(() => { chart?.setOption(option, { notMerge: true }); }, [chart, option]);
  return { ref, ready: chart !== null, failed };
}

interface Props {
  option: EChartsCoreOption;
  height?: number;
  /** data-testid of the chart's element (it holds the canvas; data-ready="yes" once drawn). */
  testId?: string;
}

/** A full-width chart of the given height, with a spinner until ECharts has loaded (or a line saying it could not). */
export function Echart({ option, height = 320, testId }: Props) {
  const { t } = useI18n();
  const { ref, ready, failed } = useEchart(option);
  return (
    <div style={{ position: 'relative' }}>
      <div ref={ref} style={{ width: '100%', height }} data-testid={testId} data-ready={ready ? 'yes' : failed ? 'failed' : 'no'} role="img" />
      {!ready && (
        <div style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center', gap: 8, color: failed ? '#cf1322' : '#8a919f', padding: 8, textAlign: 'center' }}
          role={failed ? 'alert' : undefined} data-testid={failed && testId ? `${testId}-failed` : undefined}>
          {failed ? t('chart.failed') : <><Spin size="small" /> {t('chart.loading')}</>}
        </div>
      )}
    </div>
  );
}
