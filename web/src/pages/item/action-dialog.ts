import { type Locale, localize } from '@tessera/core';
import { css, html, LitElement, nothing } from 'lit';
import type { ApiClient } from '../../api/api-client.ts';
import type { Colleague as Person } from '../../api/people-names.ts';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import type { FlowItem } from './flow-item.ts';
import type { ItemAction } from './item-actions.ts';
import { ITEM_TEXTS } from './item-texts.ts';

/** What the dialog collected for the command. */
export interface ActionChoice {
  readonly opinion?: string;
  readonly to?: string;
  readonly resubmit?: 'straight';
  readonly users?: readonly string[];
  readonly placement?: 'before' | 'after';
  /** For a next step in 选人 mode: the one person picked, by node. */
  readonly choose?: Readonly<Record<string, readonly string[]>>;
}

/**
 * `<tessera-action-dialog>`: a modal that asks what an action needs (opinion, the node to
 * return to, a person to transfer to, signers) and, for what cannot be undone, says so.
 * Dispatches `tessera-confirm` with an {@link ActionChoice}, or `tessera-cancel`.
 */
export class ActionDialog extends LitElement {
  static override properties = {
    action: { attribute: false },
    item: { attribute: false },
    api: { attribute: false },
    locale: { type: String },
    busy: { type: Boolean },
    problem: { type: String },
    people: { state: true },
    picked: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      dialog { border: 0; border-radius: 10px; padding: 1.25rem; width: min(32rem, calc(100vw - 1.5rem)); box-shadow: 0 12px 40px rgba(0, 0, 0, 0.25); }
      dialog::backdrop { background: rgba(20, 28, 45, 0.45); }
      form { display: grid; gap: 0.9rem; }
      label, fieldset { display: grid; gap: 0.3rem; }
      fieldset { border: 0; padding: 0; margin: 0; }
      legend { font-weight: 500; margin-bottom: 0.3rem; }
      .choice { display: flex; gap: 0.5rem; align-items: center; font-weight: normal; }
      textarea { min-height: 5rem; resize: vertical; }
      .people { display: grid; gap: 0.25rem; max-height: 12rem; overflow: auto; }
      .actions { display: flex; gap: 0.5rem; justify-content: flex-end; }
      @media (max-width: 40rem) {
        dialog { margin: auto 0 0; width: 100vw; max-width: 100vw; border-radius: 12px 12px 0 0; }
        .actions button { flex: 1; min-height: 3rem; }
      }
    `,
  ];
  declare action: ItemAction;
  declare item: FlowItem;
  declare api: ApiClient;
  declare locale: Locale;
  declare busy: boolean;
  declare problem: string | undefined;
  declare people: readonly Person[];
  declare picked: readonly Person[];

  constructor() {
    super();
    this.people = [];
    this.picked = [];
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  private async search(text: string) {
    const found = await this.api.call.workspace.colleagues({ query: { q: text } });
    this.people = found.items;
  }

  private pick(person: Person, many: boolean) {
    if (!many) this.picked = [person];
    else if (this.picked.some((one) => one.id === person.id)) {
      this.picked = this.picked.filter((one) => one.id !== person.id);
    } else this.picked = [...this.picked, person];
  }

  private confirm(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const asks = this.action.asks;
    const t = translator(ITEM_TEXTS, this.locale);
    if ((asks.includes('user') || asks.includes('signers')) && this.picked.length === 0) {
      this.problem = t('required.user');
      return;
    }
    const opinion = String(data.get('opinion') ?? '').trim();
    const choice: ActionChoice = {
      ...(opinion ? { opinion } : {}),
      ...(asks.includes('returnTo') ? { to: String(data.get('to') ?? 'previous') } : {}),
      ...(asks.includes('returnTo') && data.get('straight')
        ? { resubmit: 'straight' as const }
        : {}),
      ...(asks.includes('user') ? { to: this.picked[0]!.id } : {}),
      ...(asks.includes('signers')
        ? {
            users: this.picked.map((one) => one.id),
            placement:
              data.get('placement') === 'before' ? ('before' as const) : ('after' as const),
          }
        : {}),
    };
    this.dispatchEvent(new CustomEvent('tessera-confirm', { detail: choice }));
  }

  private cancel() {
    this.dispatchEvent(new CustomEvent('tessera-cancel'));
  }

  override render() {
    const t = translator(ITEM_TEXTS, this.locale);
    const { asks, name } = this.action;
    const label = (node: string) =>
      localize(this.item.diagram.nodes.find((one) => one.id === node)?.label, this.locale, node);
    const many = asks.includes('signers');
    return html`<dialog aria-labelledby="title" @cancel=${(event: Event) => {
      event.preventDefault();
      this.cancel();
    }}>
      <form @submit=${this.confirm}>
        <h2 id="title">${t(`action.${name}`)}</h2>
        ${
          asks.includes('returnTo')
            ? html`<fieldset>
              <legend>${t('returnTo')}</legend>
              <label class="choice"><input type="radio" name="to" value="previous" checked />${t('returnTo.previous')}</label>
              <label class="choice"><input type="radio" name="to" value="drafter" />${t('returnTo.drafter')}</label>
              ${this.item.passed
                .filter((node, index, all) => all.indexOf(node) === index)
                .map(
                  (node) =>
                    html`<label class="choice"><input type="radio" name="to" value=${node} />${label(node)}</label>`,
                )}
              <label class="choice"><input type="checkbox" name="straight" value="1" />${t('resubmit.straight')}</label>
            </fieldset>`
            : nothing
        }
        ${
          asks.includes('user') || many
            ? html`<fieldset>
              <legend>${many ? t('signers') : t('transferTo')}</legend>
              <input type="search" aria-label=${t('pick.search')} placeholder=${t('pick.search')}
                @input=${(event: InputEvent) => this.search((event.target as HTMLInputElement).value)} />
              <div class="people" role="listbox" aria-multiselectable=${many ? 'true' : 'false'}>
                ${this.people.map((person) => {
                  const chosen = this.picked.some((one) => one.id === person.id);
                  return html`<label class="choice"><input type=${many ? 'checkbox' : 'radio'} name="person"
                    .checked=${chosen} @change=${() => this.pick(person, many)} />${person.displayName} <span class="muted">${person.username}</span></label>`;
                })}
              </div>
              ${
                many
                  ? html`<label class="choice"><input type="radio" name="placement" value="after" checked />${t('placement.after')}</label>
                    <label class="choice"><input type="radio" name="placement" value="before" />${t('placement.before')}</label>`
                  : nothing
              }
            </fieldset>`
            : nothing
        }
        ${
          asks.includes('opinion')
            ? html`<label>${t('opinion')}<textarea name="opinion" maxlength="2000" placeholder=${t('opinion.placeholder')}></textarea></label>`
            : nothing
        }
        ${this.action.final ? html`<p class="notice">${t('confirm.final')}</p>` : nothing}
        ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
        <div class="actions">
          <button type="button" @click=${this.cancel}>${t('cancel')}</button>
          <button type="submit" class=${this.action.name === 'reject' ? 'danger' : 'primary'} ?disabled=${this.busy}>${t(`action.${name}`)}</button>
        </div>
      </form>
    </dialog>`;
  }
}

if (!customElements.get('tessera-action-dialog'))
  customElements.define('tessera-action-dialog', ActionDialog);
