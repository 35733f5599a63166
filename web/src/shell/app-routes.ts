import type { PageRoute } from './routes.ts';

/** Every page of the end-user app. The home page and sign-in come with the first load. */
export const APP_ROUTES: readonly PageRoute[] = [
  {
    pattern: '/login',
    tag: 'tessera-login-page',
    load: () => import('../pages/login/login-page.ts'),
    public: true,
  },
  { pattern: '/', tag: 'tessera-home-page', load: () => import('../pages/home/home-page.ts') },
  {
    pattern: '/inbox/:box',
    tag: 'tessera-home-page',
    load: () => import('../pages/home/home-page.ts'),
  },
  {
    pattern: '/start',
    tag: 'tessera-start-menu-page',
    load: () => import('../pages/start/start-menu-page.ts'),
  },
  {
    pattern: '/start/:app/:flow',
    tag: 'tessera-start-page',
    load: () => import('../pages/item/start-page.ts'),
  },
  {
    pattern: '/items/:id',
    tag: 'tessera-item-page',
    load: () => import('../pages/item/item-page.ts'),
  },
  { pattern: '/apps', tag: 'tessera-apps-page', load: () => import('../pages/data/apps-page.ts') },
  {
    pattern: '/apps/:app',
    tag: 'tessera-apps-page',
    load: () => import('../pages/data/apps-page.ts'),
  },
  {
    pattern: '/apps/:app/views/:view',
    tag: 'tessera-view-page',
    load: () => import('../pages/data/view-page.ts'),
  },
  {
    pattern: '/apps/:app/tables/:table/import',
    tag: 'tessera-import-page',
    load: () => import('../pages/data/import-page.ts'),
  },
  {
    pattern: '/records/:app/:table/new',
    tag: 'tessera-new-record-page',
    load: () => import('../pages/records/new-record-page.ts'),
  },
  {
    pattern: '/records/:app/:table/:id',
    tag: 'tessera-record-page',
    load: () => import('../pages/records/record-page.ts'),
  },
  {
    pattern: '/notices',
    tag: 'tessera-notices-page',
    load: () => import('../pages/notices/notices-page.ts'),
  },
  { pattern: '/sync', tag: 'tessera-sync-page', load: () => import('../pages/sync/sync-page.ts') },
  {
    pattern: '/store',
    tag: 'tessera-store-page',
    load: () => import('../pages/store/store-page.ts'),
  },
  {
    pattern: '/store/:name/install',
    tag: 'tessera-install-page',
    load: () => import('../pages/store/install-page.ts'),
  },
  {
    pattern: '/public/status',
    tag: 'tessera-receipt-status-page',
    load: () => import('../pages/public/receipt-status-page.ts'),
    public: true,
  },
  {
    pattern: '/public/:app/:form',
    tag: 'tessera-public-form-page',
    load: () => import('../pages/public/public-form-page.ts'),
    public: true,
  },
];
