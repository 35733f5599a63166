/**
 * Browser-only entry (`@tessera/plugin-field-basic/elements`): the form renderers of the basic
 * field types. Kept apart from `index.ts`, which the server imports without a DOM.
 */
import { defineFormElements } from '@tessera/runtime/elements';
import { AttachmentFieldElement } from './attachment/attachment-element.ts';
import { attachmentField } from './attachment/attachment-field.ts';
import { AutoNumberFieldElement } from './auto-number/auto-number-element.ts';
import { autoNumberField } from './auto-number/auto-number-field.ts';
import { BooleanFieldElement } from './boolean/boolean-element.ts';
import { booleanField } from './boolean/boolean-field.ts';
import { ComputedFieldElement } from './computed/computed-element.ts';
import { computedField } from './computed/computed-field.ts';
import { DateFieldElement } from './date/date-element.ts';
import { dateField } from './date/date-field.ts';
import { DatetimeFieldElement } from './datetime/datetime-element.ts';
import { datetimeField } from './datetime/datetime-field.ts';
import { DepartmentFieldElement } from './department/department-element.ts';
import { departmentField } from './department/department-field.ts';
import { LinkFieldElement } from './link/link-element.ts';
import { linkField } from './link/link-field.ts';
import { LongTextFieldElement } from './long-text/long-text-element.ts';
import { longTextField } from './long-text/long-text-field.ts';
import { MoneyFieldElement } from './money/money-element.ts';
import { moneyField } from './money/money-field.ts';
import { MultiSelectFieldElement } from './multi-select/multi-select-element.ts';
import { multiSelectField } from './multi-select/multi-select-field.ts';
import { NumberFieldElement } from './number/number-element.ts';
import { numberField } from './number/number-field.ts';
import { PercentFieldElement } from './percent/percent-element.ts';
import { percentField } from './percent/percent-field.ts';
import { RatingFieldElement } from './rating/rating-element.ts';
import { ratingField } from './rating/rating-field.ts';
import { RichTextFieldElement } from './rich-text/rich-text-element.ts';
import { richTextField } from './rich-text/rich-text-field.ts';
import { SelectFieldElement } from './select/select-element.ts';
import { selectField } from './select/select-field.ts';
import { SubTableFieldElement } from './sub-table/sub-table-element.ts';
import { subTableField } from './sub-table/sub-table-field.ts';
import { TextFieldElement } from './text/text-element.ts';
import { textField } from './text/text-field.ts';
import { UserFieldElement } from './user/user-element.ts';
import { userField } from './user/user-field.ts';

export { AttachmentFieldElement } from './attachment/attachment-element.ts';
export { AutoNumberFieldElement } from './auto-number/auto-number-element.ts';
export { BooleanFieldElement } from './boolean/boolean-element.ts';
export { ComputedFieldElement } from './computed/computed-element.ts';
export { DateFieldElement } from './date/date-element.ts';
export { DatetimeFieldElement } from './datetime/datetime-element.ts';
export { DepartmentFieldElement } from './department/department-element.ts';
export { LinkFieldElement } from './link/link-element.ts';
export { LongTextFieldElement } from './long-text/long-text-element.ts';
export { MoneyFieldElement } from './money/money-element.ts';
export { MultiSelectFieldElement } from './multi-select/multi-select-element.ts';
export { NumberFieldElement } from './number/number-element.ts';
export { PercentFieldElement } from './percent/percent-element.ts';
export { RatingFieldElement } from './rating/rating-element.ts';
export { RichTextFieldElement } from './rich-text/rich-text-element.ts';
export { SelectFieldElement } from './select/select-element.ts';
export { type PickerChoice, PickerFieldElement } from './shared/picker-element.ts';
export { SubTableFieldElement } from './sub-table/sub-table-element.ts';
export { TextFieldElement } from './text/text-element.ts';
export { UserFieldElement } from './user/user-element.ts';

/** Each renderer under the tag its field type names (`form.element`): one source of truth. */
export const fieldElements: readonly (readonly [string, CustomElementConstructor])[] = [
  [attachmentField.form.element, AttachmentFieldElement],
  [autoNumberField.form.element, AutoNumberFieldElement],
  [booleanField.form.element, BooleanFieldElement],
  [computedField.form.element, ComputedFieldElement],
  [dateField.form.element, DateFieldElement],
  [datetimeField.form.element, DatetimeFieldElement],
  [departmentField.form.element, DepartmentFieldElement],
  [linkField.form.element, LinkFieldElement],
  [longTextField.form.element, LongTextFieldElement],
  [moneyField.form.element, MoneyFieldElement],
  [multiSelectField.form.element, MultiSelectFieldElement],
  [numberField.form.element, NumberFieldElement],
  [percentField.form.element, PercentFieldElement],
  [ratingField.form.element, RatingFieldElement],
  [richTextField.form.element, RichTextFieldElement],
  [selectField.form.element, SelectFieldElement],
  [subTableField.form.element, SubTableFieldElement],
  [textField.form.element, TextFieldElement],
  [userField.form.element, UserFieldElement],
];

/**
 * Defines `<tessera-form>` and every basic field element on a page (idempotent). An explicit
 * call rather than an import side effect, like the platform's own registries.
 */
export function defineFieldElements(registry: CustomElementRegistry = customElements): void {
  defineFormElements(registry);
  for (const [tag, element] of fieldElements) if (!registry.get(tag)) registry.define(tag, element);
}
