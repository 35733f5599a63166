import { pointer, type ViewDefinition } from '@tessera/core';
import type { RecordDocument } from '../records/record-document.ts';
import { cellsAt } from './cells-at.ts';
import { filterMatches } from './filter-match.ts';
import { type FilterScope, type ResolvedFilter, resolveFilter } from './resolve-filter.ts';
import type { SortKey } from './row-order.ts';
import { invalidViewQuery } from './view-errors.ts';
import { type ViewField, viewField } from './view-field.ts';

/** What a caller adds to a view: filters, a search text, an order of their own. */
export interface ViewRequest {
  /** Extra filters (all must hold, with the view's own), as sent: checked here. */
  readonly filters?: readonly unknown[];
  /** Text searched for in the view's columns, as shown (case-insensitive). */
  readonly q?: string;
  /** Replaces the view's sorts. */
  readonly sort?: readonly { readonly field: string; readonly direction: 'asc' | 'desc' }[];
}

/** A view made ready to run over records: every field resolved, every value checked. */
export interface PreparedView {
  readonly view: ViewDefinition;
  readonly columns: readonly ViewField[];
  readonly filters: readonly ResolvedFilter[];
  readonly sorts: readonly SortKey[];
  /** Whether a record passes the filters and the search. */
  readonly keep: (doc: RecordDocument) => boolean;
  /** Names the order pages are read in (cursors of another order are refused). */
  readonly order: string;
}

/** The columns of a view: its own, else every field of the table. */
function columnsOf(scope: FilterScope, view: ViewDefinition): ViewField[] {
  const paths = view.columns?.map((column) => column.field) ?? scope.table.fields.map((f) => f.id);
  return paths.flatMap((path) => {
    const found = viewField(scope.platform, scope.app, scope.table, path);
    return found ? [found] : [];
  });
}

/**
 * Prepares a view with a caller's request (pure: no storage). Published filters are named at
 * `/view/filters/<i>`, the request's at `/query/filter/<i>` (400 on anything unusable); the
 * request's sort (`?sort`) replaces the view's.
 */
export function prepareView(
  scope: FilterScope,
  view: ViewDefinition,
  request: ViewRequest,
): PreparedView {
  const own = (view.filters ?? []).map((filter, index) =>
    resolveFilter(filter, pointer('/view/filters', index), scope),
  );
  const extra = (request.filters ?? []).map((filter, index) => {
    if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
      throw invalidViewQuery(pointer('/query/filter', index), {
        en: 'must be an object { field, op, value }',
        'zh-CN': '必须是对象 { field, op, value }',
      });
    }
    const { field, op, value } = filter as Record<string, unknown>;
    return resolveFilter({ field, op, value }, pointer('/query/filter', index), scope);
  });
  const filters = [...own, ...extra];
  const wanted = request.sort ?? view.sorts ?? [];
  const sorts = wanted.map(({ field, direction }) => {
    const target = viewField(scope.platform, scope.app, scope.table, field);
    if (!target) {
      throw invalidViewQuery('?sort', {
        en: `"${field.slice(0, 100)}" is not a field of table "${scope.table.id}"`,
        'zh-CN': `“${field.slice(0, 100)}”不是表“${scope.table.id}”的字段`,
      });
    }
    return { target, direction };
  });
  const columns = columnsOf(scope, view);
  const needle = request.q?.trim().toLocaleLowerCase() ?? '';
  const shown = (target: ViewField, cell: unknown): string => {
    if (cell === undefined || cell === null) return '';
    try {
      return `${target.type.form.format(cell, target.field as never, scope.locale)} ${
        typeof cell === 'string' ? cell : ''
      }`;
    } catch {
      return typeof cell === 'string' ? cell : '';
    }
  };
  const found = (doc: RecordDocument) =>
    columns.some((target) =>
      cellsAt(doc.values, target).some((cell) =>
        shown(target, cell).toLocaleLowerCase().includes(needle),
      ),
    );
  return {
    view,
    columns,
    filters,
    sorts,
    keep: (doc) =>
      filters.every((filter) => filterMatches(filter, doc.values)) && (needle === '' || found(doc)),
    order: JSON.stringify(sorts.map((one) => [one.target.path, one.direction])),
  };
}
