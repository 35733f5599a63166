import { type Locale, localize } from '@tessera/core';
import { html, LitElement, nothing } from 'lit';
import type { ApiClient } from '../../api/api-client.ts';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { SendController } from '../send-controller.ts';
import { dialogStyles } from './dialog-styles.ts';
import { downloadExport, type SaveFile, saveJson } from './save-file.ts';
import { problemText } from './store-model.ts';
import { STORE_TEXTS } from './store-texts.ts';
import type { PackListing } from './store-types.ts';

/** Keep the records; save them to a file, then remove them; or remove them outright. */
export type UninstallChoice = 'keep' | 'export' | 'remove';

/**
 * `<tessera-uninstall-dialog>`: removes an installed app, asking what becomes of its records.
 * Removing everything wants the pack's name typed, as deletions elsewhere do. Dispatches
 * `tessera-close` with `{ changed }`.
 */
export class UninstallDialog extends LitElement {
  static override properties = {
    api: { attribute: false },
    locale: { type: String },
    listing: { attribute: false },
    choice: { state: true },
    typed: { state: true },
    removed: { state: true },
  };
  static override styles = [sharedStyles, dialogStyles];
  declare api: ApiClient;
  declare locale: Locale;
  declare listing: PackListing;
  declare choice: UninstallChoice;
  declare typed: string;
  declare removed: number | undefined;
  /** How the exported file reaches the person (a download; tests catch it). */
  save: SaveFile = saveJson;
  private readonly removing = new SendController(this, problemText);

  constructor() {
    super();
    this.choice = 'keep';
    this.typed = '';
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  private get confirmed(): boolean {
    return this.choice !== 'remove' || this.typed.trim() === this.listing.name;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    if (!this.confirmed) return;
    const { name, installed, version } = this.listing;
    const answer = await this.removing.run(async () => {
      // a failed export stops here: nothing is removed without its copy
      if (this.choice === 'export') {
        await downloadExport(this.api, name, 'all', installed?.version ?? version, this.save);
      }
      return this.api.call.packs.uninstall({
        params: { name },
        body: { data: this.choice === 'keep' ? 'keep' : 'remove' },
      });
    });
    if (answer) this.removed = answer.removed;
  }

  private close() {
    this.renderRoot.querySelector('dialog')?.close();
    this.dispatchEvent(
      new CustomEvent('tessera-close', { detail: { changed: this.removed !== undefined } }),
    );
  }

  override render() {
    const t = translator(STORE_TEXTS, this.locale);
    const label = localize(this.listing.label, this.locale, this.listing.name);
    const option = (value: UninstallChoice) =>
      html`<label class="choice"><input type="radio" name="data" value=${value} .checked=${this.choice === value}
        @change=${() => {
          this.choice = value;
        }} /><span><strong>${t(`store.uninstall.${value}`)}</strong><span class="muted">${t(`store.uninstall.${value}.hint`)}</span></span></label>`;
    return html`<dialog aria-labelledby="title" @cancel=${(event: Event) => {
      event.preventDefault();
      if (!this.removing.busy) this.close();
    }}>
      ${
        this.removed !== undefined
          ? html`<div class="body">
              <h2 id="title">${t('store.uninstall.title', { label })}</h2>
              <p class="notice" role="status">${t('store.uninstall.done', { n: this.removed })}</p>
              <div class="actions"><button type="button" class="primary" @click=${this.close}>${t('store.close')}</button></div>
            </div>`
          : html`<form @submit=${this.submit}>
              <h2 id="title">${t('store.uninstall.title', { label })}</h2>
              <fieldset>
                <legend>${t('store.uninstall.data')}</legend>
                ${option('keep')}${option('export')}${option('remove')}
              </fieldset>
              ${
                this.choice === 'remove'
                  ? html`<label class="field">${t('store.uninstall.typeName', { name: this.listing.name })}
                      <input name="confirm" autocomplete="off" spellcheck="false" .value=${this.typed}
                        @input=${(event: InputEvent) => {
                          this.typed = (event.target as HTMLInputElement).value;
                        }} /></label>`
                  : nothing
              }
              ${this.removing.render()}
              <div class="actions">
                <button type="button" ?disabled=${this.removing.busy} @click=${this.close}>${t('store.cancel')}</button>
                <button type="submit" class=${this.choice === 'keep' ? 'primary' : 'danger'} ?disabled=${this.removing.busy || !this.confirmed}>${t(this.choice === 'export' ? 'store.uninstall.exportSubmit' : 'store.uninstall.submit')}</button>
              </div>
            </form>`
      }
    </dialog>`;
  }
}

if (!customElements.get('tessera-uninstall-dialog'))
  customElements.define('tessera-uninstall-dialog', UninstallDialog);
