import { definePlugin } from '@tessera/core';
import { scalarFieldTypes } from './scalar-field-types.ts';
import { subTableField } from './sub-table/sub-table-field.ts';

export { attachmentField } from './attachment/attachment-field.ts';
export { autoNumberField } from './auto-number/auto-number-field.ts';
export {
  type AutoNumberPattern,
  autoNumberCounterKey,
  formatAutoNumber,
  type PatternPart,
  parseAutoNumberPattern,
  type ResetPeriod,
} from './auto-number/auto-number-pattern.ts';
export { booleanField } from './boolean/boolean-field.ts';
export { computedField } from './computed/computed-field.ts';
export { dateField } from './date/date-field.ts';
export { datetimeField } from './datetime/datetime-field.ts';
export { departmentField } from './department/department-field.ts';
export { linkField } from './link/link-field.ts';
export { longTextField } from './long-text/long-text-field.ts';
export { moneyField } from './money/money-field.ts';
export { multiSelectField } from './multi-select/multi-select-field.ts';
export { numberField } from './number/number-field.ts';
export { percentField } from './percent/percent-field.ts';
export { ratingField } from './rating/rating-field.ts';
export { richTextField } from './rich-text/rich-text-field.ts';
export { sanitizeRichText } from './rich-text/sanitize-rich-text.ts';
export { selectField } from './select/select-field.ts';
export type { SubTableSettings, TotalFn } from './sub-table/sub-table-config.ts';
export { subTableField } from './sub-table/sub-table-field.ts';
export { type SubTableTotal, subTableTotals } from './sub-table/sub-table-totals.ts';
export { textField } from './text/text-field.ts';
export { userField } from './user/user-field.ts';

/** The basic field types: everything a form of an ordinary business app needs. */
export const fieldBasic = definePlugin({
  name: '@tessera/plugin-field-basic',
  version: '0.1.0',
  fieldTypes: [...scalarFieldTypes, subTableField],
});
