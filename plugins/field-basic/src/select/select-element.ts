import { localize } from '@tessera/core';
import { TesseraFieldElement } from '@tessera/runtime/elements';
import type { FieldState } from '@tessera/runtime/forms';
import { html, type TemplateResult } from 'lit';

interface Choice {
  readonly value: string;
  readonly label: string;
}

/** `<tessera-field-select>`: one option, from the field's own options or an app dictionary. */
export class SelectFieldElement extends TesseraFieldElement {
  /** Options to offer: inline ones, or the dictionary's items that are not disabled. */
  protected choices(): Choice[] {
    const config = this.field.config ?? {};
    const locale = this.runtime.locale;
    const options = config.options as { value: string; label: string }[] | undefined;
    if (options)
      return options.map((one) => ({
        value: one.value,
        label: localize(one.label, locale, one.value),
      }));
    const dictionary = this.runtime.app.dictionaries?.find((one) => one.id === config.dictionary);
    return (dictionary?.items ?? [])
      .filter((item) => !item.disabled)
      .map((item) => ({ value: item.value, label: localize(item.label, locale, item.value) }));
  }

  protected override renderInput(state: FieldState): TemplateResult {
    const value = this.value;
    return html`<select
      id=${this.inputId}
      aria-invalid=${this.invalid(state)}
      aria-describedby=${this.describedBy(state)}
      aria-required=${state.required ? 'true' : 'false'}
      @change=${(event: Event) => this.commit((event.target as HTMLSelectElement).value || undefined)}
    >
      <option value="" ?selected=${value === undefined}>${this.text('choose')}</option>
      ${this.choices().map(
        (one) =>
          html`<option value=${one.value} ?selected=${one.value === value}>${one.label}</option>`,
      )}
    </select>`;
  }
}
