import { ContextProvider } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import type { Locale } from '@tessera/core';
import { css, html, LitElement, nothing } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { ApiClient } from '../api/api-client.ts';
import { ApiProblem } from '../api/api-error.ts';
import { type AppContext, appContext, type SignedInUser } from '../app-context/app-context.ts';
import { initialLocale, saveLocale } from '../i18n/locale.ts';
import { translator } from '../i18n/texts.ts';
import type { startOfflineSession } from '../offline/offline-session.ts';
import type { SyncStatus } from '../offline/offline-types.ts';
import type { SyncEngine } from '../offline/sync-engine.ts';
import type { InboxCounts } from '../pages/home/inbox-entry.ts';
import { sharedStyles } from '../styles/shared-styles.ts';
import { APP_ROUTES } from './app-routes.ts';
import { matchRoute, type RouteMatch } from './routes.ts';
import { SHELL_TEXTS } from './shell-texts.ts';

const REMEMBERED = 'tessera.user';

/** Who signed in last on this device, for opening the app offline; forgotten at sign-out. */
function remember(user: SignedInUser | undefined) {
  if (user) localStorage.setItem(REMEMBERED, JSON.stringify(user));
  else localStorage.removeItem(REMEMBERED);
}

function rememberedUser(): SignedInUser | undefined {
  try {
    const saved = localStorage.getItem(REMEMBERED);
    return saved ? (JSON.parse(saved) as SignedInUser) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `<tessera-app>`: the shell. Knows who is signed in, the language and the address; loads the
 * page the address names and provides it an {@link AppContext} (`@lit/context`). Links inside the app move without
 * reloading; the header (a bottom bar on a phone) shows the todo count.
 */
export class TesseraApp extends LitElement {
  static override properties = {
    locale: { state: true },
    user: { state: true },
    counts: { state: true },
    online: { state: true },
    flashed: { state: true },
    sync: { state: true },
    unreadNotices: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host { min-height: 100vh; display: flex; flex-direction: column; }
      header { background: #1d2c4d; color: #fff; display: flex; align-items: center; gap: 1rem; padding: 0 1.25rem; min-height: 3.25rem; }
      header a { color: inherit; text-decoration: none; }
      .brand { font-weight: 700; letter-spacing: 0.02em; }
      nav { display: flex; gap: 0.25rem; }
      nav a { padding: 0.4rem 0.75rem; border-radius: 6px; display: inline-flex; gap: 0.4rem; align-items: center; }
      nav a[aria-current='page'] { background: rgba(255, 255, 255, 0.16); }
      header .badge { background: #e5484d; color: #fff; }
      header .sync .badge { background: #f0b429; color: #1d2c4d; }
      header .notices, header .sync { display: inline-flex; gap: 0.3rem; align-items: center; padding: 0.4rem 0.5rem; border-radius: 6px; }
      header .notices[aria-current='page'] { background: rgba(255, 255, 255, 0.16); }
      header .sync .badge.conflict { background: #e5484d; color: #fff; }
      header button { background: transparent; color: #fff; border-color: rgba(255, 255, 255, 0.35); min-height: 2.25rem; }
      main { flex: 1; width: 100%; max-width: 72rem; margin: 0 auto; padding: 1.25rem; }
      .offline { background: #fff4e5; color: var(--tessera-warn); text-align: center; padding: 0.4rem; }
      .who { opacity: 0.85; }
      @media (max-width: 40rem) {
        header { padding: 0 0.75rem; gap: 0.5rem; }
        header nav { position: fixed; bottom: 0; left: 0; right: 0; z-index: 10; background: #1d2c4d; justify-content: space-around; padding: 0.25rem 0 calc(0.25rem + env(safe-area-inset-bottom)); }
        nav a { flex-direction: column; gap: 0; font-size: 0.8rem; padding: 0.35rem 0.5rem; min-width: 4rem; text-align: center; }
        .who { display: none; }
        main { padding: 0.75rem 0.75rem 5rem; }
      }
    `,
  ];

  declare locale: Locale;
  declare user: SignedInUser | undefined;
  declare counts: InboxCounts | undefined;
  declare online: boolean;
  declare flashed: string | undefined;
  declare sync: SyncStatus | undefined;
  declare unreadNotices: number;
  private offlineSession: ReturnType<typeof startOfflineSession> | undefined;
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  readonly api: ApiClient;
  private path = location.pathname;
  private readonly provider: ContextProvider<typeof appContext, this>;

  /** Who is signed in, then the page the address names: until both are known, a loading line. */
  private readonly starting = new Task(this, { autoRun: false, task: () => this.start() });

  /**
   * The module of the page the address names. The page shown stays until it has loaded, and
   * of two moves in quick succession only the last one lands.
   */
  private readonly routing = new Task(this, {
    autoRun: false,
    task: async ([match]: readonly [RouteMatch | undefined]) => {
      await match?.route.load();
      return match;
    },
  });

  constructor() {
    super();
    this.locale = initialLocale();
    this.unreadNotices = 0;
    this.online = navigator.onLine;
    this.api = new ApiClient(() => this.locale);
    this.provider = new ContextProvider(this, {
      context: appContext,
      initialValue: this.context(),
    });
  }

  /** A new context when the language or the person changes: pages re-render with it. */
  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('locale') || changed.has('user')) this.provider.setValue(this.context());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('popstate', this.onPopState);
    addEventListener('online', this.onConnection);
    addEventListener('offline', this.onConnection);
    this.addEventListener('click', this.onClick);
    this.addEventListener('tessera-signed-in', this.onSignedIn as EventListener);
    document.documentElement.lang = this.locale;
    void this.starting.run();
  }

  override disconnectedCallback(): void {
    removeEventListener('popstate', this.onPopState);
    removeEventListener('online', this.onConnection);
    removeEventListener('offline', this.onConnection);
    this.removeEventListener('click', this.onClick);
    this.removeEventListener('tessera-signed-in', this.onSignedIn as EventListener);
    super.disconnectedCallback();
  }

  private async start() {
    try {
      await this.ensureSession(true);
    } catch (error) {
      // offline: the person last signed in on this device keeps working on their offline copy;
      // any other failure leaves nobody signed in, and the sign-in page meets the server itself
      if (error instanceof ApiProblem && error.offline) this.user = rememberedUser();
    }
    await this.show(location.pathname + location.search, { replace: true });
    if (this.user) void this.offline().catch(() => undefined);
  }

  /** Reads who is signed in and their CSRF token, unless known already (`force` reads again). */
  private async ensureSession(force = false) {
    if (!force && this.api.csrfToken) return;
    const me = await this.api.call.auth.me();
    this.api.csrfToken = me.csrfToken;
    this.user = me.user;
    remember(me.user);
  }

  /** The login page's answer: who signed in, their CSRF token, and where they were going. */
  private readonly onSignedIn = (
    event: CustomEvent<{ user: SignedInUser; csrfToken: string; next: string }>,
  ) => {
    const { user, csrfToken, next } = event.detail;
    this.api.csrfToken = csrfToken;
    this.user = user;
    remember(user);
    void this.show(next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    void this.offline().catch(() => undefined);
  };

  private readonly onPopState = () =>
    void this.show(location.pathname + location.search, { history: false });
  private readonly onConnection = () => {
    this.online = navigator.onLine;
  };

  /** Follows plain clicks on links to the app's own pages without reloading. */
  private readonly onClick = (event: MouseEvent) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey
    )
      return;
    const anchor = event
      .composedPath()
      .find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    if (
      !anchor ||
      anchor.target ||
      anchor.hasAttribute('download') ||
      anchor.origin !== location.origin
    )
      return;
    if (!matchRoute(APP_ROUTES, anchor.pathname)) return;
    event.preventDefault();
    void this.show(anchor.pathname + anchor.search);
  };

  private async show(address: string, options: { replace?: boolean; history?: boolean } = {}) {
    const url = new URL(address, location.origin);
    let match = matchRoute(APP_ROUTES, url.pathname);
    if (match && !match.route.public && !this.user) {
      const next =
        url.pathname === '/' ? '' : `?next=${encodeURIComponent(url.pathname + url.search)}`;
      url.pathname = '/login';
      url.search = next;
      match = matchRoute(APP_ROUTES, '/login');
      options = { ...options, replace: true };
    }
    if (options.history !== false) {
      const target = url.pathname + url.search;
      if (options.replace) history.replaceState(null, '', target);
      else if (target !== location.pathname + location.search) history.pushState(null, '', target);
    }
    this.path = url.pathname;
    await this.routing.run([match]);
    if (this.user) this.refreshCounts();
    scrollTo({ top: 0 });
  }

  /** Opens offline support for the signed-in person once; the sync status shows in the header. */
  private offline(): Promise<SyncEngine> {
    const user = this.user;
    if (!user) return Promise.reject(new Error('nobody is signed in'));
    this.offlineSession ??= import('../offline/offline-session.ts').then(
      async ({ startOfflineSession }) => {
        const session = await startOfflineSession(this.api, user.id, () => this.ensureSession());
        session.engine.addEventListener('change', () => {
          this.sync = session.engine.status;
          if (!session.engine.status.syncing) this.refreshCounts();
        });
        this.sync = session.engine.status;
        return session;
      },
    );
    return this.offlineSession.then((session) => session.engine);
  }

  refreshCounts() {
    this.api.call.flows.inboxCounts().then(
      (counts) => {
        this.counts = counts;
      },
      () => undefined,
    );
    this.api.call.notices.list({ query: { limit: '50' } }).then(
      (page) => {
        this.unreadNotices = page.items.filter((one) => !one.readAt).length;
      },
      () => undefined,
    );
  }

  private context(): AppContext {
    return {
      api: this.api,
      locale: this.locale,
      ...(this.user ? { user: this.user } : {}),
      navigate: (path, options) => void this.show(path, options),
      refreshCounts: () => this.refreshCounts(),
      offline: () => this.offline(),
      flash: (message) => {
        this.flashed = message;
        clearTimeout(this.flashTimer);
        this.flashTimer = setTimeout(() => {
          this.flashed = undefined;
        }, 5000);
      },
    };
  }

  private switchLocale() {
    this.locale = this.locale === 'zh-CN' ? 'en' : 'zh-CN';
    saveLocale(this.locale);
    document.documentElement.lang = this.locale;
  }

  private async signOut() {
    await this.api.call.auth.logout().catch(() => undefined);
    void this.offlineSession?.then((session) => session.stop());
    remember(undefined);
    this.offlineSession = undefined;
    this.sync = undefined;
    this.user = undefined;
    this.api.csrfToken = undefined;
    void this.show('/login');
  }

  override render() {
    const t = translator(SHELL_TEXTS, this.locale);
    return this.starting.render({
      pending: () => html`<main><p class="muted">${t('loading')}</p></main>`,
      complete: () => this.renderApp(t),
    });
  }

  private renderApp(t: ReturnType<typeof translator<keyof (typeof SHELL_TEXTS)['en']>>) {
    const error = (problem: unknown) =>
      html`<p class="error" role="alert">${t('error.title')}: ${String(problem)}</p>`;
    return html`
      ${this.user ? this.renderHeader(t) : this.renderGuestHeader(t)}
      ${this.online ? nothing : html`<div class="offline" role="status">${t('offline')}</div>`}
      <main id="main">
        ${this.routing.render({ error })}
        <div class="flash" role="status" aria-live="polite">${this.flashed ? html`<p class="notice">${this.flashed}</p>` : nothing}</div>
        ${this.renderPage(t)}
      </main>
    `;
  }

  /** The page loaded last; "not found" only once an address is known to name none. */
  private renderPage(t: ReturnType<typeof translator<keyof (typeof SHELL_TEXTS)['en']>>) {
    const page = this.routing.value;
    if (page) {
      const tag = unsafeStatic(page.route.tag);
      return staticHtml`<${tag} .params=${page.params}></${tag}>`;
    }
    return this.routing.status === TaskStatus.COMPLETE
      ? html`<div class="card"><p>${t('notFound')}</p><a href="/">${t('notFound.back')}</a></div>`
      : nothing;
  }

  /** Signed out (sign-in, public forms): the name and the language switch only. */
  private renderGuestHeader(t: ReturnType<typeof translator<keyof (typeof SHELL_TEXTS)['en']>>) {
    return html`<header>
      <span class="brand">${t('brand')}</span>
      <span class="spacer"></span>
      <button type="button" @click=${() => this.switchLocale()} lang=${this.locale === 'zh-CN' ? 'en' : 'zh-CN'}>${t('menu.language')}</button>
    </header>`;
  }

  private renderSync(t: ReturnType<typeof translator<keyof (typeof SHELL_TEXTS)['en']>>) {
    const sync = this.sync;
    if (!sync || (sync.pending === 0 && sync.conflicts === 0 && !sync.syncing)) return nothing;
    const label = t('sync.status', { pending: sync.pending, conflicts: sync.conflicts });
    return html`<a class="sync" href="/sync" aria-label=${label} title=${label}>
      ${sync.syncing ? t('sync.running') : t('nav.sync')}
      ${sync.pending ? html`<span class="badge">${sync.pending}</span>` : nothing}
      ${sync.conflicts ? html`<span class="badge conflict">${sync.conflicts}</span>` : nothing}
    </a>`;
  }

  private renderHeader(t: ReturnType<typeof translator<keyof (typeof SHELL_TEXTS)['en']>>) {
    const todo = this.counts?.todo ?? 0;
    const at = (prefix: string) =>
      this.path === prefix || (prefix !== '/' && this.path.startsWith(prefix)) ? 'page' : nothing;
    const home = this.path === '/' || this.path.startsWith('/inbox') ? 'page' : nothing;
    return html`
      <header>
        <a class="brand" href="/">${t('brand')}</a>
        <nav aria-label=${t('brand')}>
          <a href="/" aria-current=${home}>${t('nav.home')}${todo > 0 ? html`<span class="badge" aria-label=${`${todo}`}>${todo}</span>` : nothing}</a>
          <a href="/start" aria-current=${at('/start')}>${t('nav.start')}</a>
          <a href="/apps" aria-current=${at('/apps')}>${t('nav.data')}</a>
          ${this.user?.roles.includes('admin') ? html`<a href="/store" aria-current=${at('/store')}>${t('store.nav')}</a>` : nothing}
        </nav>
        <span class="spacer"></span>
        ${this.renderSync(t)}
        <a class="notices" href="/notices" aria-current=${at('/notices')}>${t('nav.notices')}${
          this.unreadNotices > 0
            ? html`<span class="badge" aria-label=${t('notices.unread', { n: this.unreadNotices })}>${this.unreadNotices}</span>`
            : nothing
        }</a>
        <span class="who">${this.user?.displayName}</span>
        <button type="button" @click=${() => this.switchLocale()} lang=${this.locale === 'zh-CN' ? 'en' : 'zh-CN'}>${t('menu.language')}</button>
        <button type="button" @click=${() => this.signOut()}>${t('menu.signOut')}</button>
      </header>
    `;
  }
}
