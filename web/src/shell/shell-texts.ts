import type { Dictionary } from '../i18n/texts.ts';

export const SHELL_TEXTS: Dictionary<
  | 'brand'
  | 'nav.home'
  | 'nav.start'
  | 'nav.data'
  | 'nav.platform'
  | 'nav.sync'
  | 'nav.notices'
  | 'store.nav'
  | 'notices.unread'
  | 'menu.signOut'
  | 'menu.language'
  | 'loading'
  | 'notFound'
  | 'notFound.back'
  | 'offline'
  | 'error.title'
  | 'sync.status'
  | 'sync.running'
> = {
  'zh-CN': {
    brand: 'Tessera 协同',
    'nav.home': '首页',
    'nav.start': '新建',
    'nav.data': '数据',
    'nav.platform': '实施工具',
    'nav.sync': '同步',
    'nav.notices': '消息',
    'store.nav': '应用市场',
    'notices.unread': '{n} 条未读消息',
    'menu.signOut': '退出',
    'menu.language': 'English',
    loading: '加载中…',
    notFound: '找不到这个页面。',
    'notFound.back': '回到首页',
    offline: '离线：更改会保存在本机，联网后同步。',
    'error.title': '出错了',
    'sync.status': '{pending} 项待同步，{conflicts} 项冲突',
    'sync.running': '同步中…',
  },
  en: {
    brand: 'Tessera',
    'nav.home': 'Home',
    'nav.start': 'New',
    'nav.data': 'Data',
    'nav.platform': 'Implementer tools',
    'nav.sync': 'Sync',
    'nav.notices': 'Notices',
    'store.nav': 'App store',
    'notices.unread': '{n} unread notices',
    'menu.signOut': 'Sign out',
    'menu.language': '中文',
    loading: 'Loading…',
    notFound: 'There is no such page.',
    'notFound.back': 'Back to the home page',
    offline: 'Offline: changes are kept on this device and sync when you are back online.',
    'error.title': 'Something went wrong',
    'sync.status': '{pending} waiting to sync, {conflicts} in conflict',
    'sync.running': 'Syncing…',
  },
};
