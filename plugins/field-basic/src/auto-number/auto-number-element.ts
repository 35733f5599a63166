import { TesseraFieldElement } from '@tessera/runtime/elements';
import { html, type TemplateResult } from 'lit';

/** `<tessera-field-auto-number>`: read-only; a new record shows that the number comes on save. */
export class AutoNumberFieldElement extends TesseraFieldElement {
  protected override renderReadOnly(): TemplateResult {
    const text = this.formatted();
    return html`<output id=${this.inputId}>${text || html`<em>${this.text('assigned')}</em>`}</output>`;
  }
}
