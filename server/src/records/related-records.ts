import type { Platform, TableDefinition } from '@tessera/core';
import { RELATED_COUNTED, RELATED_SHOWN, type RelatedGroup } from '@tessera/core/api';
import { maxPageSize, type Selector } from '@tessera/runtime';
import { readPage } from '../storage/read-page.ts';
import { readTyped } from '../storage/typed-document.ts';
import type { PublishedApps } from './published-apps.ts';
import { RECORD_TYPE, type RecordDocument, type RecordFields } from './record-document.ts';
import { recordNotFound } from './record-errors.ts';
import { checkRecordScope } from './record-scope.ts';
import type { RecordsContext } from './record-service.ts';
import { type Caller, scopedQuery, tableAccess } from './row-scope.ts';

// RELATED_SHOWN records per group, newest first; RELATED_COUNTED at most counted, past it `total`
// is a lower bound and `partial` is set (both in the contract, @tessera/core/api)
/** Fields shown per record: the table's first fields that do not hold rows (sub-tables). */
export const RELATED_COLUMNS = 6;

interface LinkField {
  readonly table: TableDefinition;
  readonly field: TableDefinition['fields'][number];
  readonly multiple: boolean;
}

/** Every field of the app's tables whose type links to records, pointing at `tableId`. */
export function linksTo(
  platform: Platform,
  tables: readonly TableDefinition[],
  tableId: string,
): LinkField[] {
  const found: LinkField[] = [];
  for (const table of tables) {
    for (const field of table.fields) {
      const links = platform.fieldTypes.get(field.type)?.links;
      const typed = { ...field, config: field.config ?? {} } as never;
      if (links?.table(typed) !== tableId) continue;
      found.push({ table, field, multiple: links.multiple(typed) });
    }
  }
  return found;
}

const titleOf = (table: TableDefinition, doc: RecordDocument) => {
  const value = table.titleField === undefined ? undefined : doc.values[table.titleField];
  return value === undefined || value === null || value === '' ? doc._id : String(value);
};

/**
 * 关联数据: for each link field of the app pointing at this record's table, the records of its
 * table that link to this record, newest first, within the caller's row scope of that table
 * (the record itself must be in their scope, else 404, as when reading it). Each group is one
 * query on the table's scoped index with the link condition in the selector, read page by page:
 * the database reads the table's records in scope and returns the matches; counting stops at
 * RELATED_COUNTED.
 */
export async function relatedRecords(
  context: Pick<RecordsContext, 'storage' | 'platform'>,
  published: PublishedApps,
  appId: string,
  id: string,
  caller: Caller,
): Promise<{ groups: RelatedGroup[] }> {
  const { storage, platform } = context;
  const doc = await readTyped<RecordFields>(storage, id, RECORD_TYPE);
  if (!doc || doc.app !== appId) throw recordNotFound(id);
  const { mapping } = await checkRecordScope(storage, caller, id, doc);
  const { definition } = await published.latest(appId);
  const groups: RelatedGroup[] = [];
  for (const { table, field, multiple } of linksTo(platform, definition.tables, doc.table)) {
    const access = tableAccess(caller, mapping, table.id);
    const query = scopedQuery(access, caller, appId, table.id);
    const key = `values.${field.id}`;
    const link: Selector = { [key]: multiple ? { $elemMatch: { $eq: id } } : { $eq: id } };
    const links = (one: RecordDocument) => {
      const value = one.values[field.id];
      return Array.isArray(value) ? value.includes(id) : value === id;
    };
    const shown: RecordDocument[] = [];
    let total = 0;
    let cursor: string | undefined;
    do {
      const page = await readPage<RecordFields>(storage, {
        ...query,
        selector: { ...query.selector, ...link },
        limit: maxPageSize,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const one of page.docs) {
        if (!links(one)) continue;
        total += 1;
        if (shown.length < RELATED_SHOWN) shown.push(one);
      }
      cursor = page.next;
    } while (cursor !== undefined && total < RELATED_COUNTED);
    const columns = table.fields
      .filter((one) => !platform.fieldTypes.get(one.type)?.columns)
      .slice(0, RELATED_COLUMNS)
      .map((one) => ({ id: one.id, label: one.label }));
    groups.push({
      table: table.id,
      field: field.id,
      label: table.label,
      fieldLabel: field.label,
      columns,
      total,
      ...(cursor === undefined ? {} : { partial: true as const }),
      records: shown.map((one) => ({
        id: one._id,
        title: titleOf(table, one),
        values: Object.fromEntries(
          columns.flatMap(({ id: column }) =>
            one.values[column] === undefined ? [] : [[column, one.values[column]]],
          ),
        ),
      })),
    });
  }
  return { groups };
}
