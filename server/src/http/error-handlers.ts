import {
  ConflictError,
  type StorageTrouble,
  StorageUnavailableError,
  storageTroubleOf,
} from '@tessera/runtime';
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

/** What a request is told when the storage itself cannot take it: nothing was stored. */
const storageRefusals: Record<StorageTrouble, ApiError> = {
  full: new ApiError(
    507,
    'storage_full',
    {
      en: "the server's storage is full, so nothing was saved; try again once space is freed",
      'zh-CN': '服务器存储空间已满，未保存任何内容；释放空间后请重试',
    },
    undefined,
    {},
    { 'Retry-After': '60' },
  ),
  'read-only': new ApiError(
    503,
    'storage_unavailable',
    {
      en: 'the server cannot write to its storage (it is read-only), so nothing was saved; try again later',
      'zh-CN': '服务器存储当前只读，未保存任何内容；请稍后重试',
    },
    undefined,
    {},
    { 'Retry-After': '30' },
  ),
  unreachable: new ApiError(
    503,
    'storage_unavailable',
    {
      en: 'the server cannot reach its database now, so nothing was saved; try again later',
      'zh-CN': '服务器暂时无法连接数据库，未保存任何内容；请稍后重试',
    },
    undefined,
    {},
    { 'Retry-After': '30' },
  ),
};

/**
 * An `ApiError` becomes its JSON body; a write that kept losing races to other writers (the
 * storage's ConflictError after its retries) is a 409 the client may retry; a full, read-only
 * or unreachable storage is a 507 or 503 (logged); anything else is logged and answered with a
 * bare 500.
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
  const trouble =
    error instanceof StorageUnavailableError ? error.trouble : storageTroubleOf(error);
  if (trouble) {
    console.error(`${c.req.method} ${c.req.path} refused, storage ${trouble}: ${error.message}`);
    return answerError(c, storageRefusals[trouble]);
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
