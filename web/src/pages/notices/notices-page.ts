import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import type { AppContext } from '../../app-context/app-context.ts';
import { consumeAppContext } from '../../app-context/consume-app-context.ts';
import { formatDateTime, translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { loadStates } from '../load-states.ts';
import { type Notice, noticeEntry } from './notice-entry.ts';
import { NOTICE_TEXTS } from './notice-texts.ts';

/**
 * `/notices` (消息): a flow's urges, reminders, overdue marks, CC items, returns and ends, and
 * record reminders (数据提醒); opening one reads it and goes to its item or record.
 */
export class NoticesPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
    items: { state: true },
    next: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      ul { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.5rem; }
      a.notice-row { display: grid; grid-template-columns: auto 1fr auto; gap: 0.75rem; align-items: center; padding: 0.75rem 1rem; background: var(--tessera-surface); border: 1px solid var(--tessera-line); border-radius: 8px; text-decoration: none; color: inherit; min-height: 3.25rem; }
      a.notice-row.unread { border-left: 4px solid var(--tessera-accent); }
      a.notice-row:hover { border-color: var(--tessera-accent); }
      .title { font-weight: 600; }
      .meta { color: var(--tessera-muted); font-size: 0.875rem; }
    `,
  ];
  declare ctx: AppContext;
  protected readonly appContext = consumeAppContext(this);
  declare params: Record<string, string>;
  declare items: readonly Notice[] | undefined;
  declare next: string | undefined;

  private readonly first = new Task(this, {
    args: () => [this.ctx.api] as const,
    task: ([api]) => api.call.notices.list({ query: { limit: '50' } }),
    onComplete: (page) => {
      this.items = page.items;
      this.next = page.next;
    },
  });

  /** The page after the last one shown, run by "more". */
  private readonly more = new Task(this, {
    autoRun: false,
    task: ([cursor]: readonly [string | undefined]) =>
      this.ctx.api.call.notices.list({ query: { limit: '50', cursor } }),
    onComplete: (page) => {
      this.items = [...(this.items ?? []), ...page.items];
      this.next = page.next;
    },
  });

  private async open(event: MouseEvent, notice: Notice, href: string) {
    event.preventDefault();
    if (!notice.readAt) {
      await this.ctx.api.call.notices.read({ params: { id: notice.id } }).catch(() => undefined);
    }
    this.ctx.refreshCounts();
    this.ctx.navigate(href);
  }

  override render() {
    const { locale } = this.ctx;
    const t = translator(NOTICE_TEXTS, locale);
    return html`
      <h1>${t('title')}</h1>
      ${this.first.render(loadStates())}
      ${this.more.render(loadStates())}
      ${this.items?.length === 0 ? html`<p class="muted">${t('empty')}</p>` : nothing}
      <ul>
        ${(this.items ?? []).map((notice) => {
          const entry = noticeEntry(notice, locale);
          return html`<li>
            <a class="notice-row ${notice.readAt ? '' : 'unread'}" href=${entry.href}
              @click=${(event: MouseEvent) => this.open(event, notice, entry.href)}>
              <span class="badge ${entry.warn ? 'warn' : ''}">${entry.badge}</span>
              <span>
                <span class="title">${entry.title}</span>
                <span class="meta">${entry.meta}</span>
              </span>
              <span class="meta">${notice.readAt ? '' : html`<span class="visually-hidden">${t('unread')}</span>`}${formatDateTime(notice.createdAt, locale)}</span>
            </a>
          </li>`;
        })}
      </ul>
      ${this.next ? html`<p><button type="button" @click=${() => this.more.run([this.next])}>${t('more')}</button></p>` : nothing}
    `;
  }
}

if (!customElements.get('tessera-notices-page'))
  customElements.define('tessera-notices-page', NoticesPage);
