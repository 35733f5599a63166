import type { TemplateResult } from 'lit';
import type { FieldState } from '../forms/form-types.ts';
import { TesseraFieldElement } from './field-element.ts';

/**
 * Shown for a field whose type names an element that is not defined on the page: its value
 * as read-only text, so a missing renderer never hides data or breaks the form.
 */
export class PlainFieldElement extends TesseraFieldElement {
  protected override renderInput(state: FieldState): TemplateResult {
    return this.renderReadOnly(state);
  }
}
