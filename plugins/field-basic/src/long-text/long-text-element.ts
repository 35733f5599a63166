import { TesseraFieldElement } from '@tessera/runtime/elements';
import type { FieldState } from '@tessera/runtime/forms';
import { html, type TemplateResult } from 'lit';

/** `<tessera-field-long-text>`: several lines in a textarea; read-only keeps line breaks. */
export class LongTextFieldElement extends TesseraFieldElement {
  protected override renderInput(state: FieldState): TemplateResult {
    return html`<textarea
      id=${this.inputId}
      rows="4"
      aria-invalid=${this.invalid(state)}
      aria-describedby=${this.describedBy(state)}
      aria-required=${state.required ? 'true' : 'false'}
      .value=${this.draft ?? this.editText()}
      @input=${this.onTextInput}
      @change=${this.onTextChange}
    ></textarea>`;
  }

  protected override renderReadOnly(): TemplateResult {
    return html`<output id=${this.inputId} class="pre-wrap">${this.formatted()}</output>`;
  }
}
