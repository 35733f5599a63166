import type { Dictionary } from '../../i18n/texts.ts';

type Key =
  | 'apps.title'
  | 'apps.lead'
  | 'apps.none'
  | 'apps.views'
  | 'apps.noViews'
  | 'apps.tables'
  | 'apps.newRecord'
  | 'apps.import'
  | 'type.list'
  | 'type.chart'
  | 'view.back'
  | 'view.notFound'
  | 'view.search'
  | 'view.searchPlaceholder'
  | 'view.export.xlsx'
  | 'view.export.csv'
  | 'view.total'
  | 'view.shown'
  | 'view.more'
  | 'view.empty'
  | 'view.loading'
  | 'view.grid'
  | 'view.sort.asc'
  | 'view.sort.desc'
  | 'view.sort.none'
  | 'view.open'
  | 'summary.title'
  | 'summary.group'
  | 'summary.count'
  | 'summary.totals'
  | 'summary.empty'
  | 'chart.title'
  | 'filter.title'
  | 'filter.add'
  | 'filter.field'
  | 'filter.op'
  | 'filter.value'
  | 'filter.from'
  | 'filter.to'
  | 'filter.remove'
  | 'filter.apply'
  | 'filter.clear'
  | 'filter.any'
  | 'op.eq'
  | 'op.ne'
  | 'op.gt'
  | 'op.gte'
  | 'op.lt'
  | 'op.lte'
  | 'op.in'
  | 'op.contains'
  | 'op.empty'
  | 'op.notEmpty'
  | 'op.between'
  | 'yes'
  | 'no';

export type DataTextKey = Key;

export const DATA_TEXTS: Dictionary<Key> = {
  'zh-CN': {
    'apps.title': '数据',
    'apps.lead': '查看各应用的列表和统计图，新建或导入基础资料。',
    'apps.none': '还没有已发布的应用。',
    'apps.views': '视图',
    'apps.noViews': '此应用没有视图。',
    'apps.tables': '基础资料',
    'apps.newRecord': '新建记录',
    'apps.import': '导入',
    'type.list': '列表',
    'type.chart': '图表',
    'view.back': '返回数据',
    'view.notFound': '找不到这个视图。',
    'view.search': '搜索',
    'view.searchPlaceholder': '在各列中搜索',
    'view.export.xlsx': '导出 Excel',
    'view.export.csv': '导出 CSV',
    'view.total': '共 {n} 条',
    'view.shown': '已显示 {shown} / {total} 条',
    'view.more': '加载更多',
    'view.empty': '没有符合条件的数据。',
    'view.loading': '正在加载…',
    'view.grid': '数据列表',
    'view.sort.asc': '{column}：升序，点击改为降序',
    'view.sort.desc': '{column}：降序，点击取消排序',
    'view.sort.none': '{column}：点击升序排列',
    'view.open': '打开记录',
    'summary.title': '分组统计',
    'summary.group': '分组',
    'summary.count': '记录数',
    'summary.totals': '合计',
    'summary.empty': '没有可统计的数据。',
    'chart.title': '统计图',
    'filter.title': '筛选条件',
    'filter.add': '添加条件',
    'filter.field': '字段',
    'filter.op': '条件',
    'filter.value': '值',
    'filter.from': '从',
    'filter.to': '到',
    'filter.remove': '删除条件',
    'filter.apply': '应用',
    'filter.clear': '清除全部',
    'filter.any': '请选择',
    'op.eq': '等于',
    'op.ne': '不等于',
    'op.gt': '大于',
    'op.gte': '大于等于',
    'op.lt': '小于',
    'op.lte': '小于等于',
    'op.in': '属于',
    'op.contains': '包含',
    'op.empty': '为空',
    'op.notEmpty': '不为空',
    'op.between': '介于',
    yes: '是',
    no: '否',
  },
  en: {
    'apps.title': 'Data',
    'apps.lead': "Browse each app's lists and charts; add or import master data.",
    'apps.none': 'No app is published yet.',
    'apps.views': 'Views',
    'apps.noViews': 'This app has no views.',
    'apps.tables': 'Master data',
    'apps.newRecord': 'New record',
    'apps.import': 'Import',
    'type.list': 'List',
    'type.chart': 'Chart',
    'view.back': 'Back to data',
    'view.notFound': 'This view was not found.',
    'view.search': 'Search',
    'view.searchPlaceholder': 'Search the columns',
    'view.export.xlsx': 'Export Excel',
    'view.export.csv': 'Export CSV',
    'view.total': '{n} rows',
    'view.shown': '{shown} of {total} rows shown',
    'view.more': 'Load more',
    'view.empty': 'No rows match.',
    'view.loading': 'Loading…',
    'view.grid': 'Rows',
    'view.sort.asc': '{column}: ascending, click for descending',
    'view.sort.desc': '{column}: descending, click to stop sorting',
    'view.sort.none': '{column}: click to sort ascending',
    'view.open': 'Open record',
    'summary.title': 'Totals by group',
    'summary.group': 'Group',
    'summary.count': 'Records',
    'summary.totals': 'Total',
    'summary.empty': 'Nothing to total.',
    'chart.title': 'Chart',
    'filter.title': 'Filters',
    'filter.add': 'Add a condition',
    'filter.field': 'Field',
    'filter.op': 'Condition',
    'filter.value': 'Value',
    'filter.from': 'From',
    'filter.to': 'To',
    'filter.remove': 'Remove condition',
    'filter.apply': 'Apply',
    'filter.clear': 'Clear all',
    'filter.any': 'Choose',
    'op.eq': 'equals',
    'op.ne': 'is not',
    'op.gt': 'greater than',
    'op.gte': 'at least',
    'op.lt': 'less than',
    'op.lte': 'at most',
    'op.in': 'is one of',
    'op.contains': 'contains',
    'op.empty': 'is empty',
    'op.notEmpty': 'is not empty',
    'op.between': 'between',
    yes: 'Yes',
    no: 'No',
  },
};
