import { Task } from '@lit/task';
import { type AppDefinition, localize, type TableDefinition } from '@tessera/core';
import type { TesseraForm } from '@tessera/runtime/elements';
import type { FormRuntime } from '@tessera/runtime/forms';
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem } from '../../api/api-error.ts';
import type { AppContext } from '../../app-context/app-context.ts';
import { consumeAppContext } from '../../app-context/consume-app-context.ts';
import { latestDefinition } from '../../forms/app-definitions.ts';
import { formServices, formUser } from '../../forms/form-kit.ts';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { recordHref } from '../data/view-types.ts';
import { loadStates, problemAlert } from '../load-states.ts';
import { SendController } from '../send-controller.ts';
import { problemText, tableFormRuntime } from './record-form.ts';
import { RECORD_TEXTS } from './record-texts.ts';

/**
 * `/records/{app}/{table}/new`: a new master record in its table's form. It is created once
 * (an `Idempotency-Key` per attempt), then its own page opens.
 */
export class NewRecordPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
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
  protected readonly appContext = consumeAppContext(this);
  declare params: Record<string, string>;
  private runtime: FormRuntime | undefined;
  private key = crypto.randomUUID();

  private readonly loading = new Task(this, {
    args: () => [this.ctx.api, this.params.app!, this.params.table!] as const,
    task: async ([api, app]) => (await latestDefinition(api, app))?.definition,
    onComplete: (app) => this.start(app),
  });

  private readonly creating = new SendController(this, (error) =>
    problemText(error, this.app, this.params.table!, this.ctx.locale),
  );

  private get app(): AppDefinition | undefined {
    return this.loading.value;
  }

  private get table(): TableDefinition | undefined {
    return this.app?.tables.find((one) => one.id === this.params.table);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.runtime?.dispose();
  }

  /** An empty form, for a master table only (a flow table's records are started as items). */
  private start(app: AppDefinition | undefined) {
    const table = app?.tables.find((one) => one.id === this.params.table);
    this.runtime?.dispose();
    this.runtime =
      app && table?.kind === 'master'
        ? tableFormRuntime(
            app,
            table.id,
            this.ctx.locale,
            'edit',
            undefined,
            formUser(this.ctx.user),
          )
        : undefined;
  }

  /** Why the table just read takes no new record here, if it does not. */
  private unusable(t: ReturnType<typeof translator<keyof (typeof RECORD_TEXTS)['en']>>) {
    const table = this.table;
    if (!table) return t('notFound');
    if (table.kind !== 'master') return t('new.onlyMaster');
    return this.runtime ? undefined : t('noForm');
  }

  private async create() {
    const { runtime, app } = this;
    if (!runtime || !app) return;
    if (runtime.validate().length > 0) {
      await this.renderRoot.querySelector<TesseraForm>('tessera-form')?.submit();
      return;
    }
    const table = this.params.table!;
    const created = await this.creating.run(async () => {
      try {
        return await this.ctx.api.call.records.create({
          params: { app: app.id, table },
          body: { values: runtime.submitValues() },
          idempotencyKey: this.key,
        });
      } catch (error) {
        // a refusal ends its attempt; a lost connection may have reached the server, so
        // the retry keeps the key and cannot create the record twice
        if (!(error instanceof ApiProblem && error.offline)) this.key = crypto.randomUUID();
        throw error;
      }
    });
    if (!created) return;
    this.ctx.flash(translator(RECORD_TEXTS, this.ctx.locale)('created'));
    this.ctx.navigate(recordHref(app.id, table, created.id), { replace: true });
  }

  override render() {
    const { locale } = this.ctx;
    const t = translator(RECORD_TEXTS, locale);
    const { app, table, runtime } = this;
    return html`
      <p class="back"><a href="/apps">← ${t('back')}</a></p>
      <h1>${table ? t('new.title', { table: localize(table.label, locale, table.id) }) : ''}</h1>
      ${this.loading.render({ ...loadStates(), complete: () => problemAlert(this.unusable(t)) })}
      ${this.creating.render()}
      ${
        app && runtime
          ? html`<section class="card">
            <tessera-form no-submit .runtime=${runtime} .locale=${locale} .services=${formServices(this.ctx.api, app)}
              @tessera-submit=${(event: Event) => event.stopPropagation()}></tessera-form>
            <div class="bar">
              <button type="button" class="primary" ?disabled=${this.creating.busy} @click=${() => this.create()}>${t('new.create')}</button>
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
