import { initialState, Task } from '@lit/task';
import type { AppDefinition, Locale } from '@tessera/core';
import { localize } from '@tessera/core';
import type { RelatedGroup } from '@tessera/core/api';
import { css, html, LitElement, nothing } from 'lit';
import type { ApiClient } from '../../api/api-client.ts';
import { peopleNames } from '../../api/people-names.ts';
import { browserPlatform } from '../../forms/form-kit.ts';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { formatCell } from '../data/cell-format.ts';
import { recordHref } from '../data/view-types.ts';
import { RECORD_TEXTS } from './record-texts.ts';

/**
 * `<tessera-related-records>` (关联数据): for each table linking to the record, a small table
 * of the newest records linking here, each opening its own record page; how many there are in
 * all; an empty state when nothing links here yet. Shows nothing when no table of the app links
 * to this record's table, or when it cannot be read (it is a help, not the page's subject).
 */
export class RelatedRecords extends LitElement {
  static override properties = {
    api: { attribute: false },
    app: { attribute: false },
    recordId: {},
    locale: {},
    people: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      section + section { margin-top: 1rem; }
      h3 { margin: 0 0 0.4rem; font-size: 1rem; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; font-size: 0.875rem; }
      th, td { text-align: start; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--tessera-line); }
      th { color: var(--tessera-muted); font-weight: 500; }
    `,
  ];
  declare api: ApiClient;
  declare app: AppDefinition;
  declare recordId: string;
  declare locale: Locale;
  declare people: Readonly<Record<string, string>>;

  /** The groups; a failed read shows nothing, like a record nothing links to. */
  private readonly loading = new Task(this, {
    args: () => [this.api, this.app?.id, this.recordId] as const,
    task: async ([api, app, record]) => {
      if (!app || !record) return initialState;
      return (await api.call.records.related({ params: { app, id: record } })).groups;
    },
  });

  /** People in user columns are shown by name. */
  protected readonly naming = new Task(this, {
    args: () => [this.groups] as const,
    task: ([groups]) => {
      const ids = (groups ?? []).flatMap((group) => this.userIds(group));
      return ids.length === 0 ? initialState : peopleNames(this.api, ids);
    },
    onComplete: (names) => {
      this.people = names;
    },
  });

  constructor() {
    super();
    this.people = {};
  }

  private get groups(): readonly RelatedGroup[] | undefined {
    return this.loading.value;
  }

  private userIds(group: RelatedGroup) {
    const table = this.app.tables.find((one) => one.id === group.table);
    const users = group.columns.filter((column) => {
      const type = table?.fields.find((one) => one.id === column.id)?.type;
      return type !== undefined && browserPlatform().fieldTypes.get(type)?.holds === 'user';
    });
    return group.records.flatMap((record) =>
      users.flatMap((column) => [record.values[column.id]].flat().map(String)),
    );
  }

  /** The group's heading: the linking table's label, with the link field's when it has two. */
  private heading(group: RelatedGroup, twice: boolean) {
    const table = this.app.tables.find((one) => one.id === group.table);
    const field = table?.fields.find((one) => one.id === group.field);
    const name = localize(table?.label ?? group.label, this.locale, group.table);
    if (!twice) return name;
    return `${name} · ${localize(field?.label ?? group.fieldLabel, this.locale, group.field)}`;
  }

  override render() {
    // no table of the app links to this one: nothing to show, not even an empty card
    if (!this.groups || this.groups.length === 0) return nothing;
    const t = translator(RECORD_TEXTS, this.locale);
    const shown = this.groups.filter((group) => group.total > 0);
    const tables = this.groups.map((group) => group.table);
    return html`<div class="card">
      <h2>${t('related')}</h2>
      ${shown.length === 0 ? html`<p class="muted">${t('related.empty')}</p>` : nothing}
      ${shown.map((group) =>
        this.renderGroup(group, tables.indexOf(group.table) !== tables.lastIndexOf(group.table)),
      )}
    </div>`;
  }

  private renderGroup(group: RelatedGroup, twice: boolean) {
    const t = translator(RECORD_TEXTS, this.locale);
    const table = this.app.tables.find((one) => one.id === group.table);
    const cells = {
      locale: this.locale,
      platform: browserPlatform(),
      app: this.app,
      table: group.table,
      people: this.people,
    };
    // the link back to this record says nothing on its own page, and other links would show
    // as ids here: the record's own page shows them by name
    const typeOf = (id: string) => table?.fields.find((one) => one.id === id)?.type;
    const columns = group.columns.filter(
      (column) => column.id !== group.field && typeOf(column.id) !== 'link',
    );
    const count = group.partial ? `${group.total}+` : String(group.total);
    return html`<section aria-label=${this.heading(group, twice)}>
      <h3>${this.heading(group, twice)} <span class="muted">${t('related.count', { count })}</span></h3>
      <div class="scroll"><table>
        <thead><tr>
          <th scope="col">${t('related.record')}</th>
          ${columns.map((column) => {
            const field = table?.fields.find((one) => one.id === column.id);
            return html`<th scope="col">${localize(field?.label ?? column.label, this.locale, column.id)}</th>`;
          })}
        </tr></thead>
        <tbody>${group.records.map(
          (record) => html`<tr>
            <td><a href=${recordHref(this.app.id, group.table, record.id)}>${record.title}</a></td>
            ${columns.map((column) => {
              const type = table?.fields.find((one) => one.id === column.id)?.type ?? 'text';
              const text = formatCell(record.values[column.id], { field: column.id, type }, cells);
              return html`<td>${text || '—'}</td>`;
            })}
          </tr>`,
        )}</tbody>
      </table></div>
      ${group.total > group.records.length ? html`<p class="muted">${t('related.newest', { shown: String(group.records.length) })}</p>` : nothing}
    </section>`;
  }
}

if (!customElements.get('tessera-related-records'))
  customElements.define('tessera-related-records', RelatedRecords);
