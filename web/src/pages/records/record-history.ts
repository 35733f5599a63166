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
  private loadedFor = '';

  constructor() {
    super();
    this.names = {};
  }

  /** Reads the history again (after a save). */
  reload() {
    this.loadedFor = '';
    this.requestUpdate();
  }

  protected override willUpdate(): void {
    if (this.recordId && this.recordId !== this.loadedFor) {
      this.loadedFor = this.recordId;
      void this.load(false);
    }
  }

  private async load(more: boolean) {
    try {
      const page = await this.api.get<{ items: AuditEntry[]; next?: string }>(
        `/records/${encodeURIComponent(this.recordId)}/audit`,
        { query: { limit: 20, cursor: more ? this.next : undefined } },
      );
      this.entries = more ? [...(this.entries ?? []), ...page.items] : page.items;
      this.next = page.next;
      const names = await peopleNames(
        this.api,
        page.items.map((one) => one.actor),
      );
      this.names = { ...this.names, ...names };
    } catch {
      this.entries = undefined;
    }
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
      ${this.next ? html`<p><button type="button" @click=${() => this.load(true)}>${t('history.more')}</button></p>` : nothing}`;
  }
}

if (!customElements.get('tessera-record-history'))
  customElements.define('tessera-record-history', RecordHistory);
