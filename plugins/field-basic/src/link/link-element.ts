import { html, nothing, type TemplateResult } from 'lit';
import { type PickerChoice, PickerFieldElement } from '../shared/picker-element.ts';

/**
 * `<tessera-field-link>`: searches records of the linked table through the form's injected
 * `searchRecords(table, text)`, shows the picked record's title with an "open" link, and (for a
 * top-level field) lets the runtime copy the fields the link's `pull` config names.
 */
export class LinkFieldElement extends PickerFieldElement {
  private get table(): string {
    return String(this.field.config?.table ?? '');
  }

  protected override search(text: string): Promise<readonly PickerChoice[]> {
    return this.services?.searchRecords?.(this.table, text) ?? Promise.resolve([]);
  }

  protected override choose(choice: PickerChoice): void {
    if (this.multiple || this.path.includes('.')) super.choose(choice);
    else this.runtime.pickRecord(this.path, choice.id, choice.values);
  }

  protected override drop(id: string): void {
    if (this.multiple || this.path.includes('.')) super.drop(id);
    else this.runtime.pickRecord(this.path, undefined);
  }

  override updated(): void {
    // titles of records linked before this page: ask once per unknown id
    for (const id of this.ids()) {
      if (this.titles.has(id) || !this.services?.recordTitle) continue;
      this.titles.set(id, id);
      void this.services.recordTitle(this.table, id).then((title) => {
        if (title === undefined) return;
        this.titles.set(id, title);
        this.requestUpdate();
      });
    }
  }

  protected override renderPicked(id: string): TemplateResult | typeof nothing {
    const href = this.services?.recordHref?.(this.table, id);
    return href
      ? html`<a href=${href} target="_blank" rel="noopener">${this.text('open')}</a>`
      : nothing;
  }
}
