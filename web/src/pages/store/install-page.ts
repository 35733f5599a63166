import { initialState, Task } from '@lit/task';
import { localize } from '@tessera/core';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { ApiClient } from '../../api/api-client.ts';
import type { AppContext } from '../../app-context/app-context.ts';
import { consumeAppContext } from '../../app-context/consume-app-context.ts';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { loadStates, problemAlert } from '../load-states.ts';
import { SendController } from '../send-controller.ts';
import './install-progress.ts';
import { renderPlugins } from './pack-parts.ts';
import type { Department } from './role-picker.ts';
import './role-picker.ts';
import {
  appHref,
  appIdOf,
  installable,
  installBody,
  isAdmin,
  missingPlugins,
  problemText,
  shownIssues,
  unmapped,
} from './store-model.ts';
import { STORE_TEXTS, type StoreTranslate } from './store-texts.ts';
import type { InstallState, PackListing, RoleChoice } from './store-types.ts';

type Step = 'overview' | 'roles' | 'confirm' | 'running';
const STEPS = ['overview', 'roles', 'confirm'] as const;
const NOBODY: RoleChoice = { users: [], departments: [] };
const NO_DEPARTMENTS: readonly Department[] = [];

/**
 * `/store/:name/install`: the install wizard. 1 the pack and the plugins it needs (a missing
 * plugin stops here); 2 who takes each of its roles, and whether to load demo data; 3 confirm,
 * install, and follow the server's steps until the app is installed or the install failed.
 */
export class InstallPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
    roles: { state: true },
    demo: { state: true },
    step: { state: true },
    started: { state: true },
    ended: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .wizard { list-style: none; display: flex; gap: 0.5rem; padding: 0; margin: 0 0 1rem; flex-wrap: wrap; counter-reset: step; }
      .wizard li { counter-increment: step; color: var(--tessera-muted); }
      .wizard li::before { content: counter(step) '. '; }
      .wizard li[aria-current='step'] { color: var(--tessera-text); font-weight: 600; }
      section.card { display: grid; gap: 0.9rem; min-width: 0; }
      h2:focus { outline: none; }
      .roles { display: grid; gap: 0.75rem; }
      .actions { display: flex; gap: 0.5rem; justify-content: flex-end; flex-wrap: wrap; }
      .summary { margin: 0; display: grid; gap: 0.4rem; }
      .summary dt { font-weight: 600; }
      .summary dd { margin: 0 0 0.4rem; overflow-wrap: anywhere; }
      .warn { background: #fff4e5; color: var(--tessera-warn); border-radius: 6px; padding: 0.5rem 0.7rem; }
      ul.plugins { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.25rem; }
      ul.plugins .ok { color: var(--tessera-ok); }
      ul.plugins .missing { color: var(--tessera-danger); }
      .choice { display: flex; gap: 0.5rem; align-items: center; }
      @media (max-width: 40rem) { .actions > * { flex: 1; justify-content: center; min-height: 3rem; } }
    `,
  ];
  declare ctx: AppContext;
  protected readonly appContext = consumeAppContext(this);
  declare params: Record<string, string>;
  declare roles: Readonly<Record<string, RoleChoice>>;
  declare demo: boolean;
  declare step: Step;
  declare started: InstallState | undefined;
  declare ended: InstallState | undefined;
  /** Milliseconds between progress reads (tests make it short). */
  pollInterval = 500;

  /** The pack the address names, from the store's list; only an administrator's asks. */
  private readonly loading = new Task(this, {
    args: () => [this.ctx.api, isAdmin(this.ctx.user), this.params.name] as const,
    task: async ([api, admin, name]) =>
      admin ? (await api.call.packs.list()).packs.find((one) => one.name === name) : initialState,
  });

  /** Who a role may go to, read when the roles step first opens. */
  private readonly departments = new Task(this, {
    autoRun: false,
    task: async ([api]: readonly [ApiClient]): Promise<readonly Department[]> => {
      const page = await api.call.departments.list({ query: { limit: '1000' } });
      return page.items.map((one) => ({ id: one.id, name: one.name }));
    },
  });

  private readonly installing = new SendController(this, problemText);

  constructor() {
    super();
    this.roles = {};
    this.demo = true;
    this.step = 'overview';
  }

  private get listing(): PackListing | undefined {
    return this.loading.value;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('step') && changed.get('step') !== undefined) {
      this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    }
  }

  private go(step: Step) {
    this.installing.clear();
    if (step === 'roles' && !this.departments.value?.length)
      void this.departments.run([this.ctx.api]);
    this.step = step;
  }

  private async install() {
    const listing = this.listing;
    if (!listing) return;
    const answer = await this.installing.run(() =>
      this.ctx.api.call.packs.install({
        params: { name: listing.name },
        body: installBody(listing.version, this.roles, this.demo),
      }),
    );
    if (!answer) return;
    this.started = answer.install;
    this.ended = undefined;
    this.step = 'running';
  }

  override render() {
    const t = translator(STORE_TEXTS, this.ctx.locale);
    if (!isAdmin(this.ctx.user)) {
      return html`<h1>${t('store.title')}</h1><p class="error" role="alert">${t('store.adminOnly')}</p>`;
    }
    const listing = this.listing;
    const label = listing ? localize(listing.label, this.ctx.locale, listing.name) : '';
    const notFound = t('store.notFound', { name: this.params.name ?? '' });
    const problems = loadStates({ message: problemText });
    return html`
      <p><a href="/store">← ${t('store.back')}</a></p>
      <h1>${listing ? t('store.install.title', { label }) : t('store.title')}</h1>
      ${this.loading.render({ ...problems, complete: (found) => (found ? nothing : problemAlert(notFound)) })}
      ${listing ? this.renderWizard(listing, t) : nothing}
      ${this.step === 'roles' ? this.departments.render(problems) : nothing}
      ${this.installing.render()}
    `;
  }

  private renderWizard(listing: PackListing, t: StoreTranslate) {
    const current = this.step === 'running' ? 'confirm' : this.step;
    return html`
      <ol class="wizard" aria-label=${t('store.wizard')}>
        ${STEPS.map((step) => html`<li aria-current=${step === current ? 'step' : nothing}>${t(`store.wizard.${step}`)}</li>`)}
      </ol>
      ${
        this.step === 'overview'
          ? this.renderOverview(listing, t)
          : this.step === 'roles'
            ? this.renderRoles(listing, t)
            : this.step === 'confirm'
              ? this.renderConfirm(listing, t)
              : this.renderRunning(listing, t)
      }
    `;
  }

  private renderOverview(listing: PackListing, t: StoreTranslate) {
    const { locale } = this.ctx;
    const missing = missingPlugins(listing);
    const issues = missing.length > 0 ? [] : shownIssues(listing.issues, locale);
    return html`<section class="card" aria-labelledby="step">
      <h2 id="step" tabindex="-1">${t('store.wizard.overview')}</h2>
      <p>${localize(listing.description, locale)}</p>
      <p class="muted">v${listing.version} · ${t('store.counts', listing.counts)}</p>
      ${renderPlugins(listing, t)}
      ${
        missing.length > 0
          ? html`<div class="error" role="alert">${missing.map(
              (plugin) =>
                html`<p>${t(
                  plugin.installed ? 'store.plugin.wrongVersion' : 'store.plugin.absent',
                  {
                    name: plugin.name,
                    range: plugin.range,
                    installed: plugin.installed ?? '',
                  },
                )}</p>`,
            )}<p>${t('store.plugin.cannotInstall')}</p></div>`
          : nothing
      }
      ${
        missing.length === 0 && !installable(listing)
          ? html`<div class="error" role="alert"><p>${t('store.invalid', { n: issues.length })}</p>
              <ul class="issues">${issues.map((issue) => html`<li><code>${issue.path}</code> ${issue.message}</li>`)}</ul></div>`
          : nothing
      }
      ${
        listing.installed?.state === 'installed' && listing.installed.version === listing.version
          ? html`<p class="notice">${t('store.install.already', { version: listing.installed.version })}
              <a href=${appHref(appIdOf(listing))}>${t('store.open')}</a></p>`
          : nothing
      }
      <div class="actions">
        <a class="button" href="/store">${t('store.cancel')}</a>
        <button type="button" class="primary" ?disabled=${!installable(listing)} @click=${() => this.go('roles')}>${t('store.next')}</button>
      </div>
    </section>`;
  }

  private renderRoles(listing: PackListing, t: StoreTranslate) {
    return html`<section class="card" aria-labelledby="step">
      <h2 id="step" tabindex="-1">${t('store.wizard.roles')}</h2>
      <p class="muted">${t(listing.roles.length > 0 ? 'store.roles.lead' : 'store.roles.none')}</p>
      <div class="roles">${listing.roles.map(
        (
          role,
        ) => html`<tessera-role-picker data-role=${role.id} .api=${this.ctx.api} .locale=${this.ctx.locale}
          .packRole=${role} .choice=${this.roles[role.id] ?? NOBODY} .departments=${this.departments.value ?? NO_DEPARTMENTS}
          @tessera-change=${(event: CustomEvent<RoleChoice>) => {
            this.roles = { ...this.roles, [role.id]: event.detail };
          }}></tessera-role-picker>`,
      )}</div>
      <label class="choice"><input type="checkbox" name="demo" .checked=${this.demo}
        @change=${(event: Event) => {
          this.demo = (event.target as HTMLInputElement).checked;
        }} />${t('store.demo', { n: listing.counts.demo })}</label>
      <div class="actions">
        <button type="button" @click=${() => this.go('overview')}>${t('store.previous')}</button>
        <button type="button" class="primary" @click=${() => this.go('confirm')}>${t('store.next')}</button>
      </div>
    </section>`;
  }

  private renderConfirm(listing: PackListing, t: StoreTranslate) {
    const { locale } = this.ctx;
    const names = (choice: RoleChoice) =>
      [...choice.users, ...choice.departments].map((one) => one.name).join('、');
    const nobody = listing.roles.filter((role) => unmapped(this.roles[role.id]));
    return html`<section class="card" aria-labelledby="step">
      <h2 id="step" tabindex="-1">${t('store.wizard.confirm')}</h2>
      <dl class="summary">
        <dt>${t('store.confirm.pack')}</dt><dd>${localize(listing.label, locale, listing.name)} v${listing.version}</dd>
        ${listing.roles.map((role) => {
          const choice = this.roles[role.id] ?? NOBODY;
          return html`<dt>${localize(role.label, locale, role.id)}</dt>
            <dd>${unmapped(choice) ? html`<span class="warn">⚠ ${t('store.confirm.nobody')}</span>` : names(choice)}</dd>`;
        })}
        <dt>${t('store.confirm.demo')}</dt><dd>${t(this.demo ? 'store.yes' : 'store.no')}</dd>
      </dl>
      ${nobody.length > 0 ? html`<p class="warn" role="note">${t('store.confirm.unmapped', { n: nobody.length })}</p>` : nothing}
      <div class="actions">
        <button type="button" @click=${() => this.go('roles')}>${t('store.previous')}</button>
        <button type="button" class="primary" ?disabled=${this.installing.busy} @click=${() => this.install()}>${t('store.install')}</button>
      </div>
    </section>`;
  }

  private renderRunning(listing: PackListing, t: StoreTranslate) {
    const ended = this.ended;
    return html`<section class="card" aria-labelledby="step">
      <h2 id="step" tabindex="-1">${t('store.installing', { label: localize(listing.label, this.ctx.locale, listing.name) })}</h2>
      <tessera-install-progress .api=${this.ctx.api} .locale=${this.ctx.locale} .pack=${listing.name}
        mode="install" .initial=${this.started} .interval=${this.pollInterval}
        @tessera-install-ended=${(event: CustomEvent<InstallState>) => {
          this.ended = event.detail;
        }}></tessera-install-progress>
      ${
        ended?.state === 'installed'
          ? html`<div class="actions">
              <a class="button" href="/store">${t('store.back')}</a>
              <a class="button primary" href=${appHref(ended.app)}>${t('store.open')}</a>
            </div>`
          : nothing
      }
      ${
        ended?.state === 'failed'
          ? html`<div class="actions">
              <a class="button" href="/store">${t('store.back')}</a>
              <button type="button" class="primary" @click=${() => this.go('confirm')}>${t('store.retry')}</button>
            </div>`
          : nothing
      }
    </section>`;
  }
}

if (!customElements.get('tessera-install-page'))
  customElements.define('tessera-install-page', InstallPage);
