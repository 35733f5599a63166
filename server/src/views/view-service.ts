import type {
  AppDefinition,
  Locale,
  Platform,
  TableDefinition,
  ViewDefinition,
} from '@tessera/core';
import { type AppRolesFields, readAppRoles } from '../records/app-roles.ts';
import type { RecordCaller } from '../records/caller.ts';
import { type PublishedApps, publishedApps } from '../records/published-apps.ts';
import type { RecordDocument } from '../records/record-document.ts';
import { heldRoles, scopedQuery, tableAccess } from '../records/row-scope.ts';
import { isoNow, type StoreContext } from '../storage/store-context.ts';
import type { ResolvedAggregate } from './aggregate-values.ts';
import { cellsAt } from './cells-at.ts';
import { type LinkTarget, linkDisplays, linkedTable } from './link-displays.ts';
import { mangoParts } from './mango-parts.ts';
import { type PreparedView, prepareView, type ViewRequest } from './prepare-view.ts';
import { comparePositions, positionOf } from './row-order.ts';
import { MAX_VIEW_RECORDS, scanRecords } from './scan-records.ts';
import { viewCursor } from './view-cursor.ts';
import { viewNotFound } from './view-errors.ts';
import { type ViewField, viewField } from './view-field.ts';
import { summarise, type ViewSummary } from './view-summary.ts';

export interface ViewsContext extends StoreContext {
  readonly platform: Platform;
  /** The most records one request reads (MAX_VIEW_RECORDS by default). */
  readonly maxViewRecords?: number;
}

/** A row of a view: the record's id and revision, and the values of the view's columns. */
export interface ViewRow {
  readonly id: string;
  readonly _rev: string;
  /** By column path (`items.product` holds a sub-table column's value per row). */
  readonly values: Readonly<Record<string, unknown>>;
  /** For link columns: each linked record's id, table and (when you may see it) name. */
  readonly links?: Readonly<Record<string, readonly LinkTarget[]>>;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
}

export interface ViewRowsPage {
  readonly items: readonly ViewRow[];
  readonly next?: string;
  /** How many rows the view has with these filters, in your row scope. */
  readonly total: number;
}

/** A view opened for one caller: its definition prepared and its records read. */
export interface OpenedView {
  readonly app: AppDefinition;
  readonly table: TableDefinition;
  readonly prepared: PreparedView;
  /** Every record in the caller's row scope that passes the filters, in the view's order. */
  readonly docs: readonly RecordDocument[];
  readonly caller: RecordCaller;
  readonly mapping: AppRolesFields | undefined;
}

export interface ViewService {
  /** The views of the app's latest published version. */
  definitions(appId: string): Promise<{ app: AppDefinition; views: readonly ViewDefinition[] }>;
  open(
    appId: string,
    viewId: string,
    caller: RecordCaller,
    request: ViewRequest,
    locale: Locale,
  ): Promise<OpenedView>;
  rows(
    opened: OpenedView,
    page: { readonly cursor?: string; readonly limit: number },
    locale: Locale,
  ): Promise<ViewRowsPage>;
  /** Every row at once (export), with link names. */
  allRows(opened: OpenedView, locale: Locale): Promise<readonly ViewRow[]>;
  summary(opened: OpenedView, locale: Locale): Promise<ViewSummary>;
}

/**
 * Views over records (decision 0021 for the export). A request reads the records of the view's
 * table inside the caller's row scope (the scoped query of `records/row-scope.ts`, page by page
 * through `readPage`), with the filters that Mango can answer exactly in the selector; every
 * filter and the search are then checked in memory, the rows sorted by the field types' order,
 * and paged by a cursor holding the last row's position. So paging is correct for any filter and
 * sort, at the cost of reading the whole filtered set per request (at most `maxViewRecords`).
 */
export function createViewService(context: ViewsContext): ViewService {
  const { storage, platform } = context;
  const published: PublishedApps = publishedApps(storage);
  const max = context.maxViewRecords ?? MAX_VIEW_RECORDS;

  const row = (
    opened: OpenedView,
    doc: RecordDocument,
    links: ReadonlyMap<string, LinkTarget>,
  ): ViewRow => {
    const values: Record<string, unknown> = {};
    const linked: Record<string, LinkTarget[]> = {};
    for (const column of opened.prepared.columns) {
      const value =
        column.parent === undefined
          ? doc.values[column.field.id]
          : cellsAt(doc.values, column).map((cell) => cell ?? null);
      if (value === undefined) continue;
      values[column.path] = value;
      const table = linkedTable(column);
      if (table === undefined) continue;
      const ids = (Array.isArray(value) ? value.flat() : [value]).filter(
        (id): id is string => typeof id === 'string',
      );
      linked[column.path] = ids.map((id) => links.get(id) ?? { id, table });
    }
    return {
      id: doc._id,
      _rev: doc._rev,
      values,
      ...(Object.keys(linked).length === 0 ? {} : { links: linked }),
      createdAt: doc.createdAt,
      createdBy: doc.createdBy,
      updatedAt: doc.updatedAt,
    };
  };

  const rowsOf = async (opened: OpenedView, docs: readonly RecordDocument[], locale: Locale) => {
    const links = await linkDisplays(
      context,
      opened.app,
      opened.prepared.columns,
      docs,
      opened.caller,
      opened.mapping,
      locale,
    );
    return docs.map((doc) => row(opened, doc, links));
  };

  return {
    async definitions(appId) {
      const version = await published.latest(appId);
      return { app: version.definition, views: version.definition.views ?? [] };
    },

    async open(appId, viewId, caller, request, locale) {
      const version = await published.latest(appId);
      const app = version.definition;
      const view = app.views?.find((one) => one.id === viewId);
      if (!view) throw viewNotFound(appId, viewId);
      const { table } = published.table(version, view.table);
      const mapping = await readAppRoles(storage, appId);
      const currentUser = {
        id: caller.userId,
        name: caller.name,
        department: caller.department ?? '',
        roles: heldRoles(caller, mapping),
      };
      const prepared = prepareView(
        { platform, app, table, locale, variables: { now: isoNow(context), currentUser } },
        view,
        request,
      );
      const access = tableAccess(caller, mapping, table.id);
      const docs = await scanRecords(
        storage,
        scopedQuery(access, caller, appId, table.id),
        mangoParts(prepared.filters),
        prepared.keep,
        max,
      );
      const compare = comparePositions(prepared.sorts);
      const positioned = docs.map((doc) => ({ doc, at: positionOf(doc, prepared.sorts) }));
      positioned.sort((a, b) => compare(a.at, b.at));
      return { app, table, prepared, docs: positioned.map((one) => one.doc), caller, mapping };
    },

    async rows(opened, page, locale) {
      const { prepared, docs } = opened;
      let start = 0;
      if (page.cursor !== undefined) {
        const after = viewCursor.decode(prepared.order, page.cursor);
        const compare = comparePositions(prepared.sorts);
        start = docs.findIndex((doc) => compare(positionOf(doc, prepared.sorts), after) > 0);
        if (start < 0) start = docs.length;
      }
      const shown = docs.slice(start, start + page.limit);
      const last = shown.at(-1);
      const more = start + page.limit < docs.length && last !== undefined;
      return {
        items: await rowsOf(opened, shown, locale),
        ...(more
          ? { next: viewCursor.encode(prepared.order, positionOf(last, prepared.sorts)) }
          : {}),
        total: docs.length,
      };
    },

    allRows: (opened, locale) => rowsOf(opened, opened.docs, locale),

    async summary(opened, locale) {
      const { view } = opened.prepared;
      const resolve = (path: string): ViewField | undefined =>
        viewField(platform, opened.app, opened.table, path);
      const groupBy = (view.groupBy ?? []).flatMap((path) => {
        const found = resolve(path);
        return found ? [found] : [];
      });
      const defined = view.aggregates?.length
        ? view.aggregates
        : [{ id: 'count', fn: 'count' as const }];
      const aggregates: ResolvedAggregate[] = defined.map((aggregate) => {
        const target = aggregate.field === undefined ? undefined : resolve(aggregate.field);
        return target ? { aggregate, target } : { aggregate };
      });
      // a group by a link is labelled with the linked record's name, as list rows show it
      const named = await linkDisplays(
        context,
        opened.app,
        groupBy,
        opened.docs,
        opened.caller,
        opened.mapping,
        locale,
      );
      return summarise(groupBy, aggregates, opened.docs, locale, named);
    },
  };
}
