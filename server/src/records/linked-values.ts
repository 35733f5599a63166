import {
  type FieldDefinition,
  type FieldLinkHooks,
  type Issue,
  issue,
  type LinkPull,
  type Platform,
  pointer,
} from '@tessera/core';
import type { StoragePort } from '@tessera/runtime';
import { columnsOf, typed } from '@tessera/runtime/form-logic';
import { readTyped } from '../storage/typed-document.ts';
import type { AppRolesFields } from './app-roles.ts';
import type { PublishedTable } from './published-apps.ts';
import { RECORD_TYPE, type RecordDocument, type RecordFields } from './record-document.ts';
import { type Caller, inScope, tableAccess } from './row-scope.ts';

type Values = Record<string, unknown>;

/** Who links, and where linked records are read: links are checked against their row scope. */
export interface LinkReader {
  readonly storage: StoragePort;
  readonly caller: Caller;
  /** The app's role mapping (the caller's row scope of each linked table is decided on it). */
  readonly mapping: AppRolesFields | undefined;
}

/** The values with every pulled field copied in by the server, and the paths it filled. */
export interface Linked {
  readonly values: Values;
  /** Pull targets: `contractAmount`, or `lines.price` for a column of a sub-table's rows. */
  readonly pulled: ReadonlySet<string>;
}

interface Link {
  readonly field: FieldDefinition;
  readonly hooks: FieldLinkHooks<never>;
  readonly table: string;
  readonly pulls: readonly LinkPull[];
}

const isRow = (value: unknown): value is Values =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const rowsOf = (value: unknown): Values[] => (Array.isArray(value) ? value.filter(isRow) : []);

function linksIn(platform: Platform, fields: readonly FieldDefinition[]): Link[] {
  const found: Link[] = [];
  for (const field of fields) {
    const hooks = platform.fieldTypes.get(field.type)?.links as FieldLinkHooks<never> | undefined;
    if (!hooks) continue;
    found.push({
      field,
      hooks,
      table: hooks.table(typed(field)),
      pulls: hooks.pulls(typed(field)),
    });
  }
  return found;
}

const idsOf = (link: Link, value: unknown) => link.hooks.ids(value, typed(link.field));
/** The one record a value points at; pulls copy from nothing else. */
const singleId = (link: Link, value: unknown) => {
  const ids = idsOf(link, value);
  return ids.length === 1 ? ids[0] : undefined;
};

const refused = (path: string, id: string, table: string): Issue =>
  issue(path, 'record.link', {
    en: `there is no record "${id}" of table "${table}" you may see to link to`,
    'zh-CN': `不存在您可查看的表“${table}”的记录“${id}”，不能关联`,
  });

/**
 * Applies a record's links on the server. Every id a write newly puts into a link (at the top
 * level, or in a column of a sub-table's rows) must be a record of the link's table in this
 * app that the caller may read (a missing one, one of another table and one outside the
 * caller's row scope are refused alike, so ids do not leak). Then every pulled field (带出字段)
 * is the server's: copied from the linked record when the link is set to it, kept as stored
 * while the link keeps pointing at the same record (a pulled value is a copy made when the
 * record was picked: "amount before the change" must not follow the contract), and empty with
 * no linked record. Whatever the client sent for a pulled field is never kept.
 */
export async function applyLinks(
  platform: Platform,
  target: PublishedTable,
  values: Values,
  base: Readonly<Values>,
  reader: LinkReader,
): Promise<{ linked: Linked; issues: Issue[] }> {
  const top = linksIn(platform, target.table.fields);
  const subTables = target.table.fields
    .map((field) => ({ field, links: linksIn(platform, columnsOf(field) ?? []) }))
    .filter((one) => one.links.length > 0);

  // pull targets are the server's to fill (a pulled link too): what the client sent is dropped
  const targets = new Set(top.flatMap((link) => link.pulls.map((pull) => pull.to)));
  for (const { field, links } of subTables) {
    for (const link of links) for (const { to } of link.pulls) targets.add(`${field.id}.${to}`);
  }
  // the ids this write sets, each with where it was set
  const wanted: { path: string; id: string; table: string }[] = [];
  for (const link of top) {
    if (targets.has(link.field.id)) continue;
    const before = new Set(idsOf(link, base[link.field.id]));
    for (const id of idsOf(link, values[link.field.id])) {
      if (!before.has(id)) wanted.push({ path: pointer('', link.field.id), id, table: link.table });
    }
  }
  for (const { field, links } of subTables) {
    for (const link of links) {
      if (targets.has(`${field.id}.${link.field.id}`)) continue;
      const before = new Set(
        rowsOf(base[field.id]).flatMap((row) => idsOf(link, row[link.field.id])),
      );
      const rows = Array.isArray(values[field.id]) ? (values[field.id] as unknown[]) : [];
      rows.forEach((row, index) => {
        if (!isRow(row)) return;
        for (const id of idsOf(link, row[link.field.id])) {
          if (before.has(id)) continue;
          wanted.push({ path: pointer('', field.id, index, link.field.id), id, table: link.table });
        }
      });
    }
  }

  const records = await readLinked(reader, target.app.id, wanted);
  const issues = wanted
    .filter((one) => records.get(one.id)?.table !== one.table)
    .map((one) => refused(one.path, one.id, one.table));
  if (issues.length > 0) return { linked: { values, pulled: new Set() }, issues };

  /** A linked record's values; a link the server itself pulled in is read as the server. */
  const linkedValues = async (id: string, link: Link) => {
    if (!records.has(id)) {
      const doc = await readTyped<RecordFields>(reader.storage, id, RECORD_TYPE);
      if (doc?.app === target.app.id && doc.table === link.table) records.set(id, doc);
    }
    return records.get(id)?.values;
  };
  /** The pulled cells of one link: from the stored values while it points where it did. */
  const pullInto = async (out: Values, link: Link, kept: Readonly<Values> | undefined) => {
    const id = singleId(link, out[link.field.id]);
    const linked = id === undefined || kept ? undefined : await linkedValues(id, link);
    for (const { from, to } of link.pulls) {
      const value = id === undefined ? undefined : kept ? kept[to] : linked?.[from];
      if (value === undefined || value === null) delete out[to];
      else out[to] = structuredClone(value);
    }
  };

  // in field order, so a link pulled in by an earlier one pulls from its own record in turn
  const out: Values = { ...values };
  for (const link of top.filter((one) => one.pulls.length > 0)) {
    const id = singleId(link, out[link.field.id]);
    const same = id !== undefined && id === singleId(link, base[link.field.id]);
    await pullInto(out, link, same ? base : undefined);
  }
  for (const { field, links } of subTables) {
    const pulling = links.filter((one) => one.pulls.length > 0);
    if (pulling.length === 0 || !Array.isArray(out[field.id])) continue;
    const storedRows = rowsOf(base[field.id]);
    const rows: unknown[] = [];
    for (const row of out[field.id] as unknown[]) {
      if (!isRow(row)) {
        rows.push(row);
        continue;
      }
      const cells: Values = { ...row };
      for (const link of pulling) {
        const id = singleId(link, cells[link.field.id]);
        const kept = storedRows.find(
          (stored) => id !== undefined && singleId(link, stored[link.field.id]) === id,
        );
        await pullInto(cells, link, kept);
      }
      rows.push(cells);
    }
    out[field.id] = rows;
  }
  return { linked: { values: out, pulled: targets }, issues: [] };
}

/** The linked records a write names, by id: those of this app the caller may read. */
async function readLinked(
  reader: LinkReader,
  appId: string,
  wanted: readonly { readonly id: string }[],
): Promise<Map<string, RecordDocument>> {
  const found = new Map<string, RecordDocument>();
  const ids = [...new Set(wanted.map((one) => one.id))];
  const docs = await Promise.all(
    ids.map((id) => readTyped<RecordFields>(reader.storage, id, RECORD_TYPE)),
  );
  for (const doc of docs) {
    if (!doc || doc.app !== appId) continue;
    const access = tableAccess(reader.caller, reader.mapping, doc.table);
    if (inScope(access, reader.caller, doc)) found.set(doc._id, doc);
  }
  return found;
}
