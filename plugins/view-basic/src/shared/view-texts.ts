import type { Locale } from '@tessera/core';

const TEXTS = {
  'zh-CN': {
    grid: '数据列表',
    'sort.asc': '{column}：升序，点击改为降序',
    'sort.desc': '{column}：降序，点击取消排序',
    'sort.none': '{column}：点击升序排列',
    open: '打开记录',
    chart: '统计图',
  },
  en: {
    grid: 'Rows',
    'sort.asc': '{column}: ascending, click for descending',
    'sort.desc': '{column}: descending, click to stop sorting',
    'sort.none': '{column}: click to sort ascending',
    open: 'Open record',
    chart: 'Chart',
  },
} as const;

export type ViewTextKey = keyof (typeof TEXTS)['en'];

/** A text of the basic view elements in the locale, with `{name}` filled from `values`. */
export function viewText(
  locale: Locale,
  key: ViewTextKey,
  values: Readonly<Record<string, string>> = {},
): string {
  return TEXTS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
