import { Task } from '@lit/task';
import { localize } from '@tessera/core';
import { css, html, LitElement, nothing } from 'lit';
import type { AppContext } from '../../app-context/app-context.ts';
import { consumeAppContext } from '../../app-context/consume-app-context.ts';
import { formatDateTime, translator } from '../../i18n/texts.ts';
import type { ConflictEntry, OutboxCommand } from '../../offline/offline-types.ts';
import type { SyncEngine } from '../../offline/sync-engine.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { ITEM_TEXTS } from '../item/item-texts.ts';
import { loadStates } from '../load-states.ts';
import { SendController } from '../send-controller.ts';
import { SYNC_TEXTS } from './sync-texts.ts';

/**
 * `/sync`: what waits to be sent, the conflicts with the server's version beside the person's
 * own change, and what to do with each: discard it, or fix it in a new form. Nothing leaves
 * the list without the person's say.
 */
export class SyncPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      section { margin-top: 1.5rem; }
      ul { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.5rem; }
      li { background: var(--tessera-surface); border: 1px solid var(--tessera-line); border-radius: 8px; padding: 0.75rem 1rem; }
      .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; margin: 0.5rem 0; }
      pre { white-space: pre-wrap; word-break: break-word; font-size: 0.8rem; background: var(--tessera-back); padding: 0.5rem; border-radius: 6px; margin: 0.25rem 0 0; max-height: 12rem; overflow: auto; }
      @media (max-width: 40rem) { .pair { grid-template-columns: 1fr; } }
    `,
  ];
  declare ctx: AppContext;
  protected readonly appContext = consumeAppContext(this);
  declare params: Record<string, string>;
  /** The engine whose `change` events this page follows, while it is shown. */
  private followed: SyncEngine | undefined;
  private readonly onChange = () => {
    if (this.followed) void this.lists.run([this.followed]);
  };

  /** The person's sync engine: the status it reports, and the store the lists come from. */
  private readonly engine = new Task(this, {
    args: () => [this.ctx.user?.id] as const,
    task: () => this.ctx.offline(),
    onComplete: (engine) => {
      if (this.isConnected) this.follow(engine);
    },
  });

  /** What waits and what conflicts, read again at each change; only the latest read shows. */
  private readonly lists = new Task(this, {
    autoRun: false,
    task: async ([engine]: readonly [SyncEngine]) => ({
      pending: (await engine.store.outbox()).map((doc) => ({
        command: doc.command,
        ...(doc.label ? { label: doc.label } : {}),
      })),
      conflicts: await engine.store.conflicts(),
    }),
  });

  /** A conflict discarded: one at a time, and a place for a store that refused it. */
  private readonly discarding = new SendController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    // changes made while the page was away were not heard: the lists are read again
    if (this.engine.value) this.follow(this.engine.value);
  }

  override disconnectedCallback(): void {
    this.follow(undefined);
    super.disconnectedCallback();
  }

  private follow(engine: SyncEngine | undefined) {
    this.followed?.removeEventListener('change', this.onChange);
    this.followed = engine;
    engine?.addEventListener('change', this.onChange);
    this.onChange();
  }

  private get pending(): readonly { command: OutboxCommand; label?: string }[] {
    return this.lists.value?.pending ?? [];
  }

  private get conflicts(): readonly ConflictEntry[] {
    return this.lists.value?.conflicts ?? [];
  }

  private describe(command: OutboxCommand): string {
    const t = translator(SYNC_TEXTS, this.ctx.locale);
    if (command.kind === 'start') return t('kind.start', { flow: command.flow });
    if (command.kind === 'create') return t('kind.create', { table: command.table });
    const action = String(command.command.type ?? '');
    const key = `action.${action}` as Parameters<
      ReturnType<typeof translator<keyof (typeof ITEM_TEXTS)['en']>>
    >[0];
    return t('kind.command', {
      action:
        key in ITEM_TEXTS[this.ctx.locale] ? translator(ITEM_TEXTS, this.ctx.locale)(key) : action,
    });
  }

  private async discard(entry: ConflictEntry) {
    const engine = this.engine.value;
    if (!engine || !confirm(translator(SYNC_TEXTS, this.ctx.locale)('discard.confirm'))) return;
    await this.discarding.run(async () => {
      await engine.store.resolve(entry.command.id);
      await engine.refresh();
    });
  }

  private reopen(entry: ConflictEntry) {
    const { command } = entry;
    if (command.kind !== 'start') return;
    sessionStorage.setItem(
      `tessera.draft:${command.app}/${command.flow}`,
      JSON.stringify(command.values),
    );
    const engine = this.engine.value;
    void engine?.store.resolve(command.id).then(() => engine.refresh());
    this.ctx.navigate(
      `/start/${encodeURIComponent(command.app)}/${encodeURIComponent(command.flow)}?from=conflict`,
    );
  }

  override render() {
    const { locale } = this.ctx;
    const t = translator(SYNC_TEXTS, locale);
    const status = this.engine.value?.status;
    const { error } = loadStates();
    return html`
      <h1>${t('title')}</h1>
      <p class="muted">${t('lead')}</p>
      <div class="row">
        <button class="primary" type="button" ?disabled=${status?.syncing || !navigator.onLine} @click=${() => this.engine.value?.sync()}>${t('now')}</button>
        <span class="muted">${status?.lastSyncAt ? t('last', { at: formatDateTime(status.lastSyncAt, locale) }) : t('never')}</span>
      </div>
      ${navigator.onLine ? nothing : html`<p class="notice">${t('offline')}</p>`}
      ${status?.error ? html`<p class="error" role="alert">${t('error', { message: status.error })}</p>` : nothing}
      ${this.engine.render({ error })}
      ${this.lists.render({ error })}
      ${this.discarding.render()}
      <section aria-labelledby="pending">
        <h2 id="pending">${t('pending', { n: this.pending.length })}</h2>
        ${this.pending.length === 0 ? html`<p class="muted">${t('pending.none')}</p>` : nothing}
        <ul>${this.pending.map(({ command, label }) => html`<li>${label ?? this.describe(command)} · <span class="muted">${formatDateTime(command.at, locale)}</span></li>`)}</ul>
      </section>
      <section aria-labelledby="conflicts">
        <h2 id="conflicts">${t('conflicts', { n: this.conflicts.length })}</h2>
        ${this.conflicts.length === 0 ? html`<p class="muted">${t('conflicts.none')}</p>` : nothing}
        <ul>${this.conflicts.map((entry) => this.renderConflict(entry))}</ul>
      </section>
    `;
  }

  private renderConflict(entry: ConflictEntry) {
    const { locale } = this.ctx;
    const t = translator(SYNC_TEXTS, locale);
    const { command } = entry;
    const mine = command.kind === 'command' ? command.command : command.values;
    const server = entry.server as
      | {
          status?: string;
          id?: string;
          diagram?: { nodes: { label?: Record<string, string>; state: string; id: string }[] };
        }
      | undefined;
    const now = server?.diagram?.nodes
      .filter((node) => node.state === 'active')
      .map((node) => localize(node.label, locale, node.id));
    return html`<li>
      <strong>${entry.label ?? this.describe(command)}</strong> · <span class="badge warn">${t(`status.${entry.status}`)}</span>
      <span class="muted">${formatDateTime(command.at, locale)}</span>
      <p class="error">${entry.error.message}${entry.error.field ? html` (<code>${entry.error.field}</code>)` : nothing}</p>
      <div class="pair">
        <div><strong>${t('mine')}</strong><pre>${JSON.stringify(mine, null, 2)}</pre></div>
        ${server ? html`<div><strong>${t('theirs')}</strong><pre>${server.status ?? ''}${now?.length ? ` · ${now.join('、')}` : ''}</pre></div>` : nothing}
      </div>
      <div class="row">
        ${command.kind === 'start' ? html`<button type="button" class="primary" @click=${() => this.reopen(entry)}>${t('reopen')}</button>` : nothing}
        ${command.kind === 'command' ? html`<a class="button" href=${`/items/${encodeURIComponent(command.item)}`}>${t('openItem')}</a>` : nothing}
        <button type="button" class="danger" ?disabled=${this.discarding.busy} @click=${() => this.discard(entry)}>${t('discard')}</button>
      </div>
    </li>`;
  }
}

if (!customElements.get('tessera-sync-page')) customElements.define('tessera-sync-page', SyncPage);
