import type { Platform } from '@tessera/core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { ApiError } from './http/api-error.ts';
import { safeLocaleOf } from './http/locale.ts';
import { expressionRoutes } from './routes/expression-routes.ts';
import { infoRoutes } from './routes/info-routes.ts';
import { typesRoutes } from './routes/types-routes.ts';
import { validateRoutes } from './routes/validate-routes.ts';
import { WEB_ROOT, webRoutes } from './routes/web-routes.ts';

/** Request bodies above this size are refused with 413 before they are read. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface AppOptions {
  readonly platform: Platform;
  /** Folder of the implementers' page; the bundled one by default. */
  readonly webRoot?: string;
}

/**
 * The HTTP app: JSON API under `/api`, the implementers' page at `/`. Every refusal is
 * `{ error: { code, message, field? } }` with a 4xx; nothing answers with a stack trace.
 * No port is opened here: tests call `app.request()`, `main.ts` serves it.
 */
export function createApp(options: AppOptions): Hono {
  const { platform } = options;
  const app = new Hono();

  app.use(
    secureHeaders({
      strictTransportSecurity: false,
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        const error = new ApiError(413, 'payload_too_large', {
          en: `the request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`,
          'zh-CN': `请求体超过 ${MAX_BODY_BYTES / 1024 / 1024} MB`,
        });
        return c.json(error.toBody(safeLocaleOf(c)), 413);
      },
    }),
  );

  app.route('/api', infoRoutes(platform));
  app.route('/api', validateRoutes(platform));
  app.route('/api', expressionRoutes(platform));
  app.route('/api', typesRoutes(platform));
  app.route('/', webRoutes(options.webRoot ?? WEB_ROOT));

  app.notFound((c) => {
    const error = new ApiError(404, 'not_found', {
      en: `nothing at ${c.req.method} ${c.req.path}`,
      'zh-CN': `${c.req.method} ${c.req.path} 不存在`,
    });
    return c.json(error.toBody(safeLocaleOf(c)), 404);
  });
  app.onError((error, c) => {
    const locale = safeLocaleOf(c);
    if (error instanceof ApiError) return c.json(error.toBody(locale), error.status);
    console.error(`${c.req.method} ${c.req.path} failed:`, error);
    const internal = new ApiError(500, 'internal', {
      en: 'the server failed to handle this request; the error is in its log',
      'zh-CN': '服务器处理该请求时出错，详情见服务器日志',
    });
    return c.json(internal.toBody(locale), 500);
  });
  return app;
}
