import type { ViewColumn, ViewDescription, ViewRow, ViewSummary } from '../api/views.ts';
import type { Locale } from '../i18n/localized.ts';

/**
 * What the web app hands the element of a view type (its `data` property) each time the view's
 * rows or totals change. The element only shows them: the page fetches, filters and pages, and
 * learns of a header click from a `tessera-sort` event whose `detail` is the column's field.
 */
export interface ViewElementData {
  /** The app the view belongs to (record addresses name it). */
  readonly app: string;
  readonly view: ViewDescription;
  /** The rows loaded so far; none for a view type that `aggregates`. */
  readonly rows: readonly ViewRow[];
  /** The group totals, for views that aggregate or group. */
  readonly summary?: ViewSummary;
  readonly sort?: { readonly field: string; readonly direction: 'asc' | 'desc' };
  /** True while a newer answer is on its way. */
  readonly busy: boolean;
  readonly locale: Locale;
  /** A value of a column as its field type shows it in a cell (a list for sub-table columns). */
  cellText(column: ViewColumn, value: unknown): string;
  /** The address of a record's page. */
  recordHref(table: string, id: string): string;
}
