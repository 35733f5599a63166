import { type Static, type TSchema, Type } from '@tessera/core';
import { type FindQuery, maxPageSize, type Page, StorageError } from '@tessera/runtime';
import { ApiError } from '../http/api-error.ts';

/** The query parameters of every list route: `?cursor=…&limit=…`. */
export const pageQueryFields = {
  cursor: Type.Optional(
    Type.String({ maxLength: 4000, description: 'the `next` of the previous page' }),
  ),
  limit: Type.Optional(
    Type.String({ pattern: '^[1-9][0-9]{0,3}$', description: `rows per page, 1–${maxPageSize}` }),
  ),
};

const PageQuery = Type.Object(pageQueryFields);
export type PageQuery = Static<typeof PageQuery>;

/** A page of a list: `{ items, next? }`; pass `next` back as `?cursor=` for the next page. */
export const pageSchema = <T extends TSchema>(item: T, title: string) =>
  Type.Object(
    {
      items: Type.Array(item),
      next: Type.Optional(
        Type.String({ description: 'cursor of the next page; absent at the end' }),
      ),
    },
    { title },
  );

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
