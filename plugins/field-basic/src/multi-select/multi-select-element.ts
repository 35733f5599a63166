import type { FieldState } from '@tessera/runtime/forms';
import { html, type TemplateResult } from 'lit';
import { SelectFieldElement } from '../select/select-element.ts';

/** `<tessera-field-multi-select>`: a native multiple select (labelable, keyboard-friendly). */
export class MultiSelectFieldElement extends SelectFieldElement {
  protected override renderInput(state: FieldState): TemplateResult {
    const chosen = new Set(Array.isArray(this.value) ? (this.value as string[]) : []);
    const choices = this.choices();
    return html`<select
      id=${this.inputId}
      multiple
      size=${Math.min(6, Math.max(2, choices.length))}
      aria-invalid=${this.invalid(state)}
      aria-describedby=${this.describedBy(state)}
      aria-required=${state.required ? 'true' : 'false'}
      @change=${(event: Event) => {
        const picked = [...(event.target as HTMLSelectElement).selectedOptions].map(
          (one) => one.value,
        );
        this.commit(picked);
      }}
    >
      ${choices.map((one) => html`<option value=${one.value} ?selected=${chosen.has(one.value)}>${one.label}</option>`)}
    </select>`;
  }
}
