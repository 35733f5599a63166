import type { ReceiptStatus } from '@tessera/core/api';
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem } from '../../api/api-error.ts';
import { formatDateTime, translator } from '../../i18n/texts.ts';
import type { AppContext } from '../../shell/app-context.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { PUBLIC_TEXTS } from './public-texts.ts';

/** `/public/status`: where a public submission stands, by its receipt number and check code. */
export class ReceiptStatusPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
    found: { state: true },
    problem: { state: true },
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
  declare params: Record<string, string>;
  declare found: ReceiptStatus | undefined;
  declare problem: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    const query = new URLSearchParams(location.search);
    const receipt = query.get('receipt');
    const code = query.get('code');
    if (receipt && code) void this.check(receipt, code);
  }

  private async check(receipt: string, code: string) {
    this.problem = undefined;
    try {
      this.found = await this.ctx.api.call.publicForms.receipt({
        params: { receipt: receipt.trim() },
        query: { code: code.trim() },
      });
    } catch (error) {
      this.found = undefined;
      this.problem = error instanceof ApiProblem ? error.message : String(error);
    }
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    void this.check(String(data.get('receipt') ?? ''), String(data.get('code') ?? ''));
  }

  override render() {
    const { locale } = this.ctx;
    const t = translator(PUBLIC_TEXTS, locale);
    const query = new URLSearchParams(location.search);
    const found = this.found;
    return html`
      <h1>${t('status.title')}</h1>
      <form class="card" @submit=${this.submit}>
        <p class="muted">${t('status.lead')}</p>
        <label>${t('receipt')}<input name="receipt" required .value=${query.get('receipt') ?? ''} /></label>
        <label>${t('code')}<input name="code" required autocomplete="off" .value=${query.get('code') ?? ''} /></label>
        <button class="primary" type="submit">${t('check')}</button>
      </form>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      ${
        found
          ? html`<section class="card" role="status">
            <p><strong>${found.receipt}</strong></p>
            <p class="state">${t(`status.${found.status}`)}</p>
            <p class="muted">${t('status.at', { at: formatDateTime(found.submittedAt, locale) })}</p>
            ${found.node ? html`<p>${t('status.node', { node: found.node })}</p>` : nothing}
            ${found.endedAt ? html`<p>${t('status.ended', { at: formatDateTime(found.endedAt, locale) })}</p>` : nothing}
          </section>`
          : nothing
      }
    `;
  }
}

if (!customElements.get('tessera-receipt-status-page'))
  customElements.define('tessera-receipt-status-page', ReceiptStatusPage);
