import type { ViewDescription, ViewSummary } from '@tessera/core/api';
import type { ChartConfigValue } from './chart-config.ts';

type ChartSettings = Pick<ChartConfigValue, 'kind' | 'series' | 'stacked'>;

/** The chart settings of a view, with defaults for what its config leaves out. */
export function chartConfig(view: ViewDescription): ChartSettings {
  const config = view.config as Partial<ChartConfigValue>;
  const kinds = ['bar', 'column', 'line', 'area', 'pie'] as const;
  const kind = kinds.find((one) => one === config.kind) ?? 'column';
  const series =
    Array.isArray(config.series) && config.series.length > 0
      ? config.series
      : [{ aggregate: view.aggregates[0]?.id ?? 'count' }];
  return { kind, series, ...(config.stacked ? { stacked: true } : {}) };
}

const number = (value: unknown) => {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
};

/**
 * The ECharts option for a view's summary: categories are the group labels, one series per
 * aggregate the config names. The tooltip draws on the canvas (`richText`), since an HTML
 * tooltip writes inline styles the CSP forbids.
 */
export function chartOption(view: ViewSummaryInput, labels: { empty: string }) {
  const { kind, series, stacked } = chartConfig(view.view);
  const categories = view.summary.groups.map((group) => group.label || labels.empty);
  const named = series.map((one) => ({
    id: one.aggregate,
    name: view.view.aggregates.find((a) => a.id === one.aggregate)?.label ?? one.aggregate,
    data: view.summary.groups.map((group) =>
      number(group.aggregates[one.aggregate] ?? (one.aggregate === 'count' ? group.count : 0)),
    ),
  }));
  const base = {
    aria: { enabled: true },
    animation: false,
    tooltip: { trigger: kind === 'pie' ? 'item' : 'axis', renderMode: 'richText' },
    legend: { top: 0, type: 'scroll' },
  };
  if (kind === 'pie') {
    const first = named[0];
    return {
      ...base,
      series: [
        {
          type: 'pie',
          name: first?.name,
          radius: ['35%', '65%'],
          top: 24,
          data: categories.map((name, index) => ({ name, value: first?.data[index] ?? 0 })),
        },
      ],
    };
  }
  const category = { type: 'category', data: categories };
  const value = { type: 'value' };
  return {
    ...base,
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: kind === 'bar' ? value : category,
    yAxis: kind === 'bar' ? category : value,
    series: named.map((one) => ({
      ...one,
      type: kind === 'bar' || kind === 'column' ? 'bar' : 'line',
      ...(kind === 'area' ? { areaStyle: {} } : {}),
      ...(stacked ? { stack: 'total' } : {}),
    })),
  };
}

export interface ViewSummaryInput {
  readonly view: ViewDescription;
  readonly summary: ViewSummary;
}
