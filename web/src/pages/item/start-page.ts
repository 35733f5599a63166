import { Task } from '@lit/task';
import { type AppDefinition, type FlowDefinition, localize } from '@tessera/core';
import type { TesseraForm } from '@tessera/runtime/elements';
import { createFormRuntime, type FormRuntime } from '@tessera/runtime/forms';
import { css, html, LitElement, nothing } from 'lit';
import type { ApiClient } from '../../api/api-client.ts';
import { ApiProblem } from '../../api/api-error.ts';
import type { AppContext } from '../../app-context/app-context.ts';
import { consumeAppContext } from '../../app-context/consume-app-context.ts';
import { latestDefinition } from '../../forms/app-definitions.ts';
import { browserPlatform, formServices, formUser } from '../../forms/form-kit.ts';
import { translator } from '../../i18n/texts.ts';
import { cachedApp } from '../../offline/offline-reads.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { loadStates, problemAlert } from '../load-states.ts';
import { SendController } from '../send-controller.ts';
import { type PersonChoice, personChoiceOf } from './choose-person-dialog.ts';
import { ITEM_TEXTS } from './item-texts.ts';

/** A flow to start: its app, and the form it is filled in. */
interface FlowToStart {
  readonly app: AppDefinition;
  readonly flow: FlowDefinition;
  readonly form: NonNullable<AppDefinition['forms']>[number];
}

/**
 * `/start/{app}/{flow}`: a new item of a flow, filled in the flow's form with the start node's
 * rights. Submit checks the form first, then the server checks it again; Save keeps a draft
 * (待发). One idempotency key per try, so a double click starts one item.
 */
export class StartPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
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
  /** The next step asked who takes it: the person picks, and the start is sent again. */
  declare choosing:
    | { choice: PersonChoice; submit: boolean; choose: Record<string, string[]> }
    | undefined;
  private runtime: FormRuntime | undefined;
  private key = crypto.randomUUID();

  /** The flow and its form, from the offline copy when the server cannot be reached. */
  private readonly loading = new Task(this, {
    args: () => [this.ctx.api, this.params.app!, this.params.flow!] as const,
    task: ([api, app, flow]) => this.fetchFlow(api, app, flow),
    onComplete: (found) => this.open(found),
  });

  /** The start, sent as a draft or submitted: one at a time, one place for a refusal. */
  private readonly starting = new SendController(this);

  private get app(): AppDefinition | undefined {
    return this.loading.value?.app;
  }

  private get flow(): FlowDefinition | undefined {
    return this.loading.value?.flow;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.runtime?.dispose();
  }

  private async fetchFlow(
    api: ApiClient,
    id: string,
    flowId: string,
  ): Promise<FlowToStart | undefined> {
    const latest = await latestDefinition(api, id).catch(async (error) => {
      if (!(error instanceof ApiProblem) || !error.offline) throw error;
      return cachedApp(await this.ctx.offline(), id);
    });
    const app = latest?.definition;
    const flow = app?.flows?.find((one) => one.id === flowId);
    const form = app?.forms?.find((one) => one.id === flow?.form);
    return app && flow && form ? { app, flow, form } : undefined;
  }

  /** The flow's form with the start node's rights, and values carried over if any. */
  private open(found: FlowToStart | undefined) {
    this.runtime?.dispose();
    this.runtime = undefined;
    if (!found) return;
    const { app, flow, form } = found;
    const nodeTypes = browserPlatform().nodeTypes;
    const start = flow.nodes.find((node) => nodeTypes.get(node.type)?.shape === 'start');
    this.runtime = createFormRuntime({
      platform: browserPlatform(),
      app,
      form,
      locale: this.ctx.locale,
      ...(this.ctx.user ? { user: formUser(this.ctx.user)! } : {}),
      ...(start ? { node: start.id } : {}),
      ...this.carriedValues(app.id, flow.id),
    });
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
    const { runtime, app, flow } = this;
    if (!runtime || !app || !flow) return;
    if (submit && runtime.validate().length > 0) {
      await this.renderRoot.querySelector<TesseraForm>('tessera-form')?.submit();
      return;
    }
    const t = translator(ITEM_TEXTS, this.ctx.locale);
    const values = submit ? runtime.submitValues() : runtime.values();
    const id = `${this.key}:${submit ? 'submit' : 'draft'}`;
    await this.starting.run(async () => {
      try {
        const item = await this.ctx.api.call.flows.start({
          params: { app: app.id, flow: flow.id },
          body: { values, submit, ...(Object.keys(choose).length > 0 ? { choose } : {}) },
          idempotencyKey: id,
        });
        this.ctx.refreshCounts();
        this.ctx.flash(t(submit ? 'done.submit' : 'done.saveDraft'));
        this.ctx.navigate(`/items/${encodeURIComponent(item.id)}`, { replace: true });
      } catch (error) {
        if (!(error instanceof ApiProblem && error.offline)) {
          this.key = crypto.randomUUID();
          this.askWho(error, submit, choose);
          return;
        }
        // kept under the same key: the outbox sends it once when the connection is back
        const engine = await this.ctx.offline();
        const name = localize(flow.label, this.ctx.locale, flow.id);
        await engine.queue(
          { id, kind: 'start', app: app.id, flow: flow.id, values, submit },
          `${t(submit ? 'new.submit' : 'new.saveDraft')} ${name}`,
        );
        this.ctx.flash(t('offline.queued'));
        this.ctx.navigate('/', { replace: true });
      }
    });
  }

  /** The next step asks who takes it: the chooser opens; any other refusal goes on up. */
  private askWho(error: unknown, submit: boolean, choose: Record<string, string[]>) {
    const flow = this.flow!;
    const choice =
      error instanceof ApiProblem
        ? personChoiceOf(error, (node) =>
            localize(flow.nodes.find((one) => one.id === node)?.label, this.ctx.locale, node),
          )
        : undefined;
    if (!choice) throw error;
    this.choosing = { choice, submit, choose };
  }

  override render() {
    const t = translator(ITEM_TEXTS, this.ctx.locale);
    const { app, flow, runtime } = this;
    return html`
      <h1>${flow ? t('new.title', { flow: localize(flow.label, this.ctx.locale, flow.id) }) : ''}</h1>
      ${this.loading.render({ ...loadStates(), complete: (found) => (found ? nothing : problemAlert(t('notFound'))) })}
      ${this.starting.render()}
      ${
        app && runtime
          ? html`<section class="card">
            <tessera-form no-submit .runtime=${runtime} .locale=${this.ctx.locale} .services=${formServices(this.ctx.api, app)}
              @tessera-submit=${(event: Event) => event.stopPropagation()}></tessera-form>
            <div class="bar">
              <button class="primary" type="button" ?disabled=${this.starting.busy} @click=${() => this.send(true)}>${t('new.submit')}</button>
              <button type="button" ?disabled=${this.starting.busy} @click=${() => this.send(false)}>${t('new.saveDraft')}</button>
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
