import { definePlugin } from '@tessera/core';
import { chartView } from './chart/chart-view.ts';
import { listView } from './list/list-view.ts';

export { ChartConfig, type ChartConfigValue } from './chart/chart-config.ts';
export { chartView } from './chart/chart-view.ts';
export { ListConfig, listView } from './list/list-view.ts';

/** The basic view types, as one plugin. */
export const viewBasic = definePlugin({
  name: '@tessera/plugin-view-basic',
  version: '0.1.0',
  viewTypes: [listView, chartView],
});
