/** What `GET /api/apps/{app}/views` says of a view, and its rows and group totals: the API's. */
export type {
  LinkedRecord,
  ViewAggregate,
  ViewColumn,
  ViewDescription,
  ViewRow,
  ViewRows,
  ViewSummary,
} from '@tessera/core/api';

export const recordHref = (app: string, table: string, id: string) =>
  `/records/${encodeURIComponent(app)}/${encodeURIComponent(table)}/${encodeURIComponent(id)}`;
