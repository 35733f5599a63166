import { initialState, Task, TaskStatus } from '@lit/task';
import {
  type AppDefinition,
  localize,
  type Platform,
  type ViewElementData,
  type ViewTypeDefinition,
} from '@tessera/core';
import { api } from '@tessera/core/api';
import { hrefOf } from '@tessera/runtime/client';
import { css, html, LitElement, nothing } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { peopleNames } from '../../api/people-names.ts';
import type { AppContext } from '../../app-context/app-context.ts';
import { consumeAppContext } from '../../app-context/consume-app-context.ts';
import { browserPlatform } from '../../forms/form-kit.ts';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { loadStates, problemAlert } from '../load-states.ts';
import { type CellContext, formatCell } from './cell-format.ts';
import { DATA_TEXTS } from './data-texts.ts';
import './filter-bar.ts';
import './summary-table.ts';
import { type Condition, filterParam, nextSort, type SortState, sortParam } from './view-query.ts';
import { openView, readView, type ViewQuery, type ViewRead } from './view-reads.ts';
import { recordHref, type ViewDescription, type ViewRow, type ViewSummary } from './view-types.ts';

/**
 * `/apps/{app}/views/{view}`: a view's rows with sorting, a search, filters and paging; its
 * group totals when it groups or its type aggregates; exports with the same filters. The rows
 * or totals are shown by the element of the view's type (its plugin's). Every change of the
 * query reloads from the server, which applies the row scope.
 */
export class ViewPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
    platform: { attribute: false },
    rows: { state: true },
    next: { state: true },
    total: { state: true },
    summary: { state: true },
    sort: { state: true },
    conditions: { state: true },
    q: { state: true },
    people: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }
      .head { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
      .head h1 { margin: 0; }
      .exports { display: flex; flex-wrap: wrap; gap: 0.5rem; }
      .toolbar { display: grid; gap: 0.75rem; }
      form.search input { flex: 1 1 14rem; min-width: 0; }
      .card.rows { padding: 0; overflow: hidden; }
      .rows .status { padding: 0.75rem 1.25rem; margin: 0; }
      .rows .more { padding: 0.75rem 1.25rem; }
      .rows .empty { padding: 0 1.25rem 1rem; }
      .back { margin: 0; }
      @media (max-width: 40rem) {
        .card { padding: 0.75rem; }
        .exports { width: 100%; }
        .exports a { flex: 1; justify-content: center; }
        .rows .status, .rows .more { padding: 0.6rem 0.75rem; }
      }
    `,
  ];
  declare ctx: AppContext;
  protected readonly appContext = consumeAppContext(this);
  declare params: Record<string, string>;
  /** The field and view types the page shows with: the app's installed plugins by default. */
  declare platform: Platform;
  declare rows: readonly ViewRow[];
  declare next: string | undefined;
  declare total: number | undefined;
  declare summary: ViewSummary | undefined;
  declare sort: SortState | undefined;
  declare conditions: readonly Condition[];
  declare q: string;
  declare people: Readonly<Record<string, string>>;

  /** The view and its app; read again in another language, as the server names views in it. */
  private readonly opening = new Task(this, {
    args: () => [this.ctx.api, this.params.app!, this.params.view!, this.ctx.locale] as const,
    task: ([api, app, view]) => openView(api, app, view),
  });

  /** The first page for the query, read again at each change of it. */
  private readonly first = new Task(this, {
    args: () => {
      const { q, filter, sort } = this.query();
      return [this.view, q, filter, sort] as const;
    },
    task: ([view, q, filter, sort]) => {
      if (!view) return initialState;
      // a page of "more" still on its way belongs to the last query: dropped, with its problem
      void this.more.run([undefined]);
      return this.read(view, { q, filter, sort });
    },
    onComplete: (read) => this.apply(read, false),
  });

  /** The page after the rows shown, run by "more". */
  private readonly more = new Task(this, {
    autoRun: false,
    task: ([cursor]: readonly [string | undefined]) => {
      const view = this.view;
      return cursor === undefined || !view ? initialState : this.read(view, this.query(), cursor);
    },
    onComplete: (read) => this.apply(read, true),
  });

  /** The names of the users in the rows' user columns, so cells show people, not ids. */
  protected readonly naming = new Task(this, {
    args: () => [this.view, this.rows] as const,
    task: ([view, rows]) => {
      const unknown = view ? this.userIds(view, rows).filter((id) => !(id in this.people)) : [];
      return unknown.length === 0 ? initialState : peopleNames(this.ctx.api, unknown);
    },
    onComplete: (names) => {
      this.people = { ...this.people, ...names };
    },
  });

  constructor() {
    super();
    this.rows = [];
    this.people = {};
    this.conditions = [];
    this.q = '';
    this.platform = browserPlatform();
  }

  private get view(): ViewDescription | undefined {
    return this.opening.value?.view;
  }

  private get app(): AppDefinition | undefined {
    return this.opening.value?.app;
  }

  private get viewType(): ViewTypeDefinition | undefined {
    return this.view && this.platform.viewTypes.get(this.view.type);
  }

  private get grouped() {
    const view = this.view;
    return (
      !!view &&
      (!!this.viewType?.aggregates || (view.groupBy.length > 0 && view.aggregates.length > 0))
    );
  }

  /** A page or its query on its way. */
  private get busy() {
    return [this.first, this.more].some((task) => task.status === TaskStatus.PENDING);
  }

  private query(): ViewQuery {
    return {
      q: this.q || undefined,
      filter: filterParam(this.conditions),
      sort: sortParam(this.sort),
    };
  }

  private read(view: ViewDescription, query: ViewQuery, cursor?: string) {
    return readView(this.ctx.api, this.params.app!, view, query, {
      rows: !this.viewType?.aggregates && view.columns.length > 0,
      summary: this.grouped,
      ...(cursor === undefined ? {} : { cursor }),
    });
  }

  private apply({ rows, summary }: ViewRead, more: boolean) {
    if (rows) {
      this.rows = more ? [...this.rows, ...rows.items] : rows.items;
      this.next = rows.next;
      this.total = rows.total;
    }
    if (summary) {
      this.summary = summary;
      if (!rows) this.total = summary.count;
    }
  }

  private userIds(view: ViewDescription, rows: readonly ViewRow[]) {
    const columns = view.columns.filter(
      (column) => this.platform.fieldTypes.get(column.type)?.holds === 'user',
    );
    return rows.flatMap((row) =>
      columns.flatMap((column) => [row.values[column.field]].flat().map(String)),
    );
  }

  /** The order the rows are in: the person's, else the view's first sort. */
  private shownSort(view: ViewDescription): SortState | undefined {
    if (this.sort) return this.sort;
    const first = view.sorts[0];
    return first
      ? { field: first.field, direction: first.direction === 'desc' ? 'desc' : 'asc' }
      : undefined;
  }

  private search(event: SubmitEvent) {
    event.preventDefault();
    this.q = String(new FormData(event.target as HTMLFormElement).get('q') ?? '').trim();
  }

  private exportHref(format: 'xlsx' | 'csv') {
    return hrefOf(
      api.views.export,
      { app: this.params.app!, view: this.params.view! },
      {
        format,
        ...this.query(),
        locale: this.ctx.locale,
      },
    );
  }

  override render() {
    const { locale } = this.ctx;
    const t = translator(DATA_TEXTS, locale);
    const view = this.view;
    const back = html`<p class="back"><a href="/apps">← ${t('view.back')}</a></p>`;
    if (!view) {
      const states = loadStates({ loading: t('view.loading') });
      return html`${back}${this.opening.render({ ...states, complete: () => problemAlert(t('view.notFound')) })}`;
    }
    const cells: CellContext = {
      locale,
      platform: this.platform,
      ...(this.app ? { app: this.app } : {}),
      table: view.table,
      people: this.people,
    };
    const { error } = loadStates();
    const filterable = view.columns.length > 0 ? view.columns : view.groupBy;
    const type = this.viewType;
    return html`
      ${back}
      <div class="head">
        <h1>${view.label}</h1>
        <span class="badge">${localize(type?.label, locale, view.type)}</span>
        <span class="spacer"></span>
        <div class="exports">
          <a class="button" href=${this.exportHref('xlsx')} download>⤓ ${t('view.export.xlsx')}</a>
          <a class="button" href=${this.exportHref('csv')} download>⤓ ${t('view.export.csv')}</a>
        </div>
      </div>
      <section class="card toolbar">
        <form class="search row" role="search" @submit=${this.search}>
          <label class="visually-hidden" for="q">${t('view.search')}</label>
          <input id="q" name="q" type="search" placeholder=${t('view.searchPlaceholder')} .value=${this.q} />
          <button type="submit">${t('view.search')}</button>
        </form>
        <tessera-filter-bar .columns=${filterable} .locale=${locale} .conditions=${this.conditions}
          @tessera-filter-change=${(event: CustomEvent<readonly Condition[]>) => {
            this.conditions = event.detail;
          }}></tessera-filter-bar>
      </section>
      ${this.first.render({ error })}
      ${this.more.render({ error })}
      ${type?.aggregates && this.summary ? html`<section class="card">${this.renderView(type, view, cells)}</section>` : nothing}
      ${
        this.grouped && this.summary
          ? html`<section class="card"><h2>${t('summary.title')}</h2>
            ${
              this.summary.groups.length > 0
                ? html`<tessera-summary-table .view=${view} .summary=${this.summary} .cells=${cells}></tessera-summary-table>`
                : html`<p class="muted">${t('summary.empty')}</p>`
            }</section>`
          : nothing
      }
      ${!type || type.aggregates || view.columns.length === 0 ? nothing : this.renderRows(type, view, cells, t)}
    `;
  }

  /** The element of the view's type, given what the page has loaded. */
  private renderView(type: ViewTypeDefinition, view: ViewDescription, cells: CellContext) {
    const app = this.params.app!;
    const data: ViewElementData = {
      app,
      view,
      rows: this.rows,
      ...(this.summary ? { summary: this.summary } : {}),
      ...(this.shownSort(view) ? { sort: this.shownSort(view)! } : {}),
      busy: this.busy,
      locale: cells.locale,
      cellText: (column, value) => formatCell(value, column, cells),
      recordHref: (table, id) => recordHref(app, table, id),
    };
    // the tag comes from an installed plugin's code, never from an app's data
    const tag = unsafeStatic(type.element);
    return staticHtml`<${tag} .data=${data} @tessera-sort=${(event: CustomEvent<string>) => {
      this.sort = nextSort(this.shownSort(view), event.detail);
    }}></${tag}>`;
  }

  private renderRows(
    type: ViewTypeDefinition,
    view: ViewDescription,
    cells: CellContext,
    t: ReturnType<typeof translator<keyof (typeof DATA_TEXTS)['en']>>,
  ) {
    const total = this.total ?? 0;
    return html`<section class="card rows" aria-busy=${this.busy ? 'true' : 'false'}>
      <p class="status muted" role="status">${
        this.total === undefined
          ? t('view.loading')
          : this.next
            ? t('view.shown', { shown: this.rows.length, total })
            : t('view.total', { n: total })
      }</p>
      ${this.renderView(type, view, cells)}
      ${this.total === 0 ? html`<p class="muted empty">${t('view.empty')}</p>` : nothing}
      ${this.next ? html`<div class="more"><button type="button" ?disabled=${this.busy} @click=${() => this.more.run([this.next])}>${t('view.more')}</button></div>` : nothing}
    </section>`;
  }
}

if (!customElements.get('tessera-view-page')) customElements.define('tessera-view-page', ViewPage);
