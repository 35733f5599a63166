import { type AppDefinition, type FlowDefinition, localize } from '@tessera/core';
import type { TesseraForm } from '@tessera/runtime/elements';
import { createFormRuntime, type FormRuntime } from '@tessera/runtime/forms';
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem } from '../../api/api-error.ts';
import type { AppContext } from '../../app-context/app-context.ts';
import { consumeAppContext } from '../../app-context/consume-app-context.ts';
import { latestDefinition } from '../../forms/app-definitions.ts';
import { browserPlatform, formServices, formUser } from '../../forms/form-kit.ts';
import { translator } from '../../i18n/texts.ts';
import { cachedApp } from '../../offline/offline-reads.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { type PersonChoice, personChoiceOf } from './choose-person-dialog.ts';
import { ITEM_TEXTS } from './item-texts.ts';

/**
 * `/start/{app}/{flow}`: a new item of a flow, filled in the flow's form with the start node's
 * rights. Submit checks the form first, then the server checks it again; Save keeps a draft
 * (待发). One idempotency key per try, so a double click starts one item.
 */
export class StartPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
    app: { state: true },
    problem: { state: true },
    busy: { state: true },
    choosing: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .bar { display: flex; gap: 0.5rem; margin-top: 1rem; }
      @media (max-width: 40rem) {
        .bar { position: fixed; left: 0; right: 0; bottom: 3.6rem; z-index: 5; margin: 0; padding: 0.5rem 0.75rem; background: var(--tessera-surface); border-top: 1px solid var(--tessera-line); }
        .bar button { flex: 1; min-height: 3rem; }
        :host { padding-bottom: 4rem; }
      }
    `,
  ];
  declare ctx: AppContext;
  protected readonly appContext = consumeAppContext(this);
  declare params: Record<string, string>;
  declare app: AppDefinition | undefined;
  declare problem: string | undefined;
  declare busy: boolean;
  /** The next step asked who takes it: the person picks, and the start is sent again. */
  declare choosing:
    | { choice: PersonChoice; submit: boolean; choose: Record<string, string[]> }
    | undefined;
  private runtime: FormRuntime | undefined;
  private flow: FlowDefinition | undefined;
  private loadedFor = '';
  private key = crypto.randomUUID();

  protected override willUpdate(): void {
    const wanted = `${this.params.app}/${this.params.flow}`;
    if (wanted !== this.loadedFor) {
      this.loadedFor = wanted;
      void this.load();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.runtime?.dispose();
  }

  private async load() {
    try {
      const latest = await latestDefinition(this.ctx.api, this.params.app!).catch(async (error) => {
        if (!(error instanceof ApiProblem) || !error.offline) throw error;
        return cachedApp(await this.ctx.offline(), this.params.app!);
      });
      const app = latest?.definition;
      const flow = app?.flows?.find((one) => one.id === this.params.flow);
      const form = app?.forms?.find((one) => one.id === flow?.form);
      if (!app || !flow || !form) {
        this.problem = translator(ITEM_TEXTS, this.ctx.locale)('notFound');
        return;
      }
      const nodeTypes = browserPlatform().nodeTypes;
      const start = flow.nodes.find((node) => nodeTypes.get(node.type)?.shape === 'start');
      this.runtime?.dispose();
      this.runtime = createFormRuntime({
        platform: browserPlatform(),
        app,
        form,
        locale: this.ctx.locale,
        ...(this.ctx.user ? { user: formUser(this.ctx.user)! } : {}),
        ...(start ? { node: start.id } : {}),
        ...this.carriedValues(app.id, flow.id),
      });
      this.flow = flow;
      this.app = app;
    } catch (error) {
      this.problem = error instanceof ApiProblem ? error.message : String(error);
    }
  }

  /** Values carried over from a conflict the person chose to fix in a new form. */
  private carriedValues(app: string, flow: string) {
    const key = `tessera.draft:${app}/${flow}`;
    const saved =
      new URLSearchParams(location.search).get('from') === 'conflict'
        ? sessionStorage.getItem(key)
        : null;
    sessionStorage.removeItem(key);
    return saved ? { values: JSON.parse(saved) as Record<string, unknown> } : {};
  }

  private async send(submit: boolean, choose: Record<string, string[]> = {}) {
    const runtime = this.runtime;
    if (!runtime || !this.app || !this.flow) return;
    if (submit && runtime.validate().length > 0) {
      await this.renderRoot.querySelector<TesseraForm>('tessera-form')?.submit();
      return;
    }
    const t = translator(ITEM_TEXTS, this.ctx.locale);
    this.busy = true;
    this.problem = undefined;
    try {
      const item = await this.ctx.api.call.flows.start({
        params: { app: this.app.id, flow: this.flow.id },
        body: {
          values: submit ? runtime.submitValues() : runtime.values(),
          submit,
          ...(Object.keys(choose).length > 0 ? { choose } : {}),
        },
        idempotencyKey: `${this.key}:${submit ? 'submit' : 'draft'}`,
      });
      this.ctx.refreshCounts();
      this.ctx.flash(t(submit ? 'done.submit' : 'done.saveDraft'));
      this.ctx.navigate(`/items/${encodeURIComponent(item.id)}`, { replace: true });
    } catch (error) {
      if (error instanceof ApiProblem && error.offline) {
        const engine = await this.ctx.offline();
        await engine.queue(
          {
            id: `${this.key}:${submit ? 'submit' : 'draft'}`,
            kind: 'start',
            app: this.app.id,
            flow: this.flow.id,
            values: submit ? runtime.submitValues() : runtime.values(),
            submit,
          },
          `${t(submit ? 'new.submit' : 'new.saveDraft')} ${localize(this.flow.label, this.ctx.locale, this.flow.id)}`,
        );
        this.ctx.flash(t('offline.queued'));
        this.ctx.navigate('/', { replace: true });
        return;
      }
      this.key = crypto.randomUUID();
      const flow = this.flow;
      const choice =
        error instanceof ApiProblem
          ? personChoiceOf(error, (node) =>
              localize(flow.nodes.find((one) => one.id === node)?.label, this.ctx.locale, node),
            )
          : undefined;
      if (choice) {
        this.choosing = { choice, submit, choose };
        return;
      }
      this.problem = error instanceof ApiProblem ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = translator(ITEM_TEXTS, this.ctx.locale);
    const { app, flow, runtime } = this;
    return html`
      <h1>${flow ? t('new.title', { flow: localize(flow.label, this.ctx.locale, flow.id) }) : ''}</h1>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      ${
        app && runtime
          ? html`<section class="card">
            <tessera-form no-submit .runtime=${runtime} .locale=${this.ctx.locale} .services=${formServices(this.ctx.api, app)}
              @tessera-submit=${(event: Event) => event.stopPropagation()}></tessera-form>
            <div class="bar">
              <button class="primary" type="button" ?disabled=${this.busy} @click=${() => this.send(true)}>${t('new.submit')}</button>
              <button type="button" ?disabled=${this.busy} @click=${() => this.send(false)}>${t('new.saveDraft')}</button>
            </div>
          </section>`
          : nothing
      }
      ${
        this.choosing
          ? html`<tessera-choose-person-dialog .choice=${this.choosing.choice} .api=${this.ctx.api} .locale=${this.ctx.locale}
            @tessera-chosen=${(event: CustomEvent<{ node: string; user: string }>) => {
              const { submit, choose } = this.choosing!;
              this.choosing = undefined;
              void this.send(submit, { ...choose, [event.detail.node]: [event.detail.user] });
            }}
            @tessera-cancel=${() => {
              this.choosing = undefined;
            }}></tessera-choose-person-dialog>`
          : nothing
      }
    `;
  }
}

if (!customElements.get('tessera-start-page'))
  customElements.define('tessera-start-page', StartPage);
