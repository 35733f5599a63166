import type { Locale } from '@tessera/core';

/** The session cookie set at sign-in (httpOnly, SameSite). */
export const SESSION_COOKIE = 'tessera_session';

/** The header carrying the CSRF token of a cookie session on unsafe requests. */
export const CSRF_HEADER = 'x-csrf-token';

/** How a guarded route may be called: `components.securitySchemes` of the OpenAPI document. */
export const securitySchemes = (locale: Locale) => ({
  cookieAuth: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: {
      en: `The browser session set at sign-in. POST, PUT, PATCH and DELETE also need the ${CSRF_HEADER} header and a same-origin Origin.`,
      'zh-CN': `登录时设置的浏览器会话。POST、PUT、PATCH、DELETE 还需要 ${CSRF_HEADER} 头和同源的 Origin。`,
    }[locale],
  },
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    description: {
      en: 'An API token for integrations: Authorization: Bearer <token>. No CSRF token needed.',
      'zh-CN': '供集成使用的 API 令牌：Authorization: Bearer <令牌>。无需 CSRF 令牌。',
    }[locale],
  },
});
