import type { Dictionary } from '../../i18n/texts.ts';

export const LOGIN_TEXTS: Dictionary<'title' | 'username' | 'password' | 'submit'> = {
  'zh-CN': { title: '登录 Tessera', username: '用户名', password: '密码', submit: '登录' },
  en: {
    title: 'Sign in to Tessera',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
  },
};
