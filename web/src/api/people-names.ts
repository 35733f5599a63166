import type { AnswerOf, TesseraApi } from '@tessera/core/api';
import type { ApiClient } from './api-client.ts';

/** A colleague as the people directory (`GET /api/directory/users`) shows them. */
export type Colleague = AnswerOf<TesseraApi['workspace']['colleagues']>['items'][number];

/** How many ids one directory request names (they travel in the query string). */
const IDS_AT_ONCE = 100;

/**
 * Display names of users by id, from the people directory; an id it does not know (a user
 * who left) is simply missing, and a failed request gives no names rather than an error.
 */
export async function peopleNames(
  api: ApiClient,
  ids: Iterable<string>,
): Promise<Record<string, string>> {
  const wanted = [...new Set(ids)].filter((id) => id.startsWith('user:'));
  const names: Record<string, string> = {};
  for (let at = 0; at < wanted.length; at += IDS_AT_ONCE) {
    const found = await api.call.workspace
      .colleagues({ query: { ids: wanted.slice(at, at + IDS_AT_ONCE).join(',') } })
      .catch(() => ({ items: [] }));
    for (const one of found.items) names[one.id] = one.displayName;
  }
  return names;
}
