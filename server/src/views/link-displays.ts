import type { AppDefinition, Locale, Platform } from '@tessera/core';
import type { AppRolesFields } from '../records/app-roles.ts';
import type { RecordCaller } from '../records/caller.ts';
import { RECORD_TYPE, type RecordDocument, type RecordFields } from '../records/record-document.ts';
import { inScope, tableAccess } from '../records/row-scope.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { readTyped } from '../storage/typed-document.ts';
import { cellsAt } from './cells-at.ts';
import { type ViewField, viewField } from './view-field.ts';

/** A linked record as a browser opens it: its id and table, and its name when you may see it. */
export interface LinkTarget {
  readonly id: string;
  readonly table: string;
  readonly display?: string;
}

/** The table a field pointing at records links to, as its type's link hooks say. */
export const linkedTable = (target: ViewField): string | undefined =>
  target.type.links?.table(target.field as never);

const READS_AT_ONCE = 50;

/**
 * The linked records of some rows, by id, for the view's link columns: each read once, and
 * named (the link's `displayField`, else the linked table's title field, as its type shows it)
 * only when it lies inside the caller's row scope of that table.
 */
export async function linkDisplays(
  context: { readonly storage: StoreContext['storage']; readonly platform: Platform },
  app: AppDefinition,
  columns: readonly ViewField[],
  docs: readonly RecordDocument[],
  caller: RecordCaller,
  mapping: AppRolesFields | undefined,
  locale: Locale,
): Promise<Map<string, LinkTarget>> {
  const wanted = new Map<string, ViewField>();
  for (const column of columns) {
    if (linkedTable(column) === undefined) continue;
    for (const doc of docs) {
      for (const cell of cellsAt(doc.values, column)) {
        for (const id of Array.isArray(cell) ? cell : [cell]) {
          if (typeof id === 'string' && !wanted.has(id)) wanted.set(id, column);
        }
      }
    }
  }
  const found = new Map<string, LinkTarget>();
  const entries = [...wanted];
  for (let at = 0; at < entries.length; at += READS_AT_ONCE) {
    const batch = entries.slice(at, at + READS_AT_ONCE);
    const read = await Promise.all(
      batch.map(([id]) => readTyped<RecordFields>(context.storage, id, RECORD_TYPE)),
    );
    batch.forEach(([id, column], index) => {
      const table = linkedTable(column) ?? '';
      const doc = read[index];
      const display =
        doc && doc.app === app.id && doc.table === table
          ? displayOf(context.platform, app, column, doc, caller, mapping, locale)
          : undefined;
      found.set(id, { id, table, ...(display === undefined ? {} : { display }) });
    });
  }
  return found;
}

function displayOf(
  platform: Platform,
  app: AppDefinition,
  column: ViewField,
  doc: RecordDocument,
  caller: RecordCaller,
  mapping: AppRolesFields | undefined,
  locale: Locale,
): string | undefined {
  if (!inScope(tableAccess(caller, mapping, doc.table), caller, doc)) return undefined;
  const table = app.tables.find((one) => one.id === doc.table);
  const configured = column.field.config.displayField;
  const name = typeof configured === 'string' ? configured : table?.titleField;
  if (!table || name === undefined) return undefined;
  const shown = viewField(platform, app, table, name);
  const value = doc.values[name];
  if (!shown || value === undefined || value === null) return undefined;
  try {
    return shown.type.form.format(value, shown.field as never, locale);
  } catch {
    return undefined;
  }
}
