import { defineViewType } from '@tessera/core';
import { checkChart } from './chart-check.ts';
import { ChartConfig } from './chart-config.ts';

/** A statistic drawn as a chart (统计图): one category axis, one series per aggregate. */
export const chartView = defineViewType({
  type: 'chart',
  label: { 'zh-CN': '统计图', en: 'Chart' },
  description: {
    'zh-CN': '按分组统计并以图表展示',
    en: 'Groups and aggregates records, drawn as a chart',
  },
  config: ChartConfig,
  aggregates: true,
  element: 'tessera-view-chart',
  check: checkChart,
  designer: {
    icon: 'chart-column',
    // placeholders the designer asks to replace; check() reports them until then
    defaultConfig: () => ({ kind: 'column', x: 'status', series: [{ aggregate: 'count' }] }),
  },
});
