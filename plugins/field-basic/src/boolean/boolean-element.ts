import { TesseraFieldElement } from '@tessera/runtime/elements';
import type { FieldState } from '@tessera/runtime/forms';
import { html, type TemplateResult } from 'lit';

/** `<tessera-field-boolean>`: a checkbox; read-only shows the type's yes/no text. */
export class BooleanFieldElement extends TesseraFieldElement {
  protected override renderInput(state: FieldState): TemplateResult {
    return html`<input
      id=${this.inputId}
      type="checkbox"
      aria-invalid=${this.invalid(state)}
      aria-describedby=${this.describedBy(state)}
      .checked=${this.value === true}
      @change=${(event: Event) => this.commit((event.target as HTMLInputElement).checked)}
    />`;
  }
}
