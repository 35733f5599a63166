import { Task, TaskStatus } from '@lit/task';
import { type AppDefinition, localize, type TableDefinition } from '@tessera/core';
import type { TesseraForm } from '@tessera/runtime/elements';
import type { FormRuntime } from '@tessera/runtime/forms';
import { css, html, LitElement, nothing } from 'lit';
import type { ApiClient } from '../../api/api-client.ts';
import { ApiProblem } from '../../api/api-error.ts';
import type { AppContext } from '../../app-context/app-context.ts';
import { consumeAppContext } from '../../app-context/consume-app-context.ts';
import { latestDefinition } from '../../forms/app-definitions.ts';
import { browserPlatform, formServices, recordTitle } from '../../forms/form-kit.ts';
import { formatDateTime, translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { formatCell } from '../data/cell-format.ts';
import { loadStates, problemAlert, problemMessage } from '../load-states.ts';
import { SendController } from '../send-controller.ts';
import { problemText, type StoredRecord, tableFormRuntime } from './record-form.ts';
import './record-history.ts';
import type { RecordHistory } from './record-history.ts';
import { RECORD_TEXTS } from './record-texts.ts';
import './related-records.ts';

/**
 * `/records/{app}/{table}/{id}`: a record in its table's form, read-only until the person
 * edits a master record (saved with the revision read: a change meanwhile is a 409 and the
 * page reloads). A flow table's record links to its flow item. Its history follows, and
 * below, the records of other tables that link to it (关联数据).
 */
export class RecordPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
    app: { state: true },
    record: { state: true },
    editing: { state: true },
    notice: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }
      .head { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: baseline; }
      .head h1 { margin: 0; }
      .layout { display: grid; grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr); gap: 1rem; align-items: start; }
      .bar { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 1rem; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.4rem 1rem; margin: 0; }
      dt { color: var(--tessera-muted); }
      dd { margin: 0; }
      .back { margin: 0; }
      @media (max-width: 52rem) { .layout { grid-template-columns: minmax(0, 1fr); } }
      @media (max-width: 40rem) {
        .card { padding: 0.75rem; }
        .bar button { flex: 1; justify-content: center; min-height: 3rem; }
      }
    `,
  ];
  declare ctx: AppContext;
  protected readonly appContext = consumeAppContext(this);
  declare params: Record<string, string>;
  declare app: AppDefinition | undefined;
  declare record: StoredRecord | undefined;
  declare editing: boolean;
  declare notice: string | undefined;
  private runtime: FormRuntime | undefined;

  private readonly loading = new Task(this, {
    args: () => [this.ctx.api, this.params.app!, this.params.table!, this.params.id!] as const,
    task: ([api, app, table, id]) => this.fetchRecord(api, app, table, id),
    onComplete: (found) => {
      this.app = found?.app;
      this.notice = undefined;
      if (!found) {
        this.record = undefined;
        return;
      }
      this.show(found.record, false);
      this.renderRoot.querySelector<RecordHistory>('tessera-record-history')?.reload();
    },
  });

  private readonly saving = new SendController(this, (error) =>
    problemText(error, this.app, this.params.table!, this.ctx.locale),
  );

  constructor() {
    super();
    this.editing = false;
  }

  private get table(): TableDefinition | undefined {
    return this.app?.tables.find((one) => one.id === this.params.table);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.runtime?.dispose();
  }

  /** The record with its app's latest definition; none when either is not there. */
  private async fetchRecord(api: ApiClient, app: string, table: string, id: string) {
    const [latest, record] = await Promise.all([
      latestDefinition(api, app),
      api.call.records.get({ params: { app, table, id } }),
    ]);
    const definition = latest?.definition;
    if (!definition?.tables.some((one) => one.id === table)) return undefined;
    return { app: definition, record };
  }

  private readonly loadProblem = (error: unknown) =>
    error instanceof ApiProblem && error.status === 404
      ? translator(RECORD_TEXTS, this.ctx.locale)('notFound')
      : problemMessage(error);

  private show(record: StoredRecord, editing: boolean) {
    this.runtime?.dispose();
    this.runtime = this.app
      ? tableFormRuntime(
          this.app,
          record.table,
          this.ctx.locale,
          editing ? 'edit' : 'read',
          record.values,
        )
      : undefined;
    this.record = record;
    this.editing = editing;
  }

  private async save() {
    const { record, runtime } = this;
    if (!record || !runtime) return;
    if (runtime.validate().length > 0) {
      await this.renderRoot.querySelector<TesseraForm>('tessera-form')?.submit();
      return;
    }
    const saved = await this.saving.run(() =>
      this.ctx.api.call.records
        .update({
          params: { app: record.app, table: record.table, id: record.id },
          body: { _rev: record._rev, values: runtime.submitValues() },
        })
        .catch((error) => this.reloadIfStale(error)),
    );
    if (!saved) return;
    this.show(saved, false);
    this.notice = translator(RECORD_TEXTS, this.ctx.locale)('saved');
    this.renderRoot.querySelector<RecordHistory>('tessera-record-history')?.reload();
  }

  /** Someone saved meanwhile (a 409): the record is read again and the page says so. */
  private async reloadIfStale(error: unknown): Promise<undefined> {
    if (!(error instanceof ApiProblem && error.status === 409)) throw error;
    await this.loading.run();
    if (this.loading.status === TaskStatus.COMPLETE)
      this.notice = `${error.message} ${translator(RECORD_TEXTS, this.ctx.locale)('stale')}`;
    return undefined;
  }

  override render() {
    const { locale } = this.ctx;
    const t = translator(RECORD_TEXTS, locale);
    const back = html`<p class="back"><a href="/apps">← ${t('back')}</a></p>`;
    const { app, record, table } = this;
    if (!app || !record || !table) {
      const states = loadStates({ loading: t('loading'), message: this.loadProblem });
      return html`${back}${this.loading.render({ ...states, complete: () => problemAlert(t('notFound')) })}`;
    }
    const master = table.kind === 'master';
    const item = record.id.startsWith('record:') ? record.id.slice('record:'.length) : record.id;
    return html`
      ${back}
      <div class="head">
        <h1>${recordTitle(app, table.id, record.values, record.id)}</h1>
        <span class="muted">${localize(table.label, locale, table.id)}</span>
        <span class="badge">${t(master ? 'kind.master' : 'kind.flow')}</span>
        <span class="muted">${t('updated', { at: formatDateTime(record.updatedAt, locale) })}</span>
        ${table.kind === 'flow' ? html`<a class="button" href=${`/items/${encodeURIComponent(item)}`}>${t('openItem')} →</a>` : nothing}
      </div>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.loading.render({ error: loadStates({ message: this.loadProblem }).error })}
      ${this.saving.render()}
      <div class="layout">
        <section class="card" aria-label=${t('form')}>
          ${this.runtime ? this.renderForm(app) : this.renderValues(app, table, record)}
          ${master && this.runtime ? this.renderBar(t) : nothing}
        </section>
        <section class="card">
          <tessera-record-history .api=${this.ctx.api} .app=${app} .table=${table.id} .recordId=${record.id} .locale=${locale}></tessera-record-history>
        </section>
      </div>
      <tessera-related-records .api=${this.ctx.api} .app=${app} .recordId=${record.id} .locale=${locale}></tessera-related-records>
    `;
  }

  private renderForm(app: AppDefinition) {
    return html`<tessera-form no-submit .runtime=${this.runtime} .locale=${this.ctx.locale} .services=${formServices(this.ctx.api, app)}
      @tessera-submit=${(event: Event) => event.stopPropagation()}></tessera-form>`;
  }

  private renderBar(t: ReturnType<typeof translator<keyof (typeof RECORD_TEXTS)['en']>>) {
    const record = this.record!;
    return html`<div class="bar" role="toolbar" aria-label=${t('form')}>
      ${
        this.editing
          ? html`<button type="button" class="primary" ?disabled=${this.saving.busy} @click=${() => this.save()}>${t('save')}</button>
            <button type="button" ?disabled=${this.saving.busy} @click=${() => {
              this.saving.clear();
              this.show(record, false);
            }}>${t('cancel')}</button>`
          : html`<button type="button" class="primary" @click=${() => {
              this.notice = undefined;
              this.show(record, true);
            }}>${t('edit')}</button>`
      }
    </div>`;
  }

  /** Without a form: the values as a list, formatted by their field types. */
  private renderValues(app: AppDefinition, table: TableDefinition, record: StoredRecord) {
    const { locale } = this.ctx;
    const t = translator(RECORD_TEXTS, locale);
    const cells = {
      locale,
      platform: browserPlatform(),
      app,
      table: table.id,
    };
    return html`<p class="muted">${t('noForm')}</p>
      <dl>${table.fields.map(
        (field) => html`<dt>${localize(field.label, locale, field.id)}</dt>
          <dd>${formatCell(record.values[field.id], { field: field.id, type: field.type }, cells) || '—'}</dd>`,
      )}</dl>`;
  }
}

if (!customElements.get('tessera-record-page'))
  customElements.define('tessera-record-page', RecordPage);
