import { Task } from '@lit/task';
import { localize } from '@tessera/core';
import { css, html, LitElement, nothing } from 'lit';
import type { AppContext } from '../../app-context/app-context.ts';
import { consumeAppContext } from '../../app-context/consume-app-context.ts';
import { browserPlatform } from '../../forms/form-kit.ts';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { loadStates } from '../load-states.ts';
import { loadWorkspace, type WorkspaceApp } from '../start/workspace.ts';
import { DATA_TEXTS } from './data-texts.ts';

const segment = encodeURIComponent;

/** `/apps`: each published app with its views (lists and charts) and its master tables. */
export class AppsPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      section.app { margin-bottom: 1.5rem; }
      h3 { font-size: 1rem; margin: 1rem 0 0.5rem; color: var(--tessera-muted); font-weight: 600; }
      .grid { display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); }
      .grid a.view { display: flex; align-items: center; justify-content: space-between; gap: 0.5rem; padding: 0.9rem 1rem; background: var(--tessera-surface); border: 1px solid var(--tessera-line); border-radius: 8px; text-decoration: none; color: inherit; min-height: 3.5rem; }
      .grid a.view:hover { border-color: var(--tessera-accent); }
      .grid a.view strong { color: var(--tessera-accent); }
      ul.tables { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
      ul.tables li { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; padding: 0.6rem 1rem; background: var(--tessera-surface); border: 1px solid var(--tessera-line); border-radius: 8px; }
      ul.tables .name { font-weight: 600; flex: 1 1 8rem; }
      ul.tables .button { white-space: nowrap; }
      @media (max-width: 40rem) {
        ul.tables .name { flex-basis: 100%; }
        ul.tables .button { flex: 1; justify-content: center; }
      }
    `,
  ];
  declare ctx: AppContext;
  protected readonly appContext = consumeAppContext(this);
  declare params: Record<string, string>;
  private readonly workspace = new Task(this, {
    args: () => [this.ctx.api] as const,
    task: ([api]) => loadWorkspace(api),
  });

  override render() {
    const { locale } = this.ctx;
    const t = translator(DATA_TEXTS, locale);
    return html`
      <h1>${t('apps.title')}</h1>
      <p class="muted">${t('apps.lead')}</p>
      ${this.workspace.render(loadStates())}
      ${this.workspace.value?.length === 0 ? html`<p class="notice">${t('apps.none')}</p>` : nothing}
      ${this.shown().map((app) => this.renderApp(app, t))}
    `;
  }

  /** Every app, or at `/apps/{app}` (where the app store's "open" leads) that one app. */
  private shown(): readonly WorkspaceApp[] {
    const one = this.params?.app;
    const apps = this.workspace.value ?? [];
    return one ? apps.filter((app) => app.id === one) : apps;
  }

  private renderApp(
    app: WorkspaceApp,
    t: ReturnType<typeof translator<keyof (typeof DATA_TEXTS)['en']>>,
  ) {
    const { locale } = this.ctx;
    const masters = app.tables.filter((table) => table.kind === 'master');
    return html`<section class="app" aria-labelledby=${`app-${app.id}`}>
      <h2 id=${`app-${app.id}`}>${localize(app.label, locale, app.id)}</h2>
      <h3>${t('apps.views')}</h3>
      ${
        app.views.length === 0
          ? html`<p class="muted">${t('apps.noViews')}</p>`
          : html`<div class="grid">${app.views.map(
              (
                view,
              ) => html`<a class="view" href=${`/apps/${segment(app.id)}/views/${segment(view.id)}`}>
                <strong>${localize(view.label, locale, view.id)}</strong>
                <span class="badge">${localize(browserPlatform().viewTypes.get(view.type)?.label, locale, view.type)}</span>
              </a>`,
            )}</div>`
      }
      ${
        masters.length === 0
          ? nothing
          : html`<h3>${t('apps.tables')}</h3>
            <ul class="tables">${masters.map((table) => {
              const label = localize(table.label, locale, table.id);
              return html`<li>
                <span class="name">${label}</span>
                <a class="button" href=${`/records/${segment(app.id)}/${segment(table.id)}/new`} aria-label=${`${t('apps.newRecord')}: ${label}`}>＋ ${t('apps.newRecord')}</a>
                <a class="button" href=${`/apps/${segment(app.id)}/tables/${segment(table.id)}/import`} aria-label=${`${t('apps.import')}: ${label}`}>⤒ ${t('apps.import')}</a>
              </li>`;
            })}</ul>`
      }
    </section>`;
  }
}

if (!customElements.get('tessera-apps-page')) customElements.define('tessera-apps-page', AppsPage);
