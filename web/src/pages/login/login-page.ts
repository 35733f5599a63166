import { css, html, LitElement, nothing } from 'lit';
import { ApiProblem } from '../../api/api-error.ts';
import { translator } from '../../i18n/texts.ts';
import type { AppContext } from '../../shell/app-context.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { LOGIN_TEXTS } from './login-texts.ts';

/** `/login`: username and password; the server's refusal (wrong password, too many tries) shown as it says it. */
export class LoginPage extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
    problem: { state: true },
    busy: { state: true },
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
  declare params: Record<string, string>;
  declare problem: string | undefined;
  declare busy: boolean;

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.problem = undefined;
    try {
      const answer = await this.ctx.api.call.auth.login({
        body: {
          username: String(data.get('username') ?? ''),
          password: String(data.get('password') ?? ''),
        },
      });
      const next = new URLSearchParams(location.search).get('next') ?? '/';
      this.dispatchEvent(
        new CustomEvent('tessera-signed-in', {
          bubbles: true,
          composed: true,
          detail: { user: answer.user, csrfToken: answer.csrfToken, next },
        }),
      );
    } catch (error) {
      this.problem = error instanceof ApiProblem ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = translator(LOGIN_TEXTS, this.ctx.locale);
    return html`
      <form class="card" @submit=${this.submit} novalidate>
        <h1>${t('title')}</h1>
        <label>${t('username')}<input name="username" autocomplete="username" required autofocus /></label>
        <label>${t('password')}<input name="password" type="password" autocomplete="current-password" required /></label>
        ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
        <button class="primary" type="submit" ?disabled=${this.busy}>${t('submit')}</button>
      </form>
    `;
  }
}

if (!customElements.get('tessera-login-page'))
  customElements.define('tessera-login-page', LoginPage);
