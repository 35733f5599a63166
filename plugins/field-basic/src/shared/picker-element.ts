import { TesseraFieldElement } from '@tessera/runtime/elements';
import type { FieldState } from '@tessera/runtime/forms';
import { html, nothing, type TemplateResult } from 'lit';

/** Something a picker offers: an id, the text shown for it, and anything it carries. */
export interface PickerChoice {
  readonly id: string;
  readonly title: string;
  readonly values?: Record<string, unknown>;
}

/**
 * Fields that hold ids picked from a search (links, users, departments): a search box, results
 * as buttons (reachable by Tab, chosen with Enter or Space), and the picked items shown by title.
 * Subclasses say how to search and how to name an id; searches go through injected services.
 */
export abstract class PickerFieldElement extends TesseraFieldElement {
  static override properties = {
    ...TesseraFieldElement.properties,
    results: { state: true },
  };
  declare results: readonly PickerChoice[] | undefined;
  /** Titles of ids seen in results or resolved, so picked items read as names, not ids. */
  protected titles = new Map<string, string>();
  private searchSeq = 0;

  protected abstract search(text: string): Promise<readonly PickerChoice[]>;
  /** Extra content after a picked item (the link's "open" anchor). */
  protected renderPicked(_id: string): TemplateResult | typeof nothing {
    return nothing;
  }
  protected get multiple(): boolean {
    return this.field.config?.multiple === true;
  }
  protected ids(): string[] {
    const value = this.value;
    if (Array.isArray(value)) return value.filter((one): one is string => typeof one === 'string');
    return typeof value === 'string' && value !== '' ? [value] : [];
  }
  protected choose(choice: PickerChoice): void {
    this.commit(this.multiple ? [...new Set([...this.ids(), choice.id])] : choice.id);
  }
  protected drop(id: string): void {
    const rest = this.ids().filter((one) => one !== id);
    this.commit(this.multiple ? rest : undefined);
  }

  private async runSearch(text: string) {
    const seq = ++this.searchSeq;
    const found = text.trim() === '' ? [] : await this.search(text.trim());
    if (seq !== this.searchSeq) return; // a later search already answered
    for (const one of found) this.titles.set(one.id, one.title);
    this.results = found;
  }

  protected override formatted(): string {
    return this.ids()
      .map((id) => this.titles.get(id) ?? id)
      .join(', ');
  }

  protected override renderReadOnly(): TemplateResult {
    return html`<output id=${this.inputId}>
      ${this.ids().map((id) => html`<span>${this.titles.get(id) ?? id}</span> ${this.renderPicked(id)}`)}
    </output>`;
  }

  protected override renderInput(state: FieldState): TemplateResult {
    const results = this.results;
    const picked = this.ids();
    return html`${
      picked.length > 0
        ? html`<ul class="picked">
            ${picked.map(
              (id) => html`<li>
                <span class="title">${this.titles.get(id) ?? id}</span> ${this.renderPicked(id)}
                <button type="button" aria-label="${this.text('clear')} ${this.titles.get(id) ?? id}"
                  @click=${() => this.drop(id)}>×</button>
              </li>`,
            )}
          </ul>`
        : nothing
    }
      <input id=${this.inputId} type="search" placeholder=${this.text('search')}
        aria-invalid=${this.invalid(state)} aria-describedby=${this.describedBy(state)}
        aria-required=${state.required ? 'true' : 'false'}
        @input=${(event: Event) => void this.runSearch((event.target as HTMLInputElement).value)} />
      ${
        results === undefined
          ? nothing
          : results.length === 0
            ? html`<p role="status">${this.text('noResults')}</p>`
            : html`<ul class="results" role="list">
              ${results.map(
                (one) =>
                  html`<li><button type="button" @click=${() => {
                    this.results = undefined;
                    this.choose(one);
                  }}>${one.title}</button></li>`,
              )}
            </ul>`
      }`;
  }
}
