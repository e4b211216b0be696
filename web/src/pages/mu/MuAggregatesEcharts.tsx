// ECharts with only what the 亩均 analysis charts use (bar, heatmap, their axes, tooltip, legend, visual map), named
// statically so the build leaves the rest of the library out. Imported on demand by MuAggregatesChart.
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };
