import { TesseraFieldElement } from '@tessera/runtime/elements';
import type { FieldState } from '@tessera/runtime/forms';
import { html, type TemplateResult } from 'lit';

/**
 * `<tessera-field-attachment>`: a file input; each chosen file is uploaded through the form's
 * injected `uploadFile(field, file)` and its returned entry appended to the value. Simple on
 * purpose: no drag and drop or progress yet.
 */
export class AttachmentFieldElement extends TesseraFieldElement {
  private async upload(files: FileList | null) {
    const upload = this.services?.uploadFile;
    if (!files || !upload) return;
    const entries = Array.isArray(this.value) ? [...this.value] : [];
    for (const file of files) entries.push(await upload(this.path, file));
    this.commit(entries);
  }

  protected override renderInput(state: FieldState): TemplateResult {
    const accept = this.field.config?.accept;
    return html`<output>${this.formatted()}</output>
      <input id=${this.inputId} type="file" multiple
        accept=${Array.isArray(accept) ? accept.join(',') : ''}
        aria-invalid=${this.invalid(state)} aria-describedby=${this.describedBy(state)}
        @change=${(event: Event) => void this.upload((event.target as HTMLInputElement).files)} />`;
  }
}
