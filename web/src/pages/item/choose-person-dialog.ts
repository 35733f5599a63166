import type { Locale } from '@tessera/core';
import { css, html, LitElement } from 'lit';
import type { ApiClient } from '../../api/api-client.ts';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { ITEM_TEXTS } from './item-texts.ts';

/** A step in 选人 mode asked who among its candidates takes it (`assignee_choose`). */
export interface PersonChoice {
  readonly node: string;
  readonly nodeLabel: string;
  readonly candidates: readonly string[];
}

/**
 * `<tessera-choose-person-dialog>`: lists the candidates of the next step by name; dispatches
 * `tessera-chosen` with `{ node, user }`, or `tessera-cancel`.
 */
export class ChoosePersonDialog extends LitElement {
  static override properties = {
    choice: { attribute: false },
    api: { attribute: false },
    locale: { type: String },
    names: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      dialog { border: 0; border-radius: 10px; padding: 1.25rem; width: min(28rem, calc(100vw - 1.5rem)); }
      dialog::backdrop { background: rgba(20, 28, 45, 0.45); }
      form { display: grid; gap: 0.75rem; }
      label { display: flex; gap: 0.5rem; align-items: center; min-height: 2.5rem; }
      .actions { display: flex; gap: 0.5rem; justify-content: flex-end; }
    `,
  ];
  declare choice: PersonChoice;
  declare api: ApiClient;
  declare locale: Locale;
  declare names: Readonly<Record<string, string>>;

  constructor() {
    super();
    this.names = {};
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector('dialog')?.showModal();
    void this.api.call.workspace
      .colleagues({ query: { ids: this.choice.candidates.join(',') } })
      .then((found) => {
        this.names = Object.fromEntries(found.items.map((one) => [one.id, one.displayName]));
      })
      .catch(() => undefined);
  }

  private confirm(event: SubmitEvent) {
    event.preventDefault();
    const user = new FormData(event.target as HTMLFormElement).get('user');
    if (!user) return;
    this.dispatchEvent(
      new CustomEvent('tessera-chosen', { detail: { node: this.choice.node, user: String(user) } }),
    );
  }

  override render() {
    const t = translator(ITEM_TEXTS, this.locale);
    return html`<dialog aria-labelledby="title" @cancel=${(event: Event) => {
      event.preventDefault();
      this.dispatchEvent(new CustomEvent('tessera-cancel'));
    }}>
      <form @submit=${this.confirm}>
        <h2 id="title">${t('choose.title', { node: this.choice.nodeLabel })}</h2>
        ${this.choice.candidates.map(
          (id, index) =>
            html`<label><input type="radio" name="user" value=${id} ?checked=${index === 0} />${this.names[id] ?? id}</label>`,
        )}
        <div class="actions">
          <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('tessera-cancel'))}>${t('cancel')}</button>
          <button type="submit" class="primary">${t('confirm')}</button>
        </div>
      </form>
    </dialog>`;
  }
}

if (!customElements.get('tessera-choose-person-dialog')) {
  customElements.define('tessera-choose-person-dialog', ChoosePersonDialog);
}

/** The choice a refusal asks for, when it is `assignee_choose`. */
export function personChoiceOf(
  problem: { code: string; field?: string; detail: Record<string, unknown> },
  label: (node: string) => string,
): PersonChoice | undefined {
  if (problem.code !== 'assignee_choose' || !problem.field?.startsWith('/choose/'))
    return undefined;
  const node = problem.field.slice('/choose/'.length);
  const candidates = problem.detail.candidates;
  if (!Array.isArray(candidates) || candidates.length === 0) return undefined;
  return { node, nodeLabel: label(node), candidates: candidates.map(String) };
}
