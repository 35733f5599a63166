import { TesseraFieldElement } from '@tessera/runtime/elements';
import type { FieldState } from '@tessera/runtime/forms';
import type { TemplateResult } from 'lit';

/** `<tessera-field-date>`: the browser's date picker; its `YYYY-MM-DD` is the stored form. */
export class DateFieldElement extends TesseraFieldElement {
  protected override renderInput(state: FieldState): TemplateResult {
    return this.renderTextInput(state, 'date');
  }
}
