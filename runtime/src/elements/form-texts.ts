import type { Bilingual, Locale } from '@tessera/core';

/** The form's own strings, in both languages (field labels come from the definition). */
export const FORM_TEXTS = {
  submit: { en: 'Submit', 'zh-CN': '提交' },
  required: { en: 'required', 'zh-CN': '必填' },
  problems: { en: 'Please correct the problems below:', 'zh-CN': '请先修正以下问题：' },
  addRow: { en: 'Add row', 'zh-CN': '添加行' },
  removeRow: { en: 'Remove row', 'zh-CN': '删除行' },
  moveUp: { en: 'Move row up', 'zh-CN': '上移' },
  moveDown: { en: 'Move row down', 'zh-CN': '下移' },
  total: { en: 'Total', 'zh-CN': '合计' },
  actions: { en: 'Actions', 'zh-CN': '操作' },
  search: { en: 'Search', 'zh-CN': '搜索' },
  noResults: { en: 'No matching records', 'zh-CN': '没有匹配的记录' },
  open: { en: 'Open', 'zh-CN': '打开' },
  clear: { en: 'Clear', 'zh-CN': '清除' },
  assigned: { en: 'Assigned when saved', 'zh-CN': '保存后生成' },
  yes: { en: 'Yes', 'zh-CN': '是' },
  no: { en: 'No', 'zh-CN': '否' },
  choose: { en: 'Choose…', 'zh-CN': '请选择…' },
  file: { en: 'Add files', 'zh-CN': '添加附件' },
} as const satisfies Record<string, Bilingual>;

export type FormTextKey = keyof typeof FORM_TEXTS;

export const formText = (key: FormTextKey, locale: Locale): string => FORM_TEXTS[key][locale];

/** "Row 3" / "第 3 行", for the accessible names of a row's inputs and buttons. */
export const rowText = (index: number, locale: Locale): string =>
  locale === 'zh-CN' ? `第 ${index + 1} 行` : `Row ${index + 1}`;
