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

/** A chart view's settings (`config` of a view of type chart). */
export interface ChartConfig {
  readonly kind: 'bar' | 'column' | 'line' | 'area' | 'pie';
  readonly x?: string;
  readonly series: readonly { aggregate: string }[];
  readonly stacked?: boolean;
}

export const recordHref = (app: string, table: string, id: string) =>
  `/records/${encodeURIComponent(app)}/${encodeURIComponent(table)}/${encodeURIComponent(id)}`;
