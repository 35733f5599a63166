import { initialState, Task } from '@lit/task';
import type { AppDefinition, Locale } from '@tessera/core';
import { localize } from '@tessera/core';
import { css, html, LitElement, nothing } from 'lit';
import type { ApiClient } from '../../api/api-client.ts';
import { peopleNames } from '../../api/people-names.ts';
import { browserPlatform } from '../../forms/form-kit.ts';
import { formatDateTime, translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { formatCell } from '../data/cell-format.ts';
import { RECORD_TEXTS } from './record-texts.ts';

interface AuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly before?: { values?: Record<string, unknown> };
  readonly after?: { values?: Record<string, unknown> };
}

type ActionKey = 'action.record.create' | 'action.record.update' | 'action.record.delete';

/**
 * `<tessera-record-history>`: who changed the record when, and which fields, newest first.
 * It stays empty when the history cannot be read (it is a help, not the page's subject).
 */
export class RecordHistory extends LitElement {
  static override properties = {
    api: { attribute: false },
    app: { attribute: false },
    table: {},
    recordId: {},
    locale: {},
    entries: { state: true },
    names: { state: true },
    next: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.6rem; }
      li { border-inline-start: 3px solid var(--tessera-line); padding-inline-start: 0.75rem; }
      .when { color: var(--tessera-muted); font-size: 0.875rem; }
      .changes { font-size: 0.875rem; overflow-wrap: anywhere; }
      del { color: var(--tessera-muted); }
    `,
  ];
  declare api: ApiClient;
  declare app: AppDefinition;
  declare table: string;
  declare recordId: string;
  declare locale: Locale;
  declare entries: readonly AuditEntry[] | undefined;
  declare names: Readonly<Record<string, string>>;
  declare next: string | undefined;

  /** The newest entries, read again for another record or after a save. */
  private readonly first = new Task(this, {
    args: () => [this.api, this.recordId] as const,
    task: ([api, record]) => {
      if (!record) return initialState;
      // a page of "more" still on its way belongs to the history read before
      void this.more.run([undefined]);
      return this.fetchPage(api, record, undefined);
    },
    onComplete: (page) => this.show(page.items, page.next),
    onError: () => this.show(undefined, undefined),
  });

  /** The entries after those shown, run by "more". */
  private readonly more = new Task(this, {
    autoRun: false,
    task: ([cursor]: readonly [string | undefined]) =>
      cursor === undefined ? initialState : this.fetchPage(this.api, this.recordId, cursor),
    onComplete: (page) => this.show([...(this.entries ?? []), ...page.items], page.next),
    onError: () => this.show(undefined, undefined),
  });

  /** The actors' names, for the entries whose actor is not named yet. */
  protected readonly naming = new Task(this, {
    args: () => [this.entries] as const,
    task: ([entries]) => {
      const unknown = (entries ?? []).map((one) => one.actor).filter((id) => !(id in this.names));
      return unknown.length === 0 ? initialState : peopleNames(this.api, unknown);
    },
    onComplete: (names) => {
      this.names = { ...this.names, ...names };
    },
  });

  constructor() {
    super();
    this.names = {};
  }

  /** Reads the history again (after a save). */
  reload() {
    void this.first.run();
  }

  private fetchPage(api: ApiClient, record: string, cursor: string | undefined) {
    return api.call.records.history({
      params: { id: record },
      query: { limit: '20', ...(cursor === undefined ? {} : { cursor }) },
    });
  }

  /** The history as read; none (and nothing shown) when it could not be read. */
  private show(entries: readonly AuditEntry[] | undefined, next: string | undefined) {
    this.entries = entries;
    this.next = next;
  }

  private changes(entry: AuditEntry) {
    if (entry.action !== 'record.update') return nothing;
    const before = entry.before?.values ?? {};
    const after = entry.after?.values ?? {};
    const t = translator(RECORD_TEXTS, this.locale);
    const fields = this.app.tables.find((one) => one.id === this.table)?.fields ?? [];
    const cells = {
      locale: this.locale,
      platform: browserPlatform(),
      app: this.app,
      table: this.table,
    };
    const changed = fields.filter(
      (field) => JSON.stringify(before[field.id]) !== JSON.stringify(after[field.id]),
    );
    if (changed.length === 0) return nothing;
    return html`<div class="changes">${t('history.changed')}${changed.map((field, index) => {
      const column = { field: field.id, type: field.type };
      const old = formatCell(before[field.id], column, cells);
      const now = formatCell(after[field.id], column, cells);
      return html`${index > 0 ? '；' : ''}${localize(field.label, this.locale, field.id)}
        ${old ? html`<del>${old}</del> → ` : nothing}${now || '—'}`;
    })}</div>`;
  }

  override render() {
    if (!this.entries) return nothing;
    const t = translator(RECORD_TEXTS, this.locale);
    return html`<h2>${t('history')}</h2>
      ${this.entries.length === 0 ? html`<p class="muted">${t('history.empty')}</p>` : nothing}
      <ol>${this.entries.map((entry) => {
        const key = `action.${entry.action}` as ActionKey;
        const action = key in RECORD_TEXTS[this.locale] ? t(key) : entry.action;
        return html`<li>
          <div><strong>${entry.actor === 'system' ? t('history.system') : (this.names[entry.actor] ?? entry.actor)}</strong> ${action}</div>
          <div class="when">${formatDateTime(entry.at, this.locale)}</div>
          ${this.changes(entry)}
        </li>`;
      })}</ol>
      ${this.next ? html`<p><button type="button" @click=${() => this.more.run([this.next])}>${t('history.more')}</button></p>` : nothing}`;
  }
}

if (!customElements.get('tessera-record-history'))
  customElements.define('tessera-record-history', RecordHistory);
