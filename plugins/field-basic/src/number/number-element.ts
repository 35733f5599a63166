import { TesseraFieldElement } from '@tessera/runtime/elements';
import type { FieldState } from '@tessera/runtime/forms';
import type { TemplateResult } from 'lit';

/**
 * `<tessera-field-number>`: a text input with a decimal keyboard rather than `type=number`,
 * so the type's own `parseInput` (grouping commas, full-width digits) decides what is a number.
 */
export class NumberFieldElement extends TesseraFieldElement {
  protected override renderInput(state: FieldState): TemplateResult {
    return this.renderTextInput(state, 'text', 'decimal');
  }
}
