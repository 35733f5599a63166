import { localize } from '@tessera/core';
import { css, html, LitElement, nothing } from 'lit';
import { translator } from '../../i18n/texts.ts';
import type { AppContext } from '../../shell/app-context.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { renderPackCard } from './pack-card.ts';
import {
  isAdmin,
  MAX_PACK_BYTES,
  problemIssues,
  problemText,
  type ShownIssue,
} from './store-model.ts';
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
    packs: { state: true },
    problem: { state: true },
    uploading: { state: true },
    uploadProblem: { state: true },
    issues: { state: true },
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
  declare params: Record<string, string>;
  declare packs: readonly PackListing[] | undefined;
  declare problem: string | undefined;
  declare uploading: boolean;
  declare uploadProblem: string | undefined;
  declare issues: readonly ShownIssue[];
  declare open: Open | undefined;

  constructor() {
    super();
    this.uploading = false;
    this.issues = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (isAdmin(this.ctx.user)) void this.load();
  }

  private async load() {
    try {
      const { packs } = await this.ctx.api.call.packs.list();
      this.packs = packs;
      this.problem = undefined;
    } catch (error) {
      this.problem = problemText(error);
    }
  }

  private pickFile() {
    this.renderRoot.querySelector<HTMLInputElement>('input[type="file"]')?.click();
  }

  private async upload(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const t = translator(STORE_TEXTS, this.ctx.locale);
    this.uploadProblem = undefined;
    this.issues = [];
    if (file.size > MAX_PACK_BYTES) {
      this.uploadProblem = t('store.upload.tooLarge', { name: file.name });
      return;
    }
    let manifest: unknown;
    try {
      manifest = JSON.parse(await file.text());
    } catch (error) {
      this.uploadProblem = t('store.upload.notJson', {
        name: file.name,
        reason: (error as Error).message,
      });
      return;
    }
    this.uploading = true;
    try {
      // an object or not, the server checks it (400 with its issues)
      const body = manifest as Record<string, unknown>;
      const { pack } = await this.ctx.api.call.packs.upload({ body });
      this.ctx.flash(
        t('store.upload.done', {
          label: localize(pack.label, this.ctx.locale, pack.name),
          version: pack.version,
        }),
      );
      await this.load();
    } catch (error) {
      this.uploadProblem = t('store.upload.refused', {
        name: file.name,
        reason: problemText(error),
      });
      this.issues = problemIssues(error, this.ctx.locale);
    } finally {
      this.uploading = false;
    }
  }

  private closeDialog(changed: boolean) {
    this.open = undefined;
    if (changed) void this.load();
  }

  override render() {
    const t = translator(STORE_TEXTS, this.ctx.locale);
    if (!isAdmin(this.ctx.user)) {
      return html`<h1>${t('store.title')}</h1><p class="error" role="alert">${t('store.adminOnly')}</p>`;
    }
    return html`
      <div class="top">
        <div><h1>${t('store.title')}</h1><p class="muted">${t('store.lead')}</p></div>
        <button type="button" ?disabled=${this.uploading} @click=${() => this.pickFile()}>⤒ ${t(this.uploading ? 'store.upload.busy' : 'store.upload')}</button>
        <input type="file" accept=".json,application/json" hidden aria-label=${t('store.upload')}
          @change=${(event: Event) => this.upload(event.target as HTMLInputElement)} />
      </div>
      ${
        this.uploadProblem
          ? html`<div class="error upload" role="alert"><p>${this.uploadProblem}</p>
              ${
                this.issues.length > 0
                  ? html`<ul class="issues">${this.issues.map(
                      (issue) => html`<li><code>${issue.path}</code> ${issue.message}</li>`,
                    )}</ul>`
                  : nothing
              }</div>`
          : nothing
      }
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      ${this.packs === undefined && !this.problem ? html`<p class="muted">${t('store.loading')}</p>` : nothing}
      ${this.packs?.length === 0 ? html`<p class="notice">${t('store.none')}</p>` : nothing}
      <div class="grid">${(this.packs ?? []).map((listing) =>
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
