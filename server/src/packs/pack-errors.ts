import type { Bilingual, Issue, Locale } from '@tessera/core';
import { ApiError } from '../http/api-error.ts';
import { issueBodies } from '../routes/validate-routes.ts';

/** A refusal of the pack lifecycle: the API answers it with its status, the CLI prints it. */
export class PackRefusal extends Error {
  override name = 'PackRefusal';
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 413 | 422,
    readonly code: string,
    readonly detail: Bilingual,
    readonly issues: readonly Issue[] = [],
    readonly field?: string,
  ) {
    super(detail.en);
  }
}

/** A pack that failed validation: the count and the first issue, then every issue. */
export function invalidPack(issues: readonly Issue[]): PackRefusal {
  const first = issues[0]!;
  const plugins = issues.every((one) => one.code === 'pack.requires');
  const count = issues.length;
  return new PackRefusal(
    plugins ? 422 : 400,
    plugins ? 'pack_plugins_missing' : 'pack_invalid',
    {
      en: `the pack has ${count} issue${count === 1 ? '' : 's'}; the first: ${first.path || '/'}: ${first.message.en}`,
      'zh-CN': `应用包有 ${count} 个问题；第一个：${first.path || '/'}：${first.message['zh-CN']}`,
    },
    issues,
    first.path, // '' when the issue is the whole pack, as the schema check names it
  );
}

/** Runs a pack call and answers its refusals as API errors, issues in the request's language. */
export async function packApi<T>(locale: Locale, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof PackRefusal)) throw error;
    throw new ApiError(error.status, error.code, error.detail, error.field, {
      ...(error.issues.length > 0 ? { issues: issueBodies(error.issues, locale) } : {}),
    });
  }
}
