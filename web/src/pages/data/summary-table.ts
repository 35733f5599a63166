import { formatDecimalText } from '@tessera/core';
import { css, html, LitElement } from 'lit';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import type { CellContext } from './cell-format.ts';
import { DATA_TEXTS } from './data-texts.ts';
import type { ViewAggregate, ViewDescription, ViewSummary } from './view-types.ts';

/**
 * `<tessera-summary-table>`: one row per group of the view's `groupBy` with its aggregates, and
 * the totals in the last row. Sums of money keep their exact decimals.
 */
export class SummaryTable extends LitElement {
  static override properties = {
    view: { attribute: false },
    summary: { attribute: false },
    cells: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; min-width: max-content; }
      th, td { padding: 0.45rem 0.75rem; border-bottom: 1px solid var(--tessera-line); text-align: start; white-space: nowrap; }
      thead th { background: var(--tessera-back); }
      td.number, th.number { text-align: end; font-variant-numeric: tabular-nums; }
      tfoot th, tfoot td { font-weight: 700; border-top: 2px solid var(--tessera-line); border-bottom: 0; }
    `,
  ];
  declare view: ViewDescription;
  declare summary: ViewSummary;
  declare cells: CellContext;

  /** Counts as whole numbers, money with two places, other numbers with at most two. */
  private format(aggregate: ViewAggregate, value: unknown): string {
    if (value === undefined || value === null || value === '') return '';
    const { locale } = this.cells;
    if (aggregate.fn === 'count') return new Intl.NumberFormat(locale).format(Number(value));
    // the server sums and averages exact decimals (money) as decimal text, the rest as numbers
    if (typeof value === 'string') return formatDecimalText(value, locale);
    const number = Number(value);
    if (!Number.isFinite(number)) return String(value);
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(number);
  }

  private get aggregates(): readonly ViewAggregate[] {
    if (this.view.aggregates.length > 0) return this.view.aggregates;
    const t = translator(DATA_TEXTS, this.cells.locale);
    return [{ id: 'count', fn: 'count', label: t('summary.count') }];
  }

  override render() {
    const t = translator(DATA_TEXTS, this.cells.locale);
    const group = this.view.groupBy.map((one) => one.label).join(' / ') || t('summary.group');
    const aggregates = this.aggregates;
    return html`<div class="scroll"><table>
      <caption class="visually-hidden">${t('summary.title')}</caption>
      <thead><tr>
        <th scope="col">${group}</th>
        ${aggregates.map((one) => html`<th scope="col" class="number">${one.label}</th>`)}
      </tr></thead>
      <tbody>
        ${this.summary.groups.map(
          (row) => html`<tr>
            <th scope="row">${row.label || '—'}</th>
            ${aggregates.map((one) => html`<td class="number">${this.format(one, row.aggregates[one.id] ?? (one.id === 'count' ? row.count : undefined))}</td>`)}
          </tr>`,
        )}
      </tbody>
      <tfoot><tr>
        <th scope="row">${t('summary.totals')}</th>
        ${aggregates.map((one) => html`<td class="number">${this.format(one, this.summary.totals[one.id] ?? (one.id === 'count' ? this.summary.count : undefined))}</td>`)}
      </tr></tfoot>
    </table></div>`;
  }
}

if (!customElements.get('tessera-summary-table'))
  customElements.define('tessera-summary-table', SummaryTable);
