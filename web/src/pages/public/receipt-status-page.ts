import { Task } from '@lit/task';
import type { ReceiptStatus } from '@tessera/core/api';
import { css, html, LitElement, nothing } from 'lit';
import type { AppContext } from '../../app-context/app-context.ts';
import { consumeAppContext } from '../../app-context/consume-app-context.ts';
import { formatDateTime, translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { loadStates } from '../load-states.ts';
import { PUBLIC_TEXTS } from './public-texts.ts';

/** `/public/status`: where a public submission stands, by its receipt number and check code. */
export class ReceiptStatusPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      :host { max-width: 32rem; margin: 0 auto; }
      form { display: grid; gap: 0.8rem; }
      label { display: grid; gap: 0.3rem; }
      .state { font-size: 1.25rem; font-weight: 600; }
    `,
  ];
  declare ctx: AppContext;
  protected readonly appContext = consumeAppContext(this);
  declare params: Record<string, string>;

  /** Run by the form (or the address) with a receipt number and its check code. */
  private readonly check = new Task(this, {
    autoRun: false,
    task: ([receipt, code]: readonly [string, string]) =>
      this.ctx.api.call.publicForms.receipt({
        params: { receipt: receipt.trim() },
        query: { code: code.trim() },
      }),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    const query = new URLSearchParams(location.search);
    const receipt = query.get('receipt');
    const code = query.get('code');
    if (receipt && code) void this.check.run([receipt, code]);
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    void this.check.run([String(data.get('receipt') ?? ''), String(data.get('code') ?? '')]);
  }

  override render() {
    const { locale } = this.ctx;
    const t = translator(PUBLIC_TEXTS, locale);
    const query = new URLSearchParams(location.search);
    return html`
      <h1>${t('status.title')}</h1>
      <form class="card" @submit=${this.submit}>
        <p class="muted">${t('status.lead')}</p>
        <label>${t('receipt')}<input name="receipt" required .value=${query.get('receipt') ?? ''} /></label>
        <label>${t('code')}<input name="code" required autocomplete="off" .value=${query.get('code') ?? ''} /></label>
        <button class="primary" type="submit">${t('check')}</button>
      </form>
      ${this.check.render({ error: loadStates().error, complete: (found) => this.renderFound(found) })}
    `;
  }

  private renderFound(found: ReceiptStatus) {
    const { locale } = this.ctx;
    const t = translator(PUBLIC_TEXTS, locale);
    return html`<section class="card" role="status">
      <p><strong>${found.receipt}</strong></p>
      <p class="state">${t(`status.${found.status}`)}</p>
      <p class="muted">${t('status.at', { at: formatDateTime(found.submittedAt, locale) })}</p>
      ${found.node ? html`<p>${t('status.node', { node: found.node })}</p>` : nothing}
      ${found.endedAt ? html`<p>${t('status.ended', { at: formatDateTime(found.endedAt, locale) })}</p>` : nothing}
    </section>`;
  }
}

if (!customElements.get('tessera-receipt-status-page'))
  customElements.define('tessera-receipt-status-page', ReceiptStatusPage);
