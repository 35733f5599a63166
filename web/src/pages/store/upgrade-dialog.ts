import { Task } from '@lit/task';
import { type Locale, localize } from '@tessera/core';
import { html, LitElement } from 'lit';
import type { ApiClient } from '../../api/api-client.ts';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { loadStates } from '../load-states.ts';
import { SendController } from '../send-controller.ts';
import { dialogStyles } from './dialog-styles.ts';
import './install-progress.ts';
import { migrationSteps, problemText } from './store-model.ts';
import { STORE_TEXTS, type StoreTranslate } from './store-texts.ts';
import type { InstallState, PackListing, PackMigration, UpgradePreview } from './store-types.ts';

/**
 * `<tessera-upgrade-dialog>`: what upgrading an installed app to the store's version changes
 * (parts added, removed, changed; data migrations with how many records each touches), then
 * the upgrade itself, followed step by step. Dispatches `tessera-close` with `{ changed }`.
 */
export class UpgradeDialog extends LitElement {
  static override properties = {
    api: { attribute: false },
    locale: { type: String },
    listing: { attribute: false },
    started: { state: true },
    ended: { state: true },
  };
  static override styles = [sharedStyles, dialogStyles];
  declare api: ApiClient;
  declare locale: Locale;
  declare listing: PackListing;
  declare started: InstallState | undefined;
  declare ended: InstallState | undefined;
  pollInterval = 500;

  private readonly preview = new Task(this, {
    args: () => [this.api, this.listing.name, this.listing.version] as const,
    task: ([api, name, version]) =>
      api.call.packs.previewUpgrade({ params: { name }, body: { version } }),
  });

  private readonly applying = new SendController(this, problemText);

  protected override firstUpdated(): void {
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  private async apply() {
    const answer = await this.applying.run(() =>
      this.api.call.packs.upgrade({
        params: { name: this.listing.name },
        body: { version: this.listing.version },
      }),
    );
    if (answer) this.started = answer.install;
  }

  private close() {
    this.renderRoot.querySelector('dialog')?.close();
    this.dispatchEvent(
      new CustomEvent('tessera-close', { detail: { changed: this.started !== undefined } }),
    );
  }

  override render() {
    const t = translator(STORE_TEXTS, this.locale);
    const label = localize(this.listing.label, this.locale, this.listing.name);
    const running = this.started !== undefined && this.ended === undefined;
    return html`<dialog aria-labelledby="title" @cancel=${(event: Event) => {
      event.preventDefault();
      if (!running && !this.applying.busy) this.close();
    }}>
      <div class="body">
        <h2 id="title">${t('store.upgrade.title', { label })}</h2>
        ${this.started ? this.renderProgress() : this.renderPreview(t)}
        ${this.applying.render()}
        <div class="actions">
          ${
            this.started
              ? html`<button type="button" class="primary" ?disabled=${running} @click=${this.close}>${t('store.close')}</button>`
              : html`<button type="button" ?disabled=${this.applying.busy} @click=${this.close}>${t('store.cancel')}</button>
                <button type="button" class="primary" ?disabled=${this.applying.busy || !this.preview.value} @click=${() => this.apply()}>${t('store.upgrade.apply')}</button>`
          }
        </div>
      </div>
    </dialog>`;
  }

  private renderProgress() {
    return html`<tessera-install-progress .api=${this.api} .locale=${this.locale} .pack=${this.listing.name}
      mode="upgrade" .initial=${this.started} .interval=${this.pollInterval}
      @tessera-install-ended=${(event: CustomEvent<InstallState>) => {
        this.ended = event.detail;
      }}></tessera-install-progress>`;
  }

  private renderPreview(t: StoreTranslate) {
    return this.preview.render({
      ...loadStates({ loading: t('store.loading'), message: problemText }),
      complete: (preview) => this.renderChanges(preview, t),
    });
  }

  private renderChanges(preview: UpgradePreview, t: StoreTranslate) {
    return html`
      <p>${t('store.upgrade.fromTo', { from: preview.from, to: preview.to })}</p>
      <section aria-labelledby="changes">
        <h3 id="changes">${t('store.upgrade.changes')}</h3>
        ${
          preview.changes.length === 0
            ? html`<p class="muted">${t('store.upgrade.noChanges')}</p>`
            : html`<ul class="list">${preview.changes.map(
                (change) => html`<li data-change=${change.change}>
                  <span class=${`badge ${change.change === 'removed' ? 'warn' : change.change === 'added' ? 'ok' : ''}`}>${t(`store.change.${change.change}`)}</span>
                  ${t(`store.part.${change.part}`)}
                  <strong>${localize(change.label, this.locale, change.id)}</strong>
                </li>`,
              )}</ul>`
        }
      </section>
      <section aria-labelledby="migrations">
        <h3 id="migrations">${t('store.upgrade.migrations')}</h3>
        ${
          migrationSteps(preview).length === 0
            ? html`<p class="muted">${t('store.upgrade.noMigrations')}</p>`
            : html`<ul class="list">${migrationSteps(preview).map((step) => html`<li>${this.describe(step, t)}</li>`)}</ul>`
        }
      </section>
    `;
  }

  private describe(step: PackMigration, t: StoreTranslate) {
    const values = {
      table: step.table,
      from: step.from ?? '',
      to: step.to ?? '',
      field: step.field ?? '',
      n: step.records,
    };
    const known = step.op === 'renameField' || step.op === 'removeField' || step.op === 'setField';
    return known
      ? t(`store.migration.${step.op as 'renameField' | 'removeField' | 'setField'}`, values)
      : t('store.migration.other', { ...values, op: step.op });
  }
}

if (!customElements.get('tessera-upgrade-dialog'))
  customElements.define('tessera-upgrade-dialog', UpgradeDialog);
