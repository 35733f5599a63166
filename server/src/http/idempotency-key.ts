import type { Context } from 'hono';
import type { ApiEnv } from './api-env.ts';
import { ApiError } from './api-error.ts';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The `Idempotency-Key` header: 1–200 visible ASCII characters, or none. */
export function idempotencyKeyOf(c: Context<ApiEnv>): string | undefined {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return undefined;
  if (IDEMPOTENCY_KEY.test(key)) return key;
  throw new ApiError(
    400,
    'invalid_header',
    {
      en: 'Idempotency-Key must be 1–200 visible ASCII characters',
      'zh-CN': 'Idempotency-Key 应为 1–200 个可见 ASCII 字符',
    },
    'Idempotency-Key',
  );
}
