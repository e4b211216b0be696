// ECharts with only what the app's charts draw — bar, line and heatmap series; axes (grid), tooltip, legend, visual
// map; the canvas renderer — named statically so the build leaves the rest of the library out. Imported on demand
// by useEchart (one chunk, shared by every page that charts), never by the main bundle.
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };
