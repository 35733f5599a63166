import { attachmentField } from './attachment/attachment-field.ts';
import { autoNumberField } from './auto-number/auto-number-field.ts';
import { booleanField } from './boolean/boolean-field.ts';
import { computedField } from './computed/computed-field.ts';
import { dateField } from './date/date-field.ts';
import { datetimeField } from './datetime/datetime-field.ts';
import { departmentField } from './department/department-field.ts';
import { linkField } from './link/link-field.ts';
import { longTextField } from './long-text/long-text-field.ts';
import { moneyField } from './money/money-field.ts';
import { multiSelectField } from './multi-select/multi-select-field.ts';
import { numberField } from './number/number-field.ts';
import { percentField } from './percent/percent-field.ts';
import { ratingField } from './rating/rating-field.ts';
import { richTextField } from './rich-text/rich-text-field.ts';
import { selectField } from './select/select-field.ts';
import { textField } from './text/text-field.ts';
import { userField } from './user/user-field.ts';

/** Every field type of this plugin that may be a sub-table column (all but the sub-table), in palette order. */
export const scalarFieldTypes = [
  textField,
  longTextField,
  richTextField,
  numberField,
  moneyField,
  percentField,
  dateField,
  datetimeField,
  selectField,
  multiSelectField,
  booleanField,
  ratingField,
  userField,
  departmentField,
  attachmentField,
  linkField,
  computedField,
  autoNumberField,
] as const;
