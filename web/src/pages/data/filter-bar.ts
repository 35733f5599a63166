import type { FilterOp, Locale } from '@tessera/core';
import { css, html, LitElement, nothing } from 'lit';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { DATA_TEXTS, type DataTextKey } from './data-texts.ts';
import { type Condition, needsValue } from './view-query.ts';
import type { ViewColumn } from './view-types.ts';

const NUMERIC = new Set(['decimal', 'int', 'double']);

/**
 * `<tessera-filter-bar>`: conditions on the view's columns (field, an operator its field type
 * offers, a value, picked among the column's choices when it has them). Every change is announced as `tessera-filter-change` with all conditions;
 * the page sends the complete ones.
 */
export class FilterBar extends LitElement {
  static override properties = {
    columns: { attribute: false },
    locale: {},
    conditions: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      fieldset { border: 0; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
      legend { font-weight: 600; padding: 0; margin-bottom: 0.5rem; }
      .condition { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
      .condition select, .condition input { min-width: 8rem; }
      .condition input[type='number'] { width: 8rem; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
      @media (max-width: 40rem) {
        .condition { padding-bottom: 0.5rem; border-bottom: 1px solid var(--tessera-line); }
        .condition .control { flex: 1 1 40%; }
        .condition select, .condition input, .condition input[type='number'] { width: 100%; min-width: 0; }
      }
    `,
  ];
  declare columns: readonly ViewColumn[];
  declare locale: Locale;
  declare conditions: readonly Condition[];

  constructor() {
    super();
    this.columns = [];
    this.locale = 'zh-CN';
    this.conditions = [];
  }

  private get filterable() {
    return this.columns.filter((column) => column.ops.length > 0);
  }

  private change(conditions: readonly Condition[]) {
    this.conditions = conditions;
    this.dispatchEvent(
      new CustomEvent('tessera-filter-change', {
        detail: conditions,
        bubbles: true,
        composed: true,
      }),
    );
  }

  private update_(index: number, next: Condition) {
    this.change(this.conditions.map((one, at) => (at === index ? next : one)));
  }

  private add() {
    const column = this.filterable[0];
    if (!column) return;
    this.change([...this.conditions, { field: column.field, op: column.ops[0]! }]);
  }

  private column(field: string) {
    return this.columns.find((one) => one.field === field);
  }

  /** The typed value of an input: numbers for numeric columns, booleans for yes/no. */
  private typed(column: ViewColumn, raw: string): string | number | boolean {
    if (raw === '') return '';
    if (column.celType === 'bool') return raw === 'true';
    if (NUMERIC.has(column.celType) && !column.choices) {
      const number = Number(raw);
      return Number.isFinite(number) ? number : raw;
    }
    return raw;
  }

  override render() {
    const t = translator(DATA_TEXTS, this.locale);
    return html`<fieldset>
      <legend>${t('filter.title')}</legend>
      ${this.conditions.map((condition, index) => this.renderCondition(condition, index, t))}
      <div class="actions">
        <button type="button" @click=${() => this.add()} ?disabled=${this.filterable.length === 0}>＋ ${t('filter.add')}</button>
        ${this.conditions.length > 0 ? html`<button type="button" @click=${() => this.change([])}>${t('filter.clear')}</button>` : nothing}
      </div>
    </fieldset>`;
  }

  private renderCondition(
    condition: Condition,
    index: number,
    t: (key: DataTextKey, values?: Record<string, string | number>) => string,
  ) {
    const column = this.column(condition.field);
    const ops = column?.ops ?? [];
    const n = index + 1;
    return html`<div class="condition">
      <span class="control">
        <select aria-label=${`${t('filter.field')} ${n}`} @change=${(event: Event) => {
          const next = this.column((event.target as HTMLSelectElement).value);
          if (next) this.update_(index, { field: next.field, op: next.ops[0]! });
        }}>
          ${this.filterable.map((one) => html`<option value=${one.field} ?selected=${one.field === condition.field}>${one.label}</option>`)}
        </select>
      </span>
      <span class="control">
        <select aria-label=${`${t('filter.op')} ${n}`} @change=${(event: Event) => {
          const op = (event.target as HTMLSelectElement).value as FilterOp;
          const keep = op !== 'between' && condition.op !== 'between' && needsValue(op);
          this.update_(index, {
            field: condition.field,
            op,
            ...(keep && condition.value !== undefined ? { value: condition.value } : {}),
          });
        }}>
          ${ops.map((op) => html`<option value=${op} ?selected=${op === condition.op}>${t(`op.${op}`)}</option>`)}
        </select>
      </span>
      ${column && needsValue(condition.op) ? this.renderValue(column, condition, index, t) : nothing}
      <button type="button" class="danger" aria-label=${`${t('filter.remove')} ${n}`} title=${t('filter.remove')}
        @click=${() => this.change(this.conditions.filter((_, at) => at !== index))}>✕</button>
    </div>`;
  }

  private renderValue(
    column: ViewColumn,
    condition: Condition,
    index: number,
    t: (key: DataTextKey, values?: Record<string, string | number>) => string,
  ) {
    const n = index + 1;
    if (condition.op === 'between') {
      const pair = Array.isArray(condition.value) ? condition.value : ['', ''];
      const set = (at: 0 | 1, raw: string) => {
        const next = [...pair];
        next[at] = this.typed(column, raw) as string | number;
        this.update_(index, { ...condition, value: next });
      };
      return html`${this.input(column, pair[0], `${t('filter.from')} ${n}`, (raw) => set(0, raw))}
        ${this.input(column, pair[1], `${t('filter.to')} ${n}`, (raw) => set(1, raw))}`;
    }
    const commit = (raw: string) =>
      this.update_(index, { ...condition, value: this.typed(column, raw) });
    const choices =
      column.celType === 'bool'
        ? [
            { value: 'true', label: t('yes') },
            { value: 'false', label: t('no') },
          ]
        : column.choices;
    if (choices) {
      return html`<span class="control">
        <select aria-label=${`${t('filter.value')} ${n}`} @change=${(event: Event) => commit((event.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${condition.value === undefined}>${t('filter.any')}</option>
          ${choices.map((one) => html`<option value=${one.value} ?selected=${String(condition.value) === one.value}>${one.label}</option>`)}
        </select></span>`;
    }
    return this.input(column, condition.value, `${t('filter.value')} ${n}`, commit);
  }

  private input(column: ViewColumn, value: unknown, label: string, commit: (raw: string) => void) {
    const kind =
      column.celType === 'timestamp' ? 'date' : NUMERIC.has(column.celType) ? 'number' : 'text';
    return html`<span class="control">
      <input aria-label=${label} type=${kind} step=${kind === 'number' ? 'any' : nothing} placeholder=${kind === 'text' ? label.replace(/\s\d+$/, '') : nothing}
        .value=${value === undefined ? '' : String(value)}
        @change=${(event: Event) => commit((event.target as HTMLInputElement).value)} /></span>`;
  }
}

if (!customElements.get('tessera-filter-bar'))
  customElements.define('tessera-filter-bar', FilterBar);
