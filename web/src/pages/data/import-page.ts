import { Task } from '@lit/task';
import { type AppDefinition, localize, type Static, type TableDefinition } from '@tessera/core';
import type { TableImportSchema } from '@tessera/core/api';
import { css, html, LitElement, nothing } from 'lit';
import type { AppContext } from '../../app-context/app-context.ts';
import { consumeAppContext } from '../../app-context/consume-app-context.ts';
import { latestDefinition } from '../../forms/app-definitions.ts';
import { browserPlatform } from '../../forms/form-kit.ts';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { loadStates, problemAlert } from '../load-states.ts';
import { SendController } from '../send-controller.ts';
import { formatCell } from './cell-format.ts';
import { IMPORT_TEXTS } from './import-texts.ts';
import { recordHref } from './view-types.ts';

type ImportAnswer = Static<typeof TableImportSchema>;
type Issue = ImportAnswer['missing'][number];

/** Rows of the report that link to their new record; the count covers all. */
const SHOWN_CREATED = 50;

type T = ReturnType<typeof translator<keyof (typeof IMPORT_TEXTS)['en']>>;

/**
 * `/apps/{app}/tables/{table}/import`: a file is read as a dry run and previewed with each
 * row's issues; only when the person confirms are the valid rows created (one
 * `Idempotency-Key` per file, so a retried confirmation creates nothing twice), then a report.
 */
export class ImportPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
    preview: { state: true },
    outcome: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }
      h1 { margin: 0; }
      .back, .lead { margin: 0; }
      .pick { display: grid; gap: 0.5rem; }
      .pick label { font-weight: 600; }
      input[type='file'] { max-width: 100%; padding: 0.5rem; }
      .counts { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-bottom: 0.75rem; }
      .mapping { display: flex; flex-wrap: wrap; gap: 0.4rem 0.75rem; margin: 0 0 0.75rem; padding: 0; list-style: none; font-size: 0.875rem; }
      .mapping li { background: var(--tessera-back); border-radius: 6px; padding: 0.2rem 0.5rem; }
      .mapping li.off { color: var(--tessera-warn); }
      .scroll { overflow-x: auto; border: 1px solid var(--tessera-line); border-radius: 6px; }
      table { border-collapse: collapse; width: 100%; min-width: max-content; }
      th, td { padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--tessera-line); text-align: start; white-space: nowrap; vertical-align: top; }
      thead th { background: var(--tessera-back); }
      tr.invalid { background: #fff6f5; }
      tr.invalid th { border-inline-start: 3px solid var(--tessera-danger); }
      td.bad { background: #fdecea; color: var(--tessera-danger); font-weight: 600; }
      td.issues { white-space: normal; min-width: 16rem; color: var(--tessera-danger); }
      td.issues.ok { color: var(--tessera-ok); }
      td.issues ul, .report ul { margin: 0; padding-inline-start: 1.1rem; }
      .bar { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 1rem; }
      @media (max-width: 40rem) {
        .card { padding: 0.75rem; }
        .bar > * { flex: 1; justify-content: center; min-height: 3rem; }
      }
    `,
  ];
  declare ctx: AppContext;
  protected readonly appContext = consumeAppContext(this);
  declare params: Record<string, string>;
  declare preview: ImportAnswer | undefined;
  declare outcome: ImportAnswer | undefined;
  private file: File | undefined;
  private key = '';

  private readonly loading = new Task(this, {
    args: () => [this.ctx.api, this.params.app!] as const,
    task: async ([api, app]) => (await latestDefinition(api, app))?.definition,
  });

  /** The dry run and the import: one file at a time, one place for a refusal. */
  private readonly sending = new SendController(this);

  private get app(): AppDefinition | undefined {
    return this.loading.value;
  }

  private get table(): TableDefinition | undefined {
    return this.app?.tables.find((one) => one.id === this.params.table);
  }

  private async send(dryRun: boolean): Promise<ImportAnswer | undefined> {
    if (!this.file) return undefined;
    const body = new FormData();
    body.set('file', this.file);
    return this.sending.run(() =>
      this.ctx.api.call.imports.table({
        params: { app: this.params.app!, table: this.params.table! },
        query: { dryRun: dryRun ? 'true' : 'false' },
        body,
        ...(dryRun ? {} : { idempotencyKey: this.key }),
      }),
    );
  }

  private async pick(event: Event) {
    const input = event.target as HTMLInputElement;
    this.file = input.files?.[0];
    this.preview = undefined;
    this.outcome = undefined;
    this.key = crypto.randomUUID();
    if (this.file) this.preview = await this.send(true);
  }

  private async confirm() {
    const outcome = await this.send(false);
    if (outcome) {
      this.outcome = outcome;
      this.preview = undefined;
    }
  }

  private reset() {
    this.file = undefined;
    this.preview = undefined;
    this.outcome = undefined;
    this.sending.clear();
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[type=file]');
    if (input) input.value = '';
  }

  /** An issue's message, led by its field's label unless the message names it already. */
  private issueText(issue: Issue) {
    const label = issue.field ? this.label(issue.field) : '';
    return label && !issue.message.includes(label) ? `${label}: ${issue.message}` : issue.message;
  }

  private label(field: string | null) {
    const definition = this.table?.fields.find((one) => one.id === field);
    return definition ? localize(definition.label, this.ctx.locale, definition.id) : (field ?? '');
  }

  override render() {
    const { locale } = this.ctx;
    const t = translator(IMPORT_TEXTS, locale);
    const table = this.table;
    const name = table ? localize(table.label, locale, table.id) : '';
    return html`
      <p class="back"><a href="/apps">← ${t('back')}</a></p>
      <h1>${t('title', { table: name })}</h1>
      <p class="muted lead">${t('lead')}</p>
      ${this.loading.render({ ...loadStates(), complete: () => (table ? nothing : problemAlert(t('notFound'))) })}
      ${this.sending.render()}
      ${
        table && !this.outcome
          ? html`<section class="card pick">
            <label for="file">${t('file')}</label>
            <input id="file" type="file" aria-describedby="file-hint" ?disabled=${this.sending.busy}
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              @change=${this.pick} />
            <span id="file-hint" class="muted">${t('file.hint')}</span>
            ${this.sending.busy && !this.preview ? html`<p class="muted" role="status">${t('reading')}</p>` : nothing}
          </section>`
          : nothing
      }
      ${this.preview ? this.renderPreview(this.preview, t) : nothing}
      ${this.outcome ? this.renderOutcome(this.outcome, t) : nothing}
    `;
  }

  private renderPreview(preview: ImportAnswer, t: T) {
    const { locale } = this.ctx;
    const cells = {
      locale,
      platform: browserPlatform(),
      ...(this.app ? { app: this.app } : {}),
      table: this.params.table!,
    };
    const fields = preview.columns.filter((one) => one.field !== null).map((one) => one.field!);
    const rows = preview.rows ?? [];
    const { counts } = preview;
    return html`<section class="card" aria-labelledby="preview">
      <h2 id="preview">${t('preview')}</h2>
      <div class="counts" role="status">
        <span class="badge">${t('counts.total', { n: counts.total })}</span>
        <span class="badge ok">${t('counts.valid', { n: counts.valid })}</span>
        ${counts.invalid ? html`<span class="badge warn">${t('counts.invalid', { n: counts.invalid })}</span>` : nothing}
      </div>
      <h3 class="visually-hidden">${t('columns')}</h3>
      <ul class="mapping" aria-label=${t('columns')}>
        ${preview.columns.map(
          (column) =>
            html`<li class=${column.field ? '' : 'off'}>${column.header} → ${column.field ? this.label(column.field) : (column.issue ?? t('column.ignored'))}</li>`,
        )}
      </ul>
      ${preview.missing.length ? html`<p class="error">${t('missing')}${preview.missing.map((one) => one.message).join('；')}</p>` : nothing}
      ${rows.length < counts.total ? html`<p class="muted">${t('firstRows', { shown: rows.length, total: counts.total })}</p>` : nothing}
      <div class="scroll" role="region" aria-label=${t('preview')} tabindex="0">
        <table>
          <thead><tr>
            <th scope="col">${t('row')}</th>
            ${fields.map((field) => html`<th scope="col">${this.label(field)}</th>`)}
            <th scope="col">${t('issues')}</th>
          </tr></thead>
          <tbody>${rows.map((row) => {
            const bad = new Set(row.issues.map((one) => one.field));
            const type = (field: string) =>
              this.table?.fields.find((one) => one.id === field)?.type ?? 'text';
            return html`<tr class=${row.issues.length ? 'invalid' : ''}>
              <th scope="row">${row.row}</th>
              ${fields.map((field) => html`<td class=${bad.has(field) ? 'bad' : ''}>${formatCell(row.values[field], { field, type: type(field) }, cells)}</td>`)}
              <td class="issues ${row.issues.length ? '' : 'ok'}">${
                row.issues.length
                  ? html`<ul>${row.issues.map((one) => html`<li>${this.issueText(one)}</li>`)}</ul>`
                  : `✓ ${t('ok')}`
              }</td>
            </tr>`;
          })}</tbody>
        </table>
      </div>
      ${counts.valid === 0 ? html`<p class="notice">${t('nothingValid')}</p>` : nothing}
      <div class="bar">
        <button type="button" class="primary" ?disabled=${this.sending.busy || counts.valid === 0} @click=${() => this.confirm()}>
          ${this.sending.busy ? t('confirming') : t('confirm', { n: counts.valid })}</button>
        <button type="button" ?disabled=${this.sending.busy} @click=${() => this.reset()}>${t('another')}</button>
      </div>
    </section>`;
  }

  private renderOutcome(outcome: ImportAnswer, t: T) {
    const created = outcome.created ?? [];
    const failed = outcome.failed ?? [];
    return html`<section class="card report" aria-labelledby="report">
      <h2 id="report">${t('report')}</h2>
      <p class="notice" role="status">${t('created', { n: created.length })}</p>
      ${
        created.length
          ? html`<ul>${created
              .slice(0, SHOWN_CREATED)
              .map(
                (one) =>
                  html`<li><a href=${recordHref(this.params.app!, this.params.table!, one.id)}>${t('rowNumber', { row: one.row })}</a>${one.replayed ? t('replayed') : ''}</li>`,
              )}${created.length > SHOWN_CREATED ? html`<li>…</li>` : nothing}</ul>`
          : nothing
      }
      ${
        failed.length
          ? html`<p class="error">${t('failed', { n: failed.length })}</p>
            <ul>${failed.map(
              (one) =>
                html`<li>${t('rowNumber', { row: one.row })}: ${one.issues.map((issue) => this.issueText(issue)).join('；')}</li>`,
            )}</ul>`
          : nothing
      }
      <div class="bar">
        <a class="button primary" href="/apps">${t('done')}</a>
        <button type="button" @click=${() => this.reset()}>${t('another')}</button>
      </div>
    </section>`;
  }
}

if (!customElements.get('tessera-import-page'))
  customElements.define('tessera-import-page', ImportPage);
