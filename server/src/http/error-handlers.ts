import { ConflictError } from '@tessera/runtime';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { ApiError } from './api-error.ts';
import { safeLocaleOf } from './locale.ts';

/** Any unknown route or method: a JSON 404, like every other refusal. */
export const handleNotFound: NotFoundHandler = (c) => {
  const error = new ApiError(404, 'not_found', {
    en: `nothing at ${c.req.method} ${c.req.path}`,
    'zh-CN': `${c.req.method} ${c.req.path} 不存在`,
  });
  return answerError(c, error);
};

/**
 * An `ApiError` becomes its JSON body; a write that kept losing races to other writers (the
 * storage's ConflictError after its retries) is a 409 the client may retry; anything else is
 * logged and answered with a bare 500.
 */
export const handleError: ErrorHandler = (error, c) => {
  if (error instanceof ApiError) return answerError(c, error);
  if (error instanceof ConflictError) {
    const conflict = new ApiError(409, 'conflict', {
      en: 'someone else changed this at the same moment; read it again and retry',
      'zh-CN': '他人同时修改了此数据，请重新读取后重试',
    });
    return answerError(c, conflict);
  }
  console.error(`${c.req.method} ${c.req.path} failed:`, error);
  const internal = new ApiError(500, 'internal', {
    en: 'the server failed to handle this request; the error is in its log',
    'zh-CN': '服务器处理该请求时出错，详情见服务器日志',
  });
  return answerError(c, internal);
};

/** The JSON answer of a refusal, in the request's language, with the refusal's own headers. */
export function answerError(c: Context, error: ApiError): Response {
  return c.json(error.toBody(safeLocaleOf(c)), error.status, { ...error.headers });
}
