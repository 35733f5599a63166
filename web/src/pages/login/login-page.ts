import { css, html, LitElement } from 'lit';
import type { AppContext } from '../../app-context/app-context.ts';
import { consumeAppContext } from '../../app-context/consume-app-context.ts';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { SendController } from '../send-controller.ts';
import { LOGIN_TEXTS } from './login-texts.ts';

/** `/login`: username and password; the server's refusal (wrong password, too many tries) shown as it says it. */
export class LoginPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      form { max-width: 24rem; margin: 8vh auto 0; display: grid; gap: 0.9rem; }
      label { display: grid; gap: 0.3rem; font-weight: 500; }
      .lang { justify-self: end; }
    `,
  ];
  declare ctx: AppContext;
  protected readonly appContext = consumeAppContext(this);
  declare params: Record<string, string>;
  private readonly signingIn = new SendController(this);

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const answer = await this.signingIn.run(() =>
      this.ctx.api.call.auth.login({
        body: {
          username: String(data.get('username') ?? ''),
          password: String(data.get('password') ?? ''),
        },
      }),
    );
    if (!answer) return;
    const next = new URLSearchParams(location.search).get('next') ?? '/';
    this.dispatchEvent(
      new CustomEvent('tessera-signed-in', {
        bubbles: true,
        composed: true,
        detail: { user: answer.user, csrfToken: answer.csrfToken, next },
      }),
    );
  }

  override render() {
    const t = translator(LOGIN_TEXTS, this.ctx.locale);
    return html`
      <form class="card" @submit=${this.submit} novalidate>
        <h1>${t('title')}</h1>
        <label>${t('username')}<input name="username" autocomplete="username" required autofocus /></label>
        <label>${t('password')}<input name="password" type="password" autocomplete="current-password" required /></label>
        ${this.signingIn.render()}
        <button class="primary" type="submit" ?disabled=${this.signingIn.busy}>${t('submit')}</button>
      </form>
    `;
  }
}

if (!customElements.get('tessera-login-page'))
  customElements.define('tessera-login-page', LoginPage);
