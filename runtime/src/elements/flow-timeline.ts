import { type Locale, type LocalizedText, localize } from '@tessera/core';
import { css, html, LitElement, nothing } from 'lit';
import { approvalsNeededText } from '../flow/approvals-needed.ts';
import type { TimelineEntry } from '../flow/instance.ts';
import { ACTION_USERS_TEXTS, actionText, flowText, OUTCOME_TEXTS, toText } from './flow-texts.ts';

/** Display names by user id, as a map or a plain object. */
export type UserNames = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

const nameIn = (users: UserNames | undefined, id: string): string | undefined =>
  users instanceof Map
    ? users.get(id)
    : users && Object.hasOwn(users, id)
      ? (users as Readonly<Record<string, string>>)[id]
      : undefined;

/** Entries the engine writes as a consequence of someone's action, not as an action of theirs. */
const AUTOMATIC = new Set([
  'entered',
  'passed',
  'branched',
  'split',
  'joined',
  'notified',
  'wroteBack',
  'waiting',
  'woke',
  'overdue',
  'subflowStarted',
  'subflowEnded',
]);

const TONES: Readonly<Record<string, 'good' | 'bad'>> = {
  submitted: 'good',
  resubmitted: 'good',
  approved: 'good',
  rejected: 'bad',
  returned: 'bad',
  withdrawn: 'bad',
};

/**
 * `<tessera-flow-timeline>`: the flow item's history (流程日志), oldest first: who, when (in
 * the reader's time zone unless `timeZone` says otherwise), the action in words, the node and
 * the opinion.
 */
export class TesseraFlowTimeline extends LitElement {
  static override properties = {
    timeline: { attribute: false },
    users: { attribute: false },
    nodes: { attribute: false },
    locale: { type: String },
    timeZone: { type: String, attribute: 'time-zone' },
  };
  static override styles = css`
    :host { display: block; color: var(--tessera-flow-text, #1f2328); }
    :host([hidden]) { display: none; }
    ol { list-style: none; margin: 0; padding: 0; }
    li { position: relative; padding: 0 0 1rem 1.5rem; }
    /* the rail and a dot per entry */
    li::before { content: ''; position: absolute; left: 0.3rem; top: 0.4rem; bottom: -0.4rem; border-left: 2px solid var(--tessera-flow-edge, #c4c7cc); }
    li:last-child::before { display: none; }
    li::after { content: ''; position: absolute; left: 0; top: 0.3rem; width: 0.6rem; height: 0.6rem; border-radius: 50%; background: var(--tessera-flow-edge-taken, #4b5563); }
    li.good::after { background: var(--tessera-flow-done-stroke, #6a9d6f); }
    li.bad::after { background: #b42318; }
    .head { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: baseline; }
    .who { font-weight: 600; }
    .node { color: #424a53; background: #eef1f4; border-radius: 999px; padding: 0 0.5rem; font-size: 0.8125rem; }
    time, .detail { display: block; color: #57606a; font-size: 0.875rem; }
    .quiet { padding-block-end: 0.625rem; font-size: 0.875rem; color: #57606a; }
    .quiet::after { background: var(--tessera-flow-pending-stroke, #c4c7cc); width: 0.5rem; height: 0.5rem; left: 0.05rem; }
    .quiet .head .detail { display: inline; }
    .quiet time { font-size: 0.8125rem; }
    .opinion { margin: 0.25rem 0 0; padding: 0.375rem 0.625rem; background: #f6f8fa; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
    .empty { color: #57606a; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `;

  declare timeline: readonly TimelineEntry[] | undefined;
  declare users: UserNames | undefined;
  declare nodes: Readonly<Record<string, LocalizedText>> | undefined;
  declare locale: Locale | undefined;
  declare timeZone: string | undefined;

  private nameOf(id: string, locale: Locale): string {
    if (id === 'system') return nameIn(this.users, id) ?? flowText('system', locale);
    return nameIn(this.users, id) ?? id;
  }

  private nodeLabel(id: string, locale: Locale): string {
    const label = this.nodes && Object.hasOwn(this.nodes, id) ? this.nodes[id] : undefined;
    return localize(label, locale, id);
  }

  /**
   * The second line: the people named (and, at a countersign, how many of them must approve),
   * the node gone to, the outcome or the awaited time.
   */
  private detail(entry: TimelineEntry, locale: Locale, when: (iso: string) => string): string {
    const parts: string[] = [];
    const colon = locale === 'zh-CN' ? '：' : ': ';
    const separator = locale === 'zh-CN' ? '、' : ', ';
    if (entry.users?.length) {
      const label = ACTION_USERS_TEXTS[entry.action]?.[locale] ?? '';
      const names = entry.users.map((id) => this.nameOf(id, locale)).join(separator);
      parts.push(label ? `${label}${colon}${names}` : names);
      if (entry.needed !== undefined)
        parts.push(approvalsNeededText(entry.needed, entry.users.length)[locale]);
    }
    if (entry.to) parts.push(`${toText(locale)} ${this.nodeLabel(entry.to, locale)}`);
    if (entry.outcome) {
      if (entry.action === 'waiting') parts.push(when(entry.outcome));
      else parts.push(OUTCOME_TEXTS[entry.outcome]?.[locale] ?? entry.outcome);
    }
    return parts.join(locale === 'zh-CN' ? '；' : '; ');
  }

  protected override render() {
    const locale = this.locale ?? 'zh-CN';
    const entries = [...(this.timeline ?? [])].sort((a, b) => a.seq - b.seq);
    if (entries.length === 0) return html`<p class="empty">${flowText('empty', locale)}</p>`;
    const format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      ...(this.timeZone ? { timeZone: this.timeZone } : {}),
    });
    const when = (iso: string) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.format(date);
    };
    return html`<ol aria-label=${flowText('timeline', locale)}>
      ${entries.map((entry) => {
        const detail = this.detail(entry, locale, when);
        // what the engine did on its own is told quietly, without the person who set it off
        const quiet = AUTOMATIC.has(entry.action);
        return html`<li class="entry ${quiet ? 'quiet' : (TONES[entry.action] ?? '')}"
            data-action=${entry.action}>
          <div class="head">
            ${quiet ? nothing : html`<span class="who">${this.nameOf(entry.actor, locale)}</span>`}
            <span class="action">${actionText(entry.action, locale)}</span>
            ${entry.node ? html`<span class="node">${this.nodeLabel(entry.node, locale)}</span>` : nothing}
            ${quiet && detail ? html`<span class="detail">${detail}</span>` : nothing}
          </div>
          <time datetime=${entry.at}>${when(entry.at)}</time>
          ${!quiet && detail ? html`<span class="detail">${detail}</span>` : nothing}
          ${
            entry.opinion
              ? html`<p class="opinion"><span class="visually-hidden">${flowText('opinion', locale)}: </span>${entry.opinion}</p>`
              : nothing
          }
        </li>`;
      })}
    </ol>`;
  }
}
