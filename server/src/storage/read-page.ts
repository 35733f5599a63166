import { type Static, Type } from '@tessera/core';
import { pageQueryFields } from '@tessera/core/api';
import { type FindQuery, maxPageSize, type Page, StorageError } from '@tessera/runtime';
import { ApiError } from '../http/api-error.ts';

const PageQuery = Type.Object(pageQueryFields);
export type PageQuery = Static<typeof PageQuery>;

/** Page size and cursor from a list route's query (400 naming `?limit` when too large). */
export function pageOf(query: PageQuery): { limit: number; cursor?: string } {
  const limit = query.limit === undefined ? 50 : Number(query.limit);
  if (limit > maxPageSize) {
    throw new ApiError(
      400,
      'invalid_query',
      {
        en: `limit must be at most ${maxPageSize}`,
        'zh-CN': `limit 不能超过 ${maxPageSize}`,
      },
      '?limit',
    );
  }
  return query.cursor ? { limit, cursor: query.cursor } : { limit };
}

/**
 * Runs a `find` for a list route. A cursor that does not belong to this list (tampered, or
 * from another list) is the caller's mistake: a 400 naming `?cursor`, not a 500.
 */
export async function readPage<T>(
  storage: { find<U>(query: FindQuery): Promise<Page<U>> },
  query: FindQuery,
): Promise<Page<T>> {
  try {
    return await storage.find<T>(query);
  } catch (error) {
    if (query.cursor !== undefined && error instanceof StorageError && error.status === 400) {
      throw new ApiError(
        400,
        'invalid_cursor',
        {
          en: 'the cursor does not belong to this list; start again without it',
          'zh-CN': '游标不属于此列表，请不带游标重新开始',
        },
        '?cursor',
      );
    }
    throw error;
  }
}

/** Reads every page of a query (for bounded sets: a user's sessions, a subtree). */
export async function readAll<T>(
  storage: { find<U>(query: FindQuery): Promise<Page<U>> },
  query: Omit<FindQuery, 'cursor' | 'limit'>,
): Promise<Page<T>['docs'][number][]> {
  const all: Page<T>['docs'][number][] = [];
  let cursor: string | undefined;
  do {
    const page: Page<T> = await storage.find<T>({
      ...query,
      limit: maxPageSize,
      ...(cursor ? { cursor } : {}),
    });
    all.push(...page.docs);
    cursor = page.next;
  } while (cursor);
  return all;
}
