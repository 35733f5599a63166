import { TesseraFieldElement } from '@tessera/runtime/elements';
import type { FieldState } from '@tessera/runtime/forms';
import { html, type TemplateResult } from 'lit';

/** `<tessera-field-rating>`: 1 to `max` (default 5) stars as a select; read-only shows stars. */
export class RatingFieldElement extends TesseraFieldElement {
  protected override renderInput(state: FieldState): TemplateResult {
    const max = typeof this.field.config?.max === 'number' ? this.field.config.max : 5;
    const value = this.value;
    return html`<select
      id=${this.inputId}
      aria-invalid=${this.invalid(state)}
      aria-describedby=${this.describedBy(state)}
      @change=${(event: Event) => this.commitText((event.target as HTMLSelectElement).value)}
    >
      <option value="" ?selected=${value === undefined}>${this.text('choose')}</option>
      ${Array.from({ length: max }, (_, index) => index + 1).map(
        (n) => html`<option value=${n} ?selected=${value === n}>${'★'.repeat(n)} (${n})</option>`,
      )}
    </select>`;
  }
}
