import { localize } from '@tessera/core';
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem } from '../../api/api-error.ts';
import { translator } from '../../i18n/texts.ts';
import type { AppContext } from '../../shell/app-context.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { START_TEXTS } from './start-texts.ts';
import { loadWorkspace, type WorkspaceApp } from './workspace.ts';

/** `/start`: every published app's flows, grouped by app, with a filter. */
export class StartMenuPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
    apps: { state: true },
    filter: { state: true },
    problem: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .grid { display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); margin-bottom: 1.5rem; }
      .grid a { display: block; padding: 0.9rem 1rem; background: var(--tessera-surface); border: 1px solid var(--tessera-line); border-radius: 8px; text-decoration: none; color: inherit; min-height: 4rem; }
      .grid a:hover { border-color: var(--tessera-accent); }
      .grid strong { display: block; color: var(--tessera-accent); }
      input[type='search'] { width: 100%; max-width: 24rem; margin-bottom: 1rem; }
    `,
  ];
  declare ctx: AppContext;
  declare params: Record<string, string>;
  declare apps: readonly WorkspaceApp[] | undefined;
  declare filter: string;
  declare problem: string | undefined;

  constructor() {
    super();
    this.filter = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    loadWorkspace(this.ctx.api, () => this.ctx.offline()).then(
      (apps) => {
        this.apps = apps;
      },
      (error) => {
        this.problem = error instanceof ApiProblem ? error.message : String(error);
      },
    );
  }

  override render() {
    const { locale } = this.ctx;
    const t = translator(START_TEXTS, locale);
    const needle = this.filter.trim().toLowerCase();
    const apps = (this.apps ?? [])
      .map((app) => ({
        app,
        flows: app.flows.filter(
          (flow) =>
            flow.startable !== false &&
            (!needle ||
              `${localize(flow.label, locale)} ${localize(app.label, locale)}`
                .toLowerCase()
                .includes(needle)),
        ),
      }))
      .filter((entry) => entry.flows.length > 0);
    return html`
      <h1>${t('title')}</h1>
      <p class="muted">${t('lead')}</p>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      <input type="search" aria-label=${t('search')} placeholder=${t('search')} .value=${this.filter}
        @input=${(event: InputEvent) => {
          this.filter = (event.target as HTMLInputElement).value;
        }} />
      ${this.apps && apps.length === 0 && !needle ? html`<p class="notice">${t('none')}</p>` : nothing}
      ${apps.map(
        ({ app, flows }) => html`<section>
          <h2>${localize(app.label, locale, app.id)}</h2>
          <div class="grid">
            ${flows.map(
              (
                flow,
              ) => html`<a href=${`/start/${encodeURIComponent(app.id)}/${encodeURIComponent(flow.id)}`}>
                <strong>${localize(flow.label, locale, flow.id)}</strong>
                ${flow.description ? html`<span class="muted">${localize(flow.description, locale)}</span>` : nothing}
              </a>`,
            )}
          </div>
        </section>`,
      )}
    `;
  }
}

if (!customElements.get('tessera-start-menu-page'))
  customElements.define('tessera-start-menu-page', StartMenuPage);
