import { Task } from '@lit/task';
import { localize, type Static } from '@tessera/core';
import type { PublicFormView, PublicReceiptSchema } from '@tessera/core/api';
import type { TesseraForm } from '@tessera/runtime/elements';
import { createFormRuntime, type FormRuntime } from '@tessera/runtime/forms';
import { css, html, LitElement } from 'lit';
import type { AppContext } from '../../app-context/app-context.ts';
import { consumeAppContext } from '../../app-context/consume-app-context.ts';
import { browserPlatform } from '../../forms/form-kit.ts';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { loadStates } from '../load-states.ts';
import { SendController } from '../send-controller.ts';
import { PUBLIC_NODE, publicFormApp } from './public-form-app.ts';
import { PUBLIC_TEXTS } from './public-texts.ts';

/**
 * `/public/{app}/{form}`: a form anyone may fill without an account (e.g. an after-sales
 * request). Checked in the browser and again by the server; the answer is a receipt number
 * and a check code to follow it with.
 */
export class PublicFormPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
    receipt: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host { max-width: 48rem; margin: 0 auto; }
      .receipt { font-size: 1.5rem; font-weight: 700; letter-spacing: 0.04em; }
      dl { display: grid; grid-template-columns: auto 1fr; gap: 0.5rem 1rem; }
      dd { margin: 0; }
      .bar { margin-top: 1rem; display: flex; gap: 0.5rem; }
      @media (max-width: 40rem) { .bar button { flex: 1; min-height: 3rem; } }
    `,
  ];
  declare ctx: AppContext;
  protected readonly appContext = consumeAppContext(this);
  declare params: Record<string, string>;
  declare receipt: Static<typeof PublicReceiptSchema> | undefined;
  private runtime: FormRuntime | undefined;

  /** The form as the public sees it; run again for another submission. */
  private readonly loading = new Task(this, {
    args: () => [this.ctx.api, this.params.app!, this.params.form!] as const,
    task: ([api, app, publicForm]) => api.call.publicForms.get({ params: { app, publicForm } }),
    onComplete: (view) => this.start(view),
  });

  private readonly sending = new SendController(this);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.runtime?.dispose();
  }

  private form() {
    return { app: this.params.app!, publicForm: this.params.form! };
  }

  /** A blank form over the view just read. */
  private start(view: PublicFormView) {
    const app = publicFormApp(view);
    this.runtime?.dispose();
    this.runtime = createFormRuntime({
      platform: browserPlatform(),
      app,
      form: app.forms![0]!,
      locale: this.ctx.locale,
      node: PUBLIC_NODE,
    });
    this.receipt = undefined;
  }

  private async send() {
    const runtime = this.runtime;
    if (!runtime) return;
    if (runtime.validate().length > 0) {
      await this.renderRoot.querySelector<TesseraForm>('tessera-form')?.submit();
      return;
    }
    this.receipt = await this.sending.run(() =>
      // the route reads its JSON body itself (cut off at its limit), so it goes as raw text
      this.ctx.api.call.publicForms.submit({
        params: this.form(),
        body: JSON.stringify({ values: runtime.submitValues() }),
        headers: { 'content-type': 'application/json' },
      }),
    );
  }

  override render() {
    const { locale } = this.ctx;
    const t = translator(PUBLIC_TEXTS, locale);
    const view = this.loading.value;
    const { receipt } = this;
    if (!view) return this.loading.render(loadStates());
    if (receipt) {
      const status = `/public/status?receipt=${encodeURIComponent(receipt.receipt)}&code=${encodeURIComponent(receipt.checkCode)}`;
      return html`<section class="card" role="status">
        <h1>${t('thanks')}</h1>
        <dl>
          <dt>${t('receipt')}</dt><dd class="receipt">${receipt.receipt}</dd>
          <dt>${t('code')}</dt><dd><code>${receipt.checkCode}</code></dd>
        </dl>
        <p class="notice">${t('keep')}</p>
        <div class="bar">
          <a class="button primary" href=${status}>${t('check')}</a>
          <button type="button" @click=${() => this.loading.run()}>${t('another')}</button>
        </div>
      </section>`;
    }
    return html`
      <h1>${localize(view.label, locale, view.id)}</h1>
      ${this.sending.render()}
      <section class="card">
        <tessera-form no-submit .runtime=${this.runtime} .locale=${locale}
          @tessera-submit=${(event: Event) => event.stopPropagation()}></tessera-form>
        <div class="bar">
          <button class="primary" type="button" ?disabled=${this.sending.busy} @click=${() => this.send()}>
            ${this.sending.busy ? t('sending') : t('submit')}
          </button>
        </div>
      </section>
    `;
  }
}

if (!customElements.get('tessera-public-form-page'))
  customElements.define('tessera-public-form-page', PublicFormPage);
