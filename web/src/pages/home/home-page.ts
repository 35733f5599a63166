import { initialState, Task, TaskStatus } from '@lit/task';
import { localize } from '@tessera/core';
import { css, html, LitElement, nothing } from 'lit';
import type { ApiClient } from '../../api/api-client.ts';
import { ApiProblem } from '../../api/api-error.ts';
import type { AppContext } from '../../app-context/app-context.ts';
import { consumeAppContext } from '../../app-context/consume-app-context.ts';
import { formatDateTime, translator } from '../../i18n/texts.ts';
import { cachedInbox } from '../../offline/offline-reads.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { loadStates } from '../load-states.ts';
import { BOXES, type Box, type InboxCounts, type InboxItem } from './inbox-entry.ts';
import { INBOX_TEXTS } from './inbox-texts.ts';

/** A box's first page as shown: from the server, or from the offline copy (no counts then). */
interface FirstPage {
  readonly items: readonly InboxItem[];
  readonly next: string | undefined;
  readonly counts?: InboxCounts;
  readonly offline: boolean;
}

type StatusKey = `status.${string}` &
  Parameters<ReturnType<typeof translator<keyof (typeof INBOX_TEXTS)['en']>>>[0];

/**
 * The home page (`/`, `/inbox/{box}`): the boxes 待办 已办 已发 知会 待发 with counts, a search,
 * and the entries newest first. Each entry opens its item; on a phone each is one tap target.
 */
export class HomePage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
    items: { state: true },
    next: { state: true },
    counts: { state: true },
    offline: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .tabs { display: flex; gap: 0.25rem; border-bottom: 1px solid var(--tessera-line); margin-bottom: 1rem; overflow-x: auto; }
      .tabs a { padding: 0.6rem 0.9rem; text-decoration: none; color: var(--tessera-muted); border-bottom: 3px solid transparent; white-space: nowrap; display: inline-flex; gap: 0.35rem; align-items: center; }
      .tabs a[aria-selected='true'] { color: var(--tessera-text); border-bottom-color: var(--tessera-accent); font-weight: 600; }
      form.search { margin-bottom: 1rem; }
      form.search input { flex: 1; min-width: 10rem; }
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
      li a { display: grid; grid-template-columns: 1fr auto; gap: 0.2rem 1rem; padding: 0.8rem 1rem; background: var(--tessera-surface); border: 1px solid var(--tessera-line); border-radius: 8px; text-decoration: none; color: inherit; min-height: 3.5rem; }
      li a:hover { border-color: var(--tessera-accent); }
      .title { font-weight: 600; }
      .meta { color: var(--tessera-muted); font-size: 0.875rem; }
      .side { text-align: end; font-size: 0.875rem; color: var(--tessera-muted); }
      .head { display: flex; align-items: center; gap: 1rem; }
      .head h1 { margin: 0; }
      @media (max-width: 40rem) {
        li a { grid-template-columns: 1fr; }
        .side { text-align: start; }
      }
    `,
  ];
  declare ctx: AppContext;
  protected readonly appContext = consumeAppContext(this);
  declare params: Record<string, string>;
  declare items: readonly InboxItem[] | undefined;
  declare next: string | undefined;
  declare counts: InboxCounts | undefined;
  declare offline: boolean;
  private query = '';

  private readonly first = new Task(this, {
    args: () => [this.ctx.api, this.box, this.query] as const,
    task: ([api, box, query]) => {
      // another box or search drops a page of the last one still on its way, and its problem
      void this.more.run([undefined]);
      return this.fetchFirst(api, box, query);
    },
    onComplete: (page) => {
      this.items = page.items;
      this.next = page.next;
      this.counts = page.counts ?? this.counts;
      this.offline = page.offline;
    },
  });

  /** The page after the last one shown, run by "more". */
  private readonly more = new Task(this, {
    autoRun: false,
    task: ([cursor]: readonly [string | undefined]) =>
      cursor === undefined
        ? initialState
        : this.ctx.api.call.flows.inbox({
            query: { box: this.box, q: this.query || undefined, cursor, limit: '30' },
          }),
    onComplete: (page) => {
      this.items = [...(this.items ?? []), ...page.items];
      this.next = page.next;
      this.offline = false;
    },
  });

  private get box(): Box {
    const asked = this.params?.box as Box | undefined;
    return asked && BOXES.includes(asked) ? asked : 'todo';
  }

  /** The box's first page and the counts; offline, the box as last synced, searched here. */
  private async fetchFirst(api: ApiClient, box: Box, query: string): Promise<FirstPage> {
    try {
      const [page, counts] = await Promise.all([
        api.call.flows.inbox({ query: { box, q: query || undefined, limit: '30' } }),
        api.call.flows.inboxCounts(),
      ]);
      return { items: page.items, next: page.next, counts, offline: false };
    } catch (error) {
      if (!(error instanceof ApiProblem && error.offline)) throw error;
      const items = await this.ctx
        .offline()
        .then((engine) => cachedInbox<InboxItem>(engine, box))
        .catch(() => undefined);
      if (!items) throw error;
      const needle = query.toLowerCase();
      const found = items.filter((item) => !needle || item.title.toLowerCase().includes(needle));
      return { items: found, next: undefined, offline: true };
    }
  }

  private loading() {
    return [this.first, this.more].some((task) => task.status === TaskStatus.PENDING);
  }

  private search(event: SubmitEvent) {
    event.preventDefault();
    this.query = String(new FormData(event.target as HTMLFormElement).get('q') ?? '').trim();
    this.requestUpdate();
  }

  override render() {
    const { locale } = this.ctx;
    const t = translator(INBOX_TEXTS, locale);
    const count = (box: Box) =>
      box === 'todo'
        ? this.counts?.todo
        : box === 'draft'
          ? this.counts?.draft
          : box === 'cc'
            ? this.counts?.ccUnread
            : undefined;
    return html`
      <div class="head">
        <h1>${t('title')}</h1>
        ${this.counts?.overdue ? html`<span class="badge warn">${t('overdueCount', { n: this.counts.overdue })}</span>` : nothing}
        <span class="spacer"></span>
        <a class="button primary" href="/start">${t('start')}</a>
      </div>
      <div class="tabs" role="tablist">
        ${BOXES.map((box) => {
          const n = count(box);
          return html`<a role="tab" href=${box === 'todo' ? '/' : `/inbox/${box}`} aria-selected=${box === this.box ? 'true' : 'false'}>
            ${t(`box.${box}`)}${n ? html`<span class="badge">${n}</span>` : nothing}</a>`;
        })}
      </div>
      <form class="search row" role="search" @submit=${this.search}>
        <input name="q" type="search" aria-label=${t('search')} placeholder=${t('search.placeholder')} .value=${this.query} />
        <button type="submit">${t('search')}</button>
      </form>
      ${this.offline ? html`<p class="notice" role="status">${t('offline')}</p>` : nothing}
      ${this.first.render(loadStates())}
      ${this.more.render(loadStates())}
      ${this.items?.length === 0 ? html`<p class="muted">${t('empty')}</p>` : nothing}
      <ul aria-busy=${this.loading() ? 'true' : 'false'}>
        ${(this.items ?? []).map((item) => this.renderItem(item, t))}
      </ul>
      ${this.next ? html`<p><button type="button" @click=${() => this.more.run([this.next])}>${t('more')}</button></p>` : nothing}
    `;
  }

  private renderItem(
    item: InboxItem,
    t: ReturnType<typeof translator<keyof (typeof INBOX_TEXTS)['en']>>,
  ) {
    const { locale } = this.ctx;
    const where = [
      localize(item.appLabel, locale),
      localize(item.flowLabel, locale),
      localize(item.nodeLabel, locale),
    ]
      .filter((label, index, all) => label && all.indexOf(label) === index)
      .join(' · ');
    const statusKey = `status.${item.status}` as StatusKey;
    const status = statusKey in INBOX_TEXTS[locale] ? t(statusKey) : item.status;
    return html`<li>
      <a href=${`/items/${encodeURIComponent(item.instance)}`}>
        <span class="title">${item.title}</span>
        <span class="side">
          ${item.overdue ? html`<span class="badge warn">${t('overdue')}</span>` : nothing}
          ${item.status === 'unread' ? html`<span class="badge">${t('unread')}</span>` : html`<span>${status}</span>`}
        </span>
        <span class="meta">${where}${item.initiatorName ? html` · ${t('from', { name: item.initiatorName })}` : nothing}</span>
        <span class="side">
          ${formatDateTime(item.actedAt ?? item.createdAt, locale)}
          ${item.due && !item.actedAt ? html`<br />${t('due', { at: formatDateTime(item.due, locale) })}` : nothing}
        </span>
      </a>
    </li>`;
  }
}

if (!customElements.get('tessera-home-page')) customElements.define('tessera-home-page', HomePage);
