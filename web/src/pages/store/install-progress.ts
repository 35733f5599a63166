import { Task } from '@lit/task';
import { type Locale, localize } from '@tessera/core';
import { css, html, LitElement, nothing } from 'lit';
import type { ApiClient } from '../../api/api-client.ts';
import { translator } from '../../i18n/texts.ts';
import { sharedStyles } from '../../styles/shared-styles.ts';
import { problemAlert } from '../load-states.ts';
import { pollInstall } from './poll-install.ts';
import { INSTALL_STEPS, problemText, UPGRADE_STEPS } from './store-model.ts';
import { STORE_TEXTS } from './store-texts.ts';
import type { InstallState } from './store-types.ts';

/**
 * `<tessera-install-progress>`: follows an install or upgrade the server runs, reading its
 * state every 500 ms: the steps, a progress bar (done of total) and, at the end, success or
 * the error. Dispatches `tessera-install-ended` with the last {@link InstallState}.
 */
export class InstallProgress extends LitElement {
  static override properties = {
    api: { attribute: false },
    locale: { type: String },
    pack: { type: String },
    mode: { type: String },
    initial: { attribute: false },
    current: { state: true },
    interval: { type: Number },
  };
  static override styles = [
    sharedStyles,
    css`
      ol { list-style: none; padding: 0; margin: 0.75rem 0; display: grid; gap: 0.35rem; }
      li { display: flex; gap: 0.5rem; align-items: center; }
      li .mark { width: 1.4rem; text-align: center; }
      li.done .mark { color: var(--tessera-ok); }
      li[aria-current='step'] { font-weight: 600; }
      li.pending { color: var(--tessera-muted); }
      progress { width: 100%; height: 0.9rem; }
      .bar { display: grid; gap: 0.25rem; }
    `,
  ];
  declare api: ApiClient;
  declare locale: Locale;
  declare pack: string;
  declare mode: 'install' | 'upgrade';
  /** The state the install or upgrade request answered, shown until the first read. */
  declare initial: InstallState | undefined;
  declare current: InstallState | undefined;
  declare interval: number;

  /** Reads until the end, from when the element is shown; leaving it stops the reading. */
  private readonly following = new Task(this, {
    autoRun: false,
    args: () => [this.api, this.pack, this.interval] as const,
    task: ([api, pack, interval], { signal }) =>
      pollInstall(
        api,
        pack,
        (state) => {
          this.current = state;
        },
        { interval, signal },
      ),
    onComplete: (state) => {
      this.dispatchEvent(
        new CustomEvent('tessera-install-ended', { detail: state, bubbles: true, composed: true }),
      );
    },
  });

  constructor() {
    super();
    this.mode = 'install';
    this.interval = 500;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.following.run();
  }

  override disconnectedCallback(): void {
    this.following.abort();
    super.disconnectedCallback();
  }

  override render() {
    const t = translator(STORE_TEXTS, this.locale);
    const state = this.current ?? this.initial;
    const steps = this.mode === 'upgrade' ? UPGRADE_STEPS : INSTALL_STEPS;
    const ended = state?.state === 'installed';
    const stopped =
      state !== undefined &&
      state.state !== 'installed' &&
      (state.state === 'failed' || state.error !== undefined);
    const at = state ? steps.indexOf(state.step) : 0;
    const total = Math.max(state?.total ?? 0, state?.done ?? 0, 1);
    const done = ended ? total : Math.min(state?.done ?? 0, total);
    return html`<section aria-live="polite" aria-busy=${ended || stopped ? 'false' : 'true'}>
      <ol>
        ${steps.map((step, index) => {
          const kind =
            ended || at < 0 || index < at
              ? 'done'
              : index === at && !stopped
                ? 'current'
                : 'pending';
          const failedHere = stopped && index === at;
          return html`<li class=${failedHere ? 'failed' : kind} data-step=${step} aria-current=${kind === 'current' ? 'step' : nothing}>
            <span class="mark" aria-hidden="true">${failedHere ? '✗' : kind === 'done' ? '✓' : kind === 'current' ? '…' : '○'}</span>
            ${t(`store.step.${step}`)}
            ${kind === 'done' ? html`<span class="visually-hidden">${t('store.step.done')}</span>` : nothing}
          </li>`;
        })}
      </ol>
      <label class="bar">${t('store.progress', { done, total })}
        <progress max=${total} .value=${done}></progress>
      </label>
      ${
        state?.state === 'installed'
          ? html`<p class="notice" role="status">${t(this.mode === 'upgrade' ? 'store.upgraded' : 'store.installed', { version: state.version })}</p>`
          : nothing
      }
      ${
        stopped
          ? html`<div class="error" role="alert">
              <p>${state.error ? localize(state.error.message, this.locale, state.error.code) : t('store.failed')}</p>
              <p>${t(this.mode === 'upgrade' ? 'store.failed.upgradeAgain' : 'store.failed.nothingLeft')}</p>
            </div>`
          : nothing
      }
      ${this.following.render({
        error: (error) =>
          (error as Error).name === 'AbortError'
            ? nothing
            : html`${problemAlert(problemText(error))}
              <button type="button" @click=${() => this.following.run()}>${t('store.progress.retry')}</button>`,
      })}
    </section>`;
  }
}

if (!customElements.get('tessera-install-progress'))
  customElements.define('tessera-install-progress', InstallProgress);
