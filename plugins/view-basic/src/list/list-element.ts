import type { ViewElementData } from '@tessera/core';
import type { ViewColumn, ViewRow } from '@tessera/core/api';
import { css, html, LitElement } from 'lit';
import { viewText } from '../shared/view-texts.ts';

const NUMERIC = new Set(['decimal', 'int', 'double']);

/**
 * `<tessera-view-list>`: the rows of a list view as a table. Headers sort (announced as
 * `tessera-sort` with the field); the first cell opens the row's record and link cells open
 * the records they point to (穿透). It scrolls sideways when it is too wide.
 */
export class ListViewElement extends LitElement {
  static override properties = { data: { attribute: false } };
  static override styles = css`
    :host { display: block; }
    .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
    table { border-collapse: collapse; width: 100%; min-width: max-content; }
    th, td { padding: 0.5rem 0.75rem; border-bottom: 1px solid var(--tessera-line, #dde3ea); text-align: start; white-space: nowrap; vertical-align: top; }
    th { background: var(--tessera-back, #f4f6f9); font-weight: 600; padding: 0; }
    th button { display: flex; align-items: center; gap: 0.5rem; width: 100%; justify-content: space-between; border: 0; border-radius: 0; background: transparent; font: inherit; font-weight: 600; padding: 0.5rem 0.75rem; cursor: pointer; color: inherit; }
    th button:hover { background: var(--tessera-accent-soft, #e8f0fb); }
    a { color: var(--tessera-accent, #1f5fbf); }
    .arrow { color: var(--tessera-muted, #5b6675); font-size: 0.8rem; min-width: 1ch; }
    th[aria-sort='ascending'] .arrow, th[aria-sort='descending'] .arrow { color: var(--tessera-accent, #1f5fbf); }
    td.number { text-align: end; font-variant-numeric: tabular-nums; }
    th.number button { justify-content: flex-start; flex-direction: row-reverse; }
    tbody tr:hover { background: #f8fafd; }
    td a { display: inline-block; min-height: 1.5rem; }
    .links a + a { margin-inline-start: 0.5rem; }
    table[aria-busy='true'] tbody { opacity: 0.6; }
  `;
  declare data: ViewElementData | undefined;

  override render() {
    const data = this.data;
    if (!data) return html``;
    const columns = data.view.columns;
    return html`<div class="scroll" role="region" aria-label=${viewText(data.locale, 'grid')} tabindex="0">
      <table aria-busy=${data.busy ? 'true' : 'false'}>
        <thead><tr>${columns.map((column) => this.renderHead(data, column))}</tr></thead>
        <tbody>${data.rows.map(
          (row) =>
            html`<tr>${columns.map((column, index) => this.renderCell(data, row, column, index === 0))}</tr>`,
        )}</tbody>
      </table>
    </div>`;
  }

  private renderHead(data: ViewElementData, column: ViewColumn) {
    const direction = data.sort?.field === column.field ? data.sort?.direction : undefined;
    const sort = direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';
    const hint = viewText(data.locale, `sort.${direction ?? 'none'}`, { column: column.label });
    return html`<th scope="col" aria-sort=${sort} class=${NUMERIC.has(column.celType) ? 'number' : ''}>
      <button type="button" title=${hint} aria-label=${hint}
        @click=${() => this.dispatchEvent(new CustomEvent('tessera-sort', { detail: column.field }))}>
        <span>${column.label}</span><span class="arrow" aria-hidden="true">${direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}</span>
      </button>
    </th>`;
  }

  private renderCell(data: ViewElementData, row: ViewRow, column: ViewColumn, first: boolean) {
    const links = row.links?.[column.field];
    if (column.link || links) {
      return html`<td class="links">${(links ?? []).map(
        (link) =>
          html`<a href=${data.recordHref(link.table, link.id)}>${link.display ?? link.id.slice(-8)}</a>`,
      )}</td>`;
    }
    const text = data.cellText(column, row.values[column.field]);
    const number = NUMERIC.has(column.celType) ? 'number' : '';
    if (!first) return html`<td class=${number}>${text}</td>`;
    return html`<td class=${number}><a href=${data.recordHref(data.view.table, row.id)} title=${viewText(data.locale, 'open')}>${text || row.id.slice(-8)}</a></td>`;
  }
}
