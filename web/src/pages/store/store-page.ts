import { initialState, Task } from '@lit/task';
import { localize } from '@tessera/core';
import { css, html, LitElement, nothing } from 'lit';
import type { AppContext } from '../../app-context/app-context.ts';
import { consumeAppContext } from '../../app-context/consume-app-context.ts';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { loadStates } from '../load-states.ts';
import { SendController } from '../send-controller.ts';
import { renderPackCard } from './pack-card.ts';
import { isAdmin, MAX_PACK_BYTES, problemIssues, problemText } from './store-model.ts';
import { STORE_TEXTS } from './store-texts.ts';
import type { PackListing } from './store-types.ts';
import './uninstall-dialog.ts';
import './upgrade-dialog.ts';

type Open = { readonly kind: 'upgrade' | 'uninstall'; readonly listing: PackListing };

/**
 * `/store` (应用市场): the packs this server offers, one card each: what it holds, the plugins
 * it needs, and install / open / upgrade, with uninstall and export in a menu. An admin may
 * upload a pack file; a refused one lists its issues by JSON pointer.
 */
export class StorePage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
    open: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .top { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: flex-start; margin-bottom: 1rem; }
      .top div { flex: 1 1 16rem; min-width: 0; }
      .top h1 { margin-bottom: 0.25rem; }
      .grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr)); }
      article { display: grid; gap: 0.6rem; align-content: start; min-width: 0; overflow-wrap: anywhere; }
      article img { width: 100%; aspect-ratio: 16 / 9; object-fit: cover; border-radius: 6px; border: 1px solid var(--tessera-line); background: var(--tessera-back); }
      article h2 { margin: 0; }
      article p { margin: 0; }
      .title { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
      ul.plugins { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.2rem; font-size: 0.9rem; }
      ul.plugins .ok > span:first-child { color: var(--tessera-ok); }
      ul.plugins .missing { color: var(--tessera-danger); }
      .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
      details.menu summary { list-style: none; }
      details.menu summary::-webkit-details-marker { display: none; }
      details.menu .items { display: grid; gap: 0.35rem; margin-top: 0.5rem; }
      details.menu .items > * { justify-content: flex-start; }
      .issues { margin: 0.5rem 0 0; padding-left: 1.2rem; }
      .issues code { overflow-wrap: anywhere; }
      @media (max-width: 40rem) { .actions > a, .actions > button { flex: 1; justify-content: center; } }
    `,
  ];
  declare ctx: AppContext;
  protected readonly appContext = consumeAppContext(this);
  declare params: Record<string, string>;
  declare open: Open | undefined;

  /** Only an administrator's store asks the server; run again after a change. */
  private readonly packs = new Task(this, {
    args: () => [this.ctx.api, isAdmin(this.ctx.user)] as const,
    task: async ([api, admin]) => (admin ? (await api.call.packs.list()).packs : initialState),
  });

  /** A pack file sent to the store; a refusal lists the file's issues. */
  private readonly uploads = new SendController(this);

  private pickFile() {
    this.renderRoot.querySelector<HTMLInputElement>('input[type="file"]')?.click();
  }

  private async upload(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const t = translator(STORE_TEXTS, this.ctx.locale);
    if (file.size > MAX_PACK_BYTES) {
      this.uploads.fail(t('store.upload.tooLarge', { name: file.name }));
      return;
    }
    let manifest: unknown;
    try {
      manifest = JSON.parse(await file.text());
    } catch (error) {
      this.uploads.fail(
        t('store.upload.notJson', { name: file.name, reason: (error as Error).message }),
      );
      return;
    }
    // an object or not, the server checks it (400 with its issues)
    const body = manifest as Record<string, unknown>;
    await this.uploads.run(
      async () => {
        const { pack } = await this.ctx.api.call.packs.upload({ body });
        this.ctx.flash(
          t('store.upload.done', {
            label: localize(pack.label, this.ctx.locale, pack.name),
            version: pack.version,
          }),
        );
        await this.packs.run();
      },
      (error) => t('store.upload.refused', { name: file.name, reason: problemText(error) }),
    );
  }

  private closeDialog(changed: boolean) {
    this.open = undefined;
    if (changed) void this.packs.run();
  }

  override render() {
    const t = translator(STORE_TEXTS, this.ctx.locale);
    if (!isAdmin(this.ctx.user)) {
      return html`<h1>${t('store.title')}</h1><p class="error" role="alert">${t('store.adminOnly')}</p>`;
    }
    return html`
      <div class="top">
        <div><h1>${t('store.title')}</h1><p class="muted">${t('store.lead')}</p></div>
        <button type="button" ?disabled=${this.uploads.busy} @click=${() => this.pickFile()}>⤒ ${t(this.uploads.busy ? 'store.upload.busy' : 'store.upload')}</button>
        <input type="file" accept=".json,application/json" hidden aria-label=${t('store.upload')}
          @change=${(event: Event) => this.upload(event.target as HTMLInputElement)} />
      </div>
      ${this.renderUploadProblem()}
      ${this.packs.render(loadStates({ loading: t('store.loading'), message: problemText }))}
      ${this.packs.value?.length === 0 ? html`<p class="notice">${t('store.none')}</p>` : nothing}
      <div class="grid">${(this.packs.value ?? []).map((listing) =>
        renderPackCard(listing, this.ctx, t, {
          upgrade: () => {
            this.open = { kind: 'upgrade', listing };
          },
          uninstall: () => {
            this.open = { kind: 'uninstall', listing };
          },
        }),
      )}</div>
      ${this.renderDialog()}
    `;
  }

  /** The refusal of a pack file, with the issues the server found in it by JSON pointer. */
  private renderUploadProblem() {
    const { problem, error } = this.uploads;
    if (!problem) return nothing;
    const issues = problemIssues(error, this.ctx.locale);
    return html`<div class="error upload" role="alert"><p>${problem}</p>
      ${
        issues.length > 0
          ? html`<ul class="issues">${issues.map(
              (issue) => html`<li><code>${issue.path}</code> ${issue.message}</li>`,
            )}</ul>`
          : nothing
      }</div>`;
  }

  private renderDialog() {
    const open = this.open;
    if (!open) return nothing;
    const close = (event: CustomEvent<{ changed: boolean }>) =>
      this.closeDialog(event.detail.changed);
    return open.kind === 'upgrade'
      ? html`<tessera-upgrade-dialog .api=${this.ctx.api} .locale=${this.ctx.locale} .listing=${open.listing}
          @tessera-close=${close}></tessera-upgrade-dialog>`
      : html`<tessera-uninstall-dialog .api=${this.ctx.api} .locale=${this.ctx.locale} .listing=${open.listing}
          @tessera-close=${close}></tessera-uninstall-dialog>`;
  }
}

if (!customElements.get('tessera-store-page'))
  customElements.define('tessera-store-page', StorePage);
