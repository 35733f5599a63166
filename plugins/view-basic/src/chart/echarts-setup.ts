import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

let ready = false;

/**
 * ECharts with only what views draw (bars, lines, pies on a canvas). This module is imported
 * lazily by `<tessera-view-chart>`, so none of it is in the first load.
 */
export function chartLibrary(): typeof echarts {
  if (!ready) {
    echarts.use([
      BarChart,
      LineChart,
      PieChart,
      GridComponent,
      LegendComponent,
      TooltipComponent,
      AriaComponent,
      CanvasRenderer,
    ]);
    ready = true;
  }
  return echarts;
}
