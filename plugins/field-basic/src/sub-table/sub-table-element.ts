import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import type { FieldDefinition } from '@tessera/core';
import { cssProperties, rowText, TesseraFieldElement } from '@tessera/runtime/elements';
import { columnsOf, type FieldState } from '@tessera/runtime/forms';
import { css, html, nothing, type TemplateResult } from 'lit';
import { subTableCell } from './sub-table-cell.ts';

/** Up to this many rows render plainly (natural tab order); beyond, only the visible ones. */
const VIRTUAL_FROM = 50;

/**
 * `<tessera-field-sub-table>`: line items. Each cell is the column type's own element (from the
 * registry, as in the form), rows are added, removed and moved with buttons (so by keyboard),
 * and a totals row shows the runtime's exact totals. Long tables render only visible rows.
 */
export class SubTableFieldElement extends TesseraFieldElement {
  static override styles = [
    ...TesseraFieldElement.styles,
    css`
      .table { display: grid; gap: 0.25rem; overflow-x: auto; }
      .rows.virtual {
        max-height: 24rem;
        overflow: auto;
      }
      [role='row'] { display: grid; grid-template-columns: var(--grid); gap: 0.5rem; align-items: start; min-width: min-content; }
      [role='cell'] { min-width: 0; }
      [role='columnheader'] { font-weight: 600; }
      .totals { font-weight: 600; border-top: 1px solid #c4c7cc; padding-top: 0.25rem; }
    `,
  ];

  private get columns(): readonly FieldDefinition[] {
    return (columnsOf(this.field) ?? []).filter(
      (column) => this.runtime.fieldState(`${this.path}.${column.id}`).visible,
    );
  }

  /** Focuses the cell at `path` (`lines.2.price`), else the first cell or the add button. */
  override focusInput(path?: string): void {
    const cells = this.renderRoot.querySelectorAll<TesseraFieldElement>('[role="cell"] [path]');
    const cell = [...cells].find((one) => path !== undefined && one.path === path) ?? cells[0];
    if (cell) cell.focusInput();
    else this.renderRoot.querySelector<HTMLElement>('.add')?.focus();
  }

  private renderRow(index: number, count: number, state: FieldState): TemplateResult {
    const locale = this.runtime.locale;
    const row = rowText(index, locale);
    return html`<div role="row">
      <span role="rowheader">${index + 1}</span>
      ${this.columns.map(
        (column) => html`<div role="cell">
          ${subTableCell(this.runtime, `${this.path}.${index}.${column.id}`, this.services)}
        </div>`,
      )}
      <span role="cell">
        ${
          state.readOnly
            ? nothing
            : html`<button type="button" aria-label="${this.text('moveUp')}, ${row}" ?disabled=${index === 0}
                @click=${() => this.runtime.moveRow(this.path, index, index - 1)}>↑</button>
              <button type="button" aria-label="${this.text('moveDown')}, ${row}" ?disabled=${index === count - 1}
                @click=${() => this.runtime.moveRow(this.path, index, index + 1)}>↓</button>
              <button type="button" aria-label="${this.text('removeRow')}, ${row}"
                @click=${() => this.runtime.removeRow(this.path, index)}>×</button>`
        }
      </span>
    </div>`;
  }

  protected override renderInput(state: FieldState): TemplateResult {
    const rows = Array.isArray(this.value) ? (this.value as unknown[]) : [];
    const columns = this.columns;
    const totals = new Map(this.runtime.totals(this.path).map((one) => [one.column, one.text]));
    const grid = `2rem repeat(${columns.length}, minmax(6rem, 1fr)) 7rem`;
    const indexes = rows.map((_, index) => index);
    const body =
      rows.length > VIRTUAL_FROM
        ? virtualize({
            items: indexes,
            scroller: true,
            renderItem: (i) => this.renderRow(i, rows.length, state),
          })
        : indexes.map((i) => this.renderRow(i, rows.length, state));
    return html`<div id=${this.inputId} class="table" role="table" tabindex="-1"
        aria-labelledby="${this.inputId}-label" aria-describedby=${this.describedBy(state)}
        ${cssProperties({ '--grid': grid })}>
        <div role="row">
          <span role="columnheader">#</span>
          ${columns.map((column) => html`<span role="columnheader">${this.columnLabel(column)}</span>`)}
          <span role="columnheader">${this.text('actions')}</span>
        </div>
        <div class="rows ${rows.length > VIRTUAL_FROM ? 'virtual' : ''}" role="rowgroup">${body}</div>
        ${
          totals.size > 0
            ? html`<div role="row" class="totals">
              <span role="rowheader">${this.text('total')}</span>
              ${columns.map((column) => html`<span role="cell" data-total=${column.id}>${totals.get(column.id) ?? ''}</span>`)}
              <span></span>
            </div>`
            : nothing
        }
      </div>
      ${
        state.readOnly
          ? nothing
          : html`<button type="button" class="add" @click=${() => this.runtime.addRow(this.path)}>
            ${this.text('addRow')}
          </button>`
      }`;
  }

  protected override renderReadOnly(state: FieldState): TemplateResult {
    return this.renderInput(state);
  }

  private columnLabel(column: FieldDefinition) {
    const label =
      typeof column.label === 'string'
        ? column.label
        : (column.label[this.runtime.locale] ?? column.id);
    const required = this.runtime.fieldState(`${this.path}.${column.id}`).required;
    return html`${label}${required ? html`<span class="required" title=${this.text('required')}>*</span>` : nothing}`;
  }
}
