import type { AppDefinition, Platform, TableDefinition } from '@tessera/core';
import type { AppDocument, AppVersionDocument } from '../apps/app-documents.ts';
import { appDocId, versionDocId } from '../apps/app-documents.ts';
import { readAppRoles } from '../records/app-roles.ts';
import { RECORD_TYPE, type RecordFields } from '../records/record-document.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import { readJournal } from './journal.ts';
import type { PackContext } from './pack-context.ts';
import { demoRecordId } from './pack-documents.ts';
import { PackRefusal } from './pack-errors.ts';

export type ExportData = 'none' | 'demo' | 'all';

/** The most records an export carries per table; a pack file is not a backup. */
export const EXPORT_LIMIT = 5000;

/**
 * An installed app as a pack manifest another instance can install: its latest published
 * definition, the plugins its types come from (`^` their installed versions), and, when asked,
 * the records of its master tables as demo data — links between exported records kept as
 * `$demo:` references, links to records left out dropped. Flow tables' records are never
 * exported: they belong to items, which do not travel.
 */
export async function exportPack(
  context: PackContext,
  appId: string,
  data: ExportData,
): Promise<Record<string, unknown>> {
  const appDoc = await context.storage.get<AppDocument>(appDocId(appId));
  if (appDoc?.type !== 'app' || !(appDoc.latestVersion > 0)) {
    throw new PackRefusal(404, 'app_not_found', {
      en: `there is no published app "${appId}" to export`,
      'zh-CN': `没有可导出的已发布应用“${appId}”`,
    });
  }
  const version = await context.storage.get<AppVersionDocument>(
    versionDocId(appId, appDoc.latestVersion),
  );
  const definition = version!.definition;
  const journal = await readJournal(context, appId);
  const { id: _id, schemaVersion: _version, ...parts } = definition;
  const manifest: Record<string, unknown> = {
    schemaVersion: 1,
    name: journal?.pack ?? appId.replace(/_/g, '-').toLowerCase(),
    version: journal?.version ?? `1.0.${appDoc.latestVersion}`,
    ...parts,
    requires: requiredPlugins(context.platform, definition),
  };
  const mapping = await readAppRoles(context.storage, appId);
  if (mapping && Object.keys(mapping.rows).length > 0) manifest.rows = mapping.rows;
  if (data !== 'none') manifest.demo = await exportRecords(context, definition, data);
  return manifest;
}

function requiredPlugins(platform: Platform, app: AppDefinition): Record<string, string> {
  const versions = new Map(platform.plugins.map((plugin) => [plugin.name, plugin.version]));
  const names = new Set<string>();
  const add = (name: string | undefined) => name && names.add(name);
  for (const table of app.tables) {
    for (const field of table.fields) add(platform.fieldTypes.pluginOf(field.type));
  }
  for (const flow of app.flows ?? []) {
    for (const node of flow.nodes) add(platform.nodeTypes.pluginOf(node.type));
  }
  for (const view of app.views ?? []) add(platform.viewTypes.pluginOf(view.type));
  const out: Record<string, string> = {};
  for (const name of [...names].sort()) out[name] = `^${versions.get(name) ?? '0.0.0'}`;
  return out;
}

async function exportRecords(
  context: PackContext,
  app: AppDefinition,
  data: 'demo' | 'all',
): Promise<Record<string, Record<string, unknown>[]>> {
  const masters = app.tables.filter((table) => table.kind !== 'flow');
  const byTable = new Map<string, { id: string; values: Record<string, unknown> }[]>();
  for (const table of masters) {
    const docs: { id: string; values: Record<string, unknown> }[] = [];
    let cursor: string | undefined;
    do {
      const page = await context.storage.find<RecordFields>({
        index: INDEX.recordsByTable,
        selector: { type: RECORD_TYPE, app: app.id, table: table.id },
        sort: [{ type: 'asc' }, { app: 'asc' }, { table: 'asc' }, { createdAt: 'asc' }],
        limit: 500,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const doc of page.docs) {
        const demoPrefix = demoRecordId(app.id, table.id, '');
        if (data === 'demo' && !doc._id.startsWith(demoPrefix)) continue;
        if (docs.length < EXPORT_LIMIT) docs.push({ id: doc._id, values: { ...doc.values } });
      }
      cursor = page.next;
    } while (cursor && docs.length < EXPORT_LIMIT);
    byTable.set(table.id, docs);
  }
  // each exported record gets a key: its demo key, else its position
  const keyOf = new Map<string, { table: string; key: string }>();
  for (const [table, docs] of byTable) {
    const prefix = demoRecordId(app.id, table, '');
    docs.forEach((doc, i) => {
      const demoKey = doc.id.startsWith(prefix) ? doc.id.slice(prefix.length) : '';
      const key = /^[A-Za-z0-9_-]{1,40}$/.test(demoKey) ? demoKey : `r${i + 1}`;
      keyOf.set(doc.id, { table, key });
    });
  }
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const table of masters) {
    const docs = byTable.get(table.id) ?? [];
    if (docs.length === 0) continue;
    out[table.id] = docs.map((doc) => ({
      $id: keyOf.get(doc.id)!.key,
      ...exportedValues(context.platform, table, doc.values, keyOf),
    }));
  }
  return out;
}

/**
 * Values as a pack carries them: no values the platform computes (numbers drawn from a counter
 * are kept), links to exported records as references.
 */
function exportedValues(
  platform: Platform,
  table: TableDefinition,
  values: Record<string, unknown>,
  keyOf: ReadonlyMap<string, { table: string; key: string }>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of table.fields) {
    const value = values[field.id];
    const type = platform.fieldTypes.get(field.type);
    if (value === undefined || (type?.derived && !type.sequence)) continue;
    if (!type?.links) {
      out[field.id] = value;
      continue;
    }
    const ref = (id: unknown) => {
      const found = typeof id === 'string' ? keyOf.get(id) : undefined;
      return found ? `$demo:${found.table}/${found.key}` : undefined;
    };
    if (Array.isArray(value)) {
      const refs = value.map(ref).filter((one) => one !== undefined);
      if (refs.length > 0) out[field.id] = refs;
    } else {
      const one = ref(value);
      if (one !== undefined) out[field.id] = one;
    }
  }
  return out;
}
