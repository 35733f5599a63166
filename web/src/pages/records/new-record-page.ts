import { type AppDefinition, localize, type TableDefinition } from '@tessera/core';
import type { TesseraForm } from '@tessera/runtime/elements';
import type { FormRuntime } from '@tessera/runtime/forms';
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem } from '../../api/api-error.ts';
import { latestDefinition } from '../../forms/app-definitions.ts';
import { formServices, formUser } from '../../forms/form-kit.ts';
import { translator } from '../../i18n/texts.ts';
import type { AppContext } from '../../shell/app-context.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { recordHref } from '../data/view-types.ts';
import { problemText, recordsPath, type StoredRecord, tableFormRuntime } from './record-form.ts';
import { RECORD_TEXTS } from './record-texts.ts';

/**
 * `/records/{app}/{table}/new`: a new master record in its table's form. It is created once
 * (an `Idempotency-Key` per attempt), then its own page opens.
 */
export class NewRecordPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
    app: { state: true },
    busy: { state: true },
    problem: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; max-width: 48rem; }
      h1 { margin: 0; }
      .bar { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 1rem; }
      .back { margin: 0; }
      @media (max-width: 40rem) {
        .card { padding: 0.75rem; }
        .bar button, .bar a { flex: 1; justify-content: center; min-height: 3rem; }
      }
    `,
  ];
  declare ctx: AppContext;
  declare params: Record<string, string>;
  declare app: AppDefinition | undefined;
  declare busy: boolean;
  declare problem: string | undefined;
  private runtime: FormRuntime | undefined;
  private key = crypto.randomUUID();
  private loadedFor = '';

  constructor() {
    super();
    this.busy = false;
  }

  private get table(): TableDefinition | undefined {
    return this.app?.tables.find((one) => one.id === this.params.table);
  }

  protected override willUpdate(): void {
    const key = `${this.params.app}/${this.params.table}`;
    if (key !== this.loadedFor) {
      this.loadedFor = key;
      void this.load();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.runtime?.dispose();
  }

  private async load() {
    const t = translator(RECORD_TEXTS, this.ctx.locale);
    try {
      const latest = await latestDefinition(this.ctx.api, this.params.app!);
      const app = latest?.definition;
      const table = app?.tables.find((one) => one.id === this.params.table);
      if (!app || !table) {
        this.problem = t('notFound');
        return;
      }
      this.runtime?.dispose();
      this.runtime =
        table.kind === 'master'
          ? tableFormRuntime(
              app,
              table.id,
              this.ctx.locale,
              'edit',
              undefined,
              formUser(this.ctx.user),
            )
          : undefined;
      if (table.kind !== 'master') this.problem = t('new.onlyMaster');
      else if (!this.runtime) this.problem = t('noForm');
      this.app = app;
    } catch (error) {
      this.problem = error instanceof ApiProblem ? error.message : String(error);
    }
  }

  private async create() {
    const { runtime, app } = this;
    if (!runtime || !app) return;
    if (runtime.validate().length > 0) {
      await this.renderRoot.querySelector<TesseraForm>('tessera-form')?.submit();
      return;
    }
    const table = this.params.table!;
    this.busy = true;
    this.problem = undefined;
    try {
      const created = await this.ctx.api.post<StoredRecord>(
        recordsPath(app.id, table),
        { values: runtime.submitValues() },
        { idempotencyKey: this.key },
      );
      this.ctx.flash(translator(RECORD_TEXTS, this.ctx.locale)('created'));
      this.ctx.navigate(recordHref(app.id, table, created.id), { replace: true });
    } catch (error) {
      this.problem = problemText(error, app, table, this.ctx.locale);
      if (!(error instanceof ApiProblem && error.offline)) this.key = crypto.randomUUID();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const { locale } = this.ctx;
    const t = translator(RECORD_TEXTS, locale);
    const { app, table, runtime } = this;
    return html`
      <p class="back"><a href="/apps">← ${t('back')}</a></p>
      <h1>${table ? t('new.title', { table: localize(table.label, locale, table.id) }) : ''}</h1>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      ${
        app && runtime
          ? html`<section class="card">
            <tessera-form no-submit .runtime=${runtime} .locale=${locale} .services=${formServices(this.ctx.api, app)}
              @tessera-submit=${(event: Event) => event.stopPropagation()}></tessera-form>
            <div class="bar">
              <button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.create()}>${t('new.create')}</button>
              <a class="button" href="/apps">${t('cancel')}</a>
            </div>
          </section>`
          : nothing
      }
    `;
  }
}

if (!customElements.get('tessera-new-record-page'))
  customElements.define('tessera-new-record-page', NewRecordPage);
