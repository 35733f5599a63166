import { css, html, LitElement } from 'lit';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { type CellContext, formatCell } from './cell-format.ts';
import { DATA_TEXTS } from './data-texts.ts';
import type { SortState } from './view-query.ts';
import { recordHref, type ViewColumn, type ViewRow } from './view-types.ts';

const NUMERIC_TYPES = new Set(['money', 'number', 'percent', 'rating']);

/**
 * `<tessera-view-grid>`: the rows of a view as a table. Headers sort (announced as
 * `tessera-sort` with the field); the first cell opens the row's record and link cells open
 * the records they point to (穿透). It scrolls sideways inside its card when it is too wide.
 */
export class ViewGrid extends LitElement {
  static override properties = {
    app: {},
    table: {},
    columns: { attribute: false },
    rows: { attribute: false },
    sort: { attribute: false },
    cells: { attribute: false },
    busy: { type: Boolean },
  };
  static override styles = [
    sharedStyles,
    css`
      .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
      table { border-collapse: collapse; width: 100%; min-width: max-content; }
      th, td { padding: 0.5rem 0.75rem; border-bottom: 1px solid var(--tessera-line); text-align: start; white-space: nowrap; vertical-align: top; }
      th { background: var(--tessera-back); font-weight: 600; padding: 0; }
      th button { width: 100%; justify-content: space-between; border: 0; border-radius: 0; background: transparent; font-weight: 600; padding: 0.5rem 0.75rem; }
      th button:hover { background: var(--tessera-accent-soft); }
      .arrow { color: var(--tessera-muted); font-size: 0.8rem; min-width: 1ch; }
      th[aria-sort='ascending'] .arrow, th[aria-sort='descending'] .arrow { color: var(--tessera-accent); }
      td.number { text-align: end; font-variant-numeric: tabular-nums; }
      th.number button { justify-content: flex-start; flex-direction: row-reverse; }
      tbody tr:hover { background: #f8fafd; }
      td a { display: inline-block; min-height: 1.5rem; }
      .links a + a { margin-inline-start: 0.5rem; }
      table[aria-busy='true'] tbody { opacity: 0.6; }
    `,
  ];
  declare app: string;
  declare table: string;
  declare columns: readonly ViewColumn[];
  declare rows: readonly ViewRow[];
  declare sort: SortState | undefined;
  declare cells: CellContext;
  declare busy: boolean;

  constructor() {
    super();
    this.columns = [];
    this.rows = [];
    this.busy = false;
  }

  override render() {
    const t = translator(DATA_TEXTS, this.cells.locale);
    return html`<div class="scroll" role="region" aria-label=${t('view.grid')} tabindex="0">
      <table aria-busy=${this.busy ? 'true' : 'false'}>
        <thead><tr>${this.columns.map((column) => this.renderHead(column, t))}</tr></thead>
        <tbody>
          ${this.rows.map(
            (row) =>
              html`<tr>${this.columns.map((column, index) => this.renderCell(row, column, index === 0, t))}</tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderHead(
    column: ViewColumn,
    t: ReturnType<typeof translator<keyof (typeof DATA_TEXTS)['en']>>,
  ) {
    const direction = this.sort?.field === column.field ? this.sort.direction : undefined;
    const sort = direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';
    const hint = t(direction ? `view.sort.${direction}` : 'view.sort.none', {
      column: column.label,
    });
    return html`<th scope="col" aria-sort=${sort} class=${NUMERIC_TYPES.has(column.type) ? 'number' : ''}>
      <button type="button" title=${hint} aria-label=${hint}
        @click=${() => this.dispatchEvent(new CustomEvent('tessera-sort', { detail: column.field }))}>
        <span>${column.label}</span><span class="arrow" aria-hidden="true">${direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}</span>
      </button>
    </th>`;
  }

  private renderCell(
    row: ViewRow,
    column: ViewColumn,
    first: boolean,
    t: ReturnType<typeof translator<keyof (typeof DATA_TEXTS)['en']>>,
  ) {
    const links = row.links?.[column.field];
    if (column.link || links) {
      return html`<td class="links">${(links ?? []).map(
        (link) =>
          html`<a href=${recordHref(this.app, link.table, link.id)}>${link.display ?? link.id.slice(-8)}</a>`,
      )}</td>`;
    }
    const text = formatCell(row.values[column.field], column, this.cells);
    const number = NUMERIC_TYPES.has(column.type) ? 'number' : '';
    if (!first) return html`<td class=${number}>${text}</td>`;
    return html`<td class=${number}><a href=${recordHref(this.app, this.table, row.id)} title=${t('view.open')}>${text || row.id.slice(-8)}</a></td>`;
  }
}

if (!customElements.get('tessera-view-grid')) customElements.define('tessera-view-grid', ViewGrid);
