import { initialState, Task } from '@lit/task';
import { type AppDefinition, localize } from '@tessera/core';
import { defineFlowElements, type TesseraForm } from '@tessera/runtime/elements';
import { createFormRuntime, type FormRuntime } from '@tessera/runtime/forms';
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem } from '../../api/api-error.ts';
import { peopleNames } from '../../api/people-names.ts';
import type { AppContext } from '../../app-context/app-context.ts';
import { consumeAppContext } from '../../app-context/consume-app-context.ts';
import { publishedDefinition } from '../../forms/app-definitions.ts';
import { browserPlatform, formServices, recordTitle } from '../../forms/form-kit.ts';
import { formatDateTime, translator } from '../../i18n/texts.ts';
import { cachedApp, cachedItem } from '../../offline/offline-reads.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { loadStates, problemAlert } from '../load-states.ts';
import './action-dialog.ts';
import type { ActionChoice } from './action-dialog.ts';
import type { FlowItem } from './flow-item.ts';
import { formValues } from './form-values.ts';
import { itemActions } from './item-actions.ts';
import { ItemActionsController } from './item-actions-controller.ts';
import { ITEM_TEXTS } from './item-texts.ts';

/**
 * `/items/{id}`: the item's form with the fields the caller's node allows, the flow diagram
 * with the current node, the history, and the actions the caller may take. On a phone the
 * main action sits in a bar at the bottom, in reach of a thumb.
 */
export class ItemPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
    item: { state: true },
    app: { state: true },
    names: { state: true },
    offline: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .layout { display: grid; grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr); gap: 1rem; align-items: start; }
      .side { display: grid; gap: 1rem; }
      .head { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: baseline; margin-bottom: 1rem; }
      .head h1 { margin: 0; }
      .bar { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 1rem 0 0; }
      @media (max-width: 52rem) {
        .layout { grid-template-columns: minmax(0, 1fr); }
      }
      @media (max-width: 40rem) {
        .bar { position: fixed; left: 0; right: 0; bottom: 3.6rem; z-index: 5; margin: 0; padding: 0.5rem 0.75rem; background: var(--tessera-surface); border-top: 1px solid var(--tessera-line); flex-wrap: nowrap; overflow-x: auto; }
        .bar button { flex: 0 0 auto; min-height: 3rem; }
        .bar button.primary { flex: 1 0 auto; }
        :host { padding-bottom: 4rem; }
      }
    `,
  ];
  declare ctx: AppContext;
  protected readonly appContext = consumeAppContext(this);
  declare params: Record<string, string>;
  declare item: FlowItem | undefined;
  declare app: AppDefinition | undefined;
  declare names: Readonly<Record<string, string>>;
  /** Shown from the offline copy. */
  declare offline: boolean;
  private runtime: FormRuntime | undefined;

  private readonly loading = new Task(this, {
    args: () => [this.params?.id] as const,
    task: ([id]) => (id ? this.fetchItem(id) : initialState),
    onComplete: ({ item, app, offline }) => {
      this.offline = offline;
      defineFlowElements();
      this.show(item, app);
      void this.loadNames(item);
      this.actions.loaded(item, offline);
    },
  });

  private readonly actions = new ItemActionsController(this, {
    ctx: () => this.ctx,
    item: () => this.item,
    values: (action) => (this.runtime ? formValues(this.runtime, action.name) : {}),
    formReady: async () => {
      const form = this.renderRoot.querySelector<TesseraForm>('tessera-form');
      if (!form || !this.runtime || this.runtime.validate().length === 0) return true;
      await form.submit();
      return false;
    },
    show: (item) => {
      if (this.app) this.show(item, this.app);
      void this.loadNames(item);
    },
    reload: () => this.loading.run(),
    title: (item) => (this.app ? this.itemTitle(this.app, item) : item.id),
    nodeLabel: (node) => this.nodeLabel(node),
  });

  constructor() {
    super();
    this.names = {};
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.runtime?.dispose();
  }

  /** The item from the server, or from the offline copy when the server cannot be reached. */
  private async fetchItem(
    id: string,
  ): Promise<{ item: FlowItem; app: AppDefinition; offline: boolean }> {
    try {
      const item = await this.ctx.api.call.flows.item({ params: { id } });
      return {
        item,
        app: await publishedDefinition(this.ctx.api, item.app, item.version),
        offline: false,
      };
    } catch (error) {
      if (!(error instanceof ApiProblem) || !error.offline) throw error;
      const engine = await this.ctx.offline();
      const item = await cachedItem<FlowItem>(engine, id);
      const app = item && (await cachedApp(engine, item.app, item.version));
      if (!item || !app) throw error;
      return { item, app: app.definition, offline: true };
    }
  }

  /** A fresh form runtime for the item's record as it now stands. */
  private show(item: FlowItem, app: AppDefinition) {
    const flow = app.flows?.find((one) => one.id === item.flow);
    const form = app.forms?.find((one) => one.id === flow?.form);
    this.runtime?.dispose();
    this.runtime = form
      ? createFormRuntime({
          platform: browserPlatform(),
          app,
          form,
          locale: this.ctx.locale,
          values: item.record.values,
          ...(item.rights.node ? { node: item.rights.node } : { fallbackRight: 'read' as const }),
        })
      : undefined;
    this.app = app;
    this.item = item;
  }

  private async loadNames(item: FlowItem) {
    const ids = new Set<string>([item.initiator]);
    for (const entry of item.timeline) {
      if (entry.actor.startsWith('user:')) ids.add(entry.actor);
      for (const user of entry.users ?? []) ids.add(user);
    }
    for (const task of item.tasks) ids.add(task.assignee);
    this.names = await peopleNames(this.ctx.api, ids);
  }

  private itemTitle(app: AppDefinition, item: FlowItem): string {
    const flow = app.flows?.find((one) => one.id === item.flow);
    return recordTitle(app, flow?.table ?? '', item.record.values, item.id);
  }

  private nodeLabel(node: string): string {
    const found = this.item?.diagram.nodes.find((one) => one.id === node);
    return localize(found?.label, this.ctx.locale, node);
  }

  private renderChooser() {
    const choosing = this.actions.choosing;
    if (!choosing) return nothing;
    return html`<tessera-choose-person-dialog .choice=${choosing.choice} .api=${this.ctx.api} .locale=${this.ctx.locale}
      @tessera-chosen=${(event: CustomEvent<{ node: string; user: string }>) =>
        this.actions.chosen(event.detail.node, event.detail.user)}
      @tessera-cancel=${() => this.actions.cancel()}></tessera-choose-person-dialog>`;
  }

  private renderDialog(item: FlowItem) {
    const pending = this.actions.pending;
    if (!pending) return nothing;
    return html`<tessera-action-dialog .action=${pending} .item=${item} .api=${this.ctx.api} .locale=${this.ctx.locale}
      ?busy=${this.actions.busy} .problem=${this.actions.dialogProblem}
      @tessera-confirm=${(event: CustomEvent<ActionChoice>) => this.actions.run(pending, event.detail)}
      @tessera-cancel=${() => this.actions.cancel()}></tessera-action-dialog>`;
  }

  override render() {
    const t = translator(ITEM_TEXTS, this.ctx.locale);
    const { item, app } = this;
    if (!item || !app) return this.loading.render(loadStates());
    const { locale } = this.ctx;
    const flow = app.flows?.find((one) => one.id === item.flow);
    const actions = itemActions(item, this.ctx.user?.id ?? '');
    const active = item.diagram.nodes
      .filter((node) => node.state === 'active')
      .map((node) => localize(node.label, locale, node.id));
    const nodes = Object.fromEntries(
      item.diagram.nodes.map((node) => [node.id, localize(node.label, locale, node.id)]),
    );
    return html`
      <div class="head">
        <h1>${this.itemTitle(app, item)}</h1>
        <span class="muted">${localize(flow?.label, locale, item.flow)}</span>
        <span class="badge ${item.status === 'approved' ? 'ok' : item.status === 'rejected' ? 'warn' : ''}">${t(`status.${item.status}`)}</span>
        ${active.length ? html`<span class="muted">${t('waitingFor', { nodes: active.join('、') })}</span>` : nothing}
        <span class="muted">${t('initiator', { name: this.names[item.initiator] ?? item.initiator })} · ${t('started', { at: formatDateTime(item.submittedAt ?? item.createdAt, locale) })}</span>
      </div>
      ${this.offline ? html`<p class="notice" role="status">${t('offline.copy')}</p>` : nothing}
      ${this.actions.notice ? html`<p class="notice" role="status">${this.actions.notice}</p>` : nothing}
      ${this.loading.render({ error: loadStates().error })}
      ${problemAlert(this.actions.problem)}
      <div class="layout">
        <section class="card" aria-label=${t('form')}>
          ${
            this.runtime
              ? html`<tessera-form no-submit .runtime=${this.runtime} .locale=${locale} .services=${formServices(this.ctx.api, app)}
                @tessera-submit=${(event: Event) => event.stopPropagation()}></tessera-form>`
              : nothing
          }
          <div class="bar" role="toolbar" aria-label=${t('form')}>
            ${actions.map(
              (
                action,
              ) => html`<button type="button" class=${action.primary ? 'primary' : action.name === 'reject' ? 'danger' : ''}
                ?disabled=${this.actions.busy} @click=${() => this.actions.start(action)}>${t(`action.${action.name}`)}</button>`,
            )}
          </div>
        </section>
        <div class="side">
          <section class="card">
            <h2>${t('diagram')}</h2>
            <tessera-flow-diagram .diagram=${item.diagram} .locale=${locale} .nodeTypes=${browserPlatform().nodeTypes}></tessera-flow-diagram>
          </section>
          <section class="card">
            <h2>${t('timeline')}</h2>
            <tessera-flow-timeline .timeline=${item.timeline} .users=${this.names} .nodes=${nodes} .locale=${locale}></tessera-flow-timeline>
          </section>
        </div>
      </div>
      ${this.renderDialog(item)}
      ${this.renderChooser()}
    `;
  }
}

if (!customElements.get('tessera-item-page')) customElements.define('tessera-item-page', ItemPage);
