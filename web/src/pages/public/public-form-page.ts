import { localize, type Static } from '@tessera/core';
import type { PublicFormView, PublicReceiptSchema } from '@tessera/core/api';
import type { TesseraForm } from '@tessera/runtime/elements';
import { createFormRuntime, type FormRuntime } from '@tessera/runtime/forms';
import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem } from '../../api/api-error.ts';
import { browserPlatform } from '../../forms/form-kit.ts';
import { translator } from '../../i18n/texts.ts';
import type { AppContext } from '../../shell/app-context.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
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
    view: { state: true },
    receipt: { state: true },
    problem: { state: true },
    busy: { state: true },
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
  declare params: Record<string, string>;
  declare view: PublicFormView | undefined;
  declare receipt: Static<typeof PublicReceiptSchema> | undefined;
  declare problem: string | undefined;
  declare busy: boolean;
  private runtime: FormRuntime | undefined;
  private loadedFor = '';

  protected override willUpdate(): void {
    const wanted = `${this.params.app}/${this.params.form}`;
    if (wanted !== this.loadedFor) {
      this.loadedFor = wanted;
      void this.load();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.runtime?.dispose();
  }

  private form() {
    return { app: this.params.app!, publicForm: this.params.form! };
  }

  private async load() {
    try {
      const view = await this.ctx.api.call.publicForms.get({ params: this.form() });
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
      this.view = view;
    } catch (error) {
      this.problem = error instanceof ApiProblem ? error.message : String(error);
    }
  }

  private async send() {
    const runtime = this.runtime;
    if (!runtime) return;
    if (runtime.validate().length > 0) {
      await this.renderRoot.querySelector<TesseraForm>('tessera-form')?.submit();
      return;
    }
    this.busy = true;
    this.problem = undefined;
    try {
      // the route reads its JSON body itself (cut off at its limit), so it goes as raw text
      this.receipt = await this.ctx.api.call.publicForms.submit({
        params: this.form(),
        body: JSON.stringify({ values: runtime.submitValues() }),
        headers: { 'content-type': 'application/json' },
      });
    } catch (error) {
      this.problem = error instanceof ApiProblem ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const { locale } = this.ctx;
    const t = translator(PUBLIC_TEXTS, locale);
    const { view, receipt } = this;
    if (!view)
      return this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing;
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
          <button type="button" @click=${() => this.load()}>${t('another')}</button>
        </div>
      </section>`;
    }
    return html`
      <h1>${localize(view.label, locale, view.id)}</h1>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      <section class="card">
        <tessera-form no-submit .runtime=${this.runtime} .locale=${locale}
          @tessera-submit=${(event: Event) => event.stopPropagation()}></tessera-form>
        <div class="bar">
          <button class="primary" type="button" ?disabled=${this.busy} @click=${() => this.send()}>
            ${this.busy ? t('sending') : t('submit')}
          </button>
        </div>
      </section>
    `;
  }
}

if (!customElements.get('tessera-public-form-page'))
  customElements.define('tessera-public-form-page', PublicFormPage);
