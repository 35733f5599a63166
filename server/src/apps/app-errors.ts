import type { Locale } from '@tessera/core';
import { ApiError } from '../http/api-error.ts';
import { issueBodies } from '../routes/validate-routes.ts';
import { AppStoreError } from './app-store.ts';

const STATUS = { invalid: 400, not_found: 404, exists: 409 } as const;
const CODE = { invalid: 'invalid_app', not_found: 'not_found', exists: 'app_exists' } as const;

/** Runs an app-store call and answers its refusals as API errors naming the field. */
export async function asApi<T>(locale: Locale, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppStoreError)) throw error;
    const first = error.issues[0];
    const count = error.issues.length;
    const detail =
      error.kind === 'invalid' && first
        ? {
            en: `the app definition has ${count} issue${count === 1 ? '' : 's'}; the first: ${first.path || '/'}: ${first.message.en}`,
            'zh-CN': `应用定义有 ${count} 个问题；第一个：${first.path || '/'}：${first.message['zh-CN']}`,
          }
        : (first?.message ?? { en: error.kind, 'zh-CN': error.kind });
    // the first issue's place, '' when it is the whole definition (as the schema check says)
    throw new ApiError(STATUS[error.kind], CODE[error.kind], detail, first?.path, {
      issues: issueBodies(error.issues, locale),
    });
  }
}
