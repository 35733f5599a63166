import type { ApiClient } from '../../api/api-client.ts';
import { latestDefinition } from '../../forms/app-definitions.ts';
import type { ViewDescription, ViewRows, ViewSummary } from './view-types.ts';

/** The query a view is read with, as the API's parameters: the search, filter and order. */
export interface ViewQuery {
  readonly q: string | undefined;
  readonly filter: string | undefined;
  readonly sort: string | undefined;
}

/** What one read of a view brings: its rows when it lists them, its totals when it groups. */
export interface ViewRead {
  readonly rows?: ViewRows;
  readonly summary?: ViewSummary;
}

/**
 * A view as the server describes it, with its app's definition for the cells (formatted
 * without it when it cannot be read); none when the app has no such view.
 */
export async function openView(api: ApiClient, app: string, view: string) {
  const [{ items }, latest] = await Promise.all([
    api.call.views.list({ params: { app } }),
    latestDefinition(api, app).catch(() => undefined),
  ]);
  const found = items.find((one) => one.id === view);
  return found && { view: found, app: latest?.definition };
}

/** One page of rows (after `cursor`) and, on the first page only, the totals. */
export async function readView(
  api: ApiClient,
  app: string,
  view: ViewDescription,
  query: ViewQuery,
  wants: { readonly rows: boolean; readonly summary: boolean; readonly cursor?: string },
): Promise<ViewRead> {
  const params = { app, view: view.id };
  const { q, filter, sort } = query;
  const first = wants.cursor === undefined;
  const [rows, summary] = await Promise.all([
    wants.rows
      ? api.call.views.rows({
          params,
          query: {
            q,
            filter,
            sort,
            limit: String(Number(view.config.pageSize) || 50),
            cursor: wants.cursor,
          },
        })
      : undefined,
    wants.summary && first ? api.call.views.summary({ params, query: { q, filter } }) : undefined,
  ]);
  return { ...(rows ? { rows } : {}), ...(summary ? { summary } : {}) };
}
