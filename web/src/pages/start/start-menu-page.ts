import { Task } from '@lit/task';
import { localize } from '@tessera/core';
import { css, html, LitElement, nothing } from 'lit';
import type { AppContext } from '../../app-context/app-context.ts';
import { consumeAppContext } from '../../app-context/consume-app-context.ts';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { loadStates } from '../load-states.ts';
import { START_TEXTS } from './start-texts.ts';
import { loadWorkspace } from './workspace.ts';

/** `/start`: every published app's flows, grouped by app, with a filter. */
export class StartMenuPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
    filter: { state: true },
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
  protected readonly appContext = consumeAppContext(this);
  declare params: Record<string, string>;
  declare filter: string;
  private readonly workspace = new Task(this, {
    args: () => [this.ctx.api] as const,
    task: ([api]) => loadWorkspace(api, () => this.ctx.offline()),
  });

  constructor() {
    super();
    this.filter = '';
  }

  override render() {
    const { locale } = this.ctx;
    const t = translator(START_TEXTS, locale);
    const needle = this.filter.trim().toLowerCase();
    const apps = (this.workspace.value ?? [])
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
      ${this.workspace.render(loadStates())}
      <input type="search" aria-label=${t('search')} placeholder=${t('search')} .value=${this.filter}
        @input=${(event: InputEvent) => {
          this.filter = (event.target as HTMLInputElement).value;
        }} />
      ${this.workspace.value && apps.length === 0 && !needle ? html`<p class="notice">${t('none')}</p>` : nothing}
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
