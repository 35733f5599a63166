import type { Dictionary } from '../../i18n/texts.ts';

type Key =
  | 'title'
  | 'lead'
  | 'file'
  | 'file.hint'
  | 'reading'
  | 'preview'
  | 'counts.total'
  | 'counts.valid'
  | 'counts.invalid'
  | 'columns'
  | 'column.ignored'
  | 'missing'
  | 'row'
  | 'issues'
  | 'ok'
  | 'firstRows'
  | 'confirm'
  | 'confirming'
  | 'another'
  | 'nothingValid'
  | 'report'
  | 'created'
  | 'failed'
  | 'rowNumber'
  | 'replayed'
  | 'done'
  | 'back'
  | 'notFound';

export const IMPORT_TEXTS: Dictionary<Key> = {
  'zh-CN': {
    title: '导入{table}',
    lead: '第一行为列名（字段名称或 ID）。先预览检查，确认后才会写入。',
    file: '选择 Excel 或 CSV 文件',
    'file.hint': '支持 .xlsx（第一个工作表）和 UTF-8 编码的 .csv，最大 4 MB。',
    reading: '正在读取并检查文件…',
    preview: '预览',
    'counts.total': '共 {n} 行',
    'counts.valid': '有效 {n} 行',
    'counts.invalid': '有问题 {n} 行',
    columns: '列对应',
    'column.ignored': '不导入',
    missing: '缺少必填字段：',
    row: '行号',
    issues: '问题',
    ok: '无问题',
    firstRows: '预览显示前 {shown} 行，统计包含全部 {total} 行。',
    confirm: '导入 {n} 条有效记录',
    confirming: '正在导入…',
    another: '选择其他文件',
    nothingValid: '没有可以导入的有效行，请修改文件后重新选择。',
    report: '导入结果',
    created: '已创建 {n} 条记录。',
    failed: '{n} 行未导入：',
    rowNumber: '第 {row} 行',
    replayed: '（此前已导入）',
    done: '完成',
    back: '返回数据',
    notFound: '找不到这个表。',
  },
  en: {
    title: 'Import {table}',
    lead: 'Row 1 names the columns (field names or ids). You preview first; nothing is written until you confirm.',
    file: 'Choose an Excel or CSV file',
    'file.hint': '.xlsx (first sheet) or UTF-8 .csv, at most 4 MB.',
    reading: 'Reading and checking the file…',
    preview: 'Preview',
    'counts.total': '{n} rows',
    'counts.valid': '{n} valid',
    'counts.invalid': '{n} with issues',
    columns: 'Columns',
    'column.ignored': 'not imported',
    missing: 'Required fields no column fills: ',
    row: 'Row',
    issues: 'Issues',
    ok: 'OK',
    firstRows: 'The preview shows the first {shown} rows; the counts cover all {total}.',
    confirm: 'Import {n} valid rows',
    confirming: 'Importing…',
    another: 'Choose another file',
    nothingValid: 'No row can be imported; fix the file and choose it again.',
    report: 'Import report',
    created: '{n} records created.',
    failed: '{n} rows not imported:',
    rowNumber: 'Row {row}',
    replayed: ' (imported before)',
    done: 'Done',
    back: 'Back to data',
    notFound: 'This table was not found.',
  },
};
