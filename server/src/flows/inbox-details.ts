import type { AppDefinition, LocalizedText, Platform } from '@tessera/core';
import type { StoragePort } from '@tessera/runtime';
import type { FlowInstance } from '@tessera/runtime/flow';
import { type InboxEntry, instanceDocId } from '@tessera/runtime/flow-store';
import type { PublishedApps } from '../records/published-apps.ts';

/** What a person needs to tell inbox entries apart: the item's title and where it stands. */
export interface InboxDetails {
  readonly title: string;
  readonly appLabel?: LocalizedText;
  readonly flowLabel?: LocalizedText;
  readonly nodeLabel?: LocalizedText;
  readonly initiatorName?: string;
}

type Entry = Omit<InboxEntry, 'type'>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/** Where the details are read: storage, published versions, and the types that name records. */
export interface DetailsContext {
  readonly storage: StoragePort;
  readonly published: PublishedApps;
  readonly platform: Platform;
}

/**
 * Joins inbox entries with their records' titles (the table's `titleField`, else its first
 * field of a type that names records), the app, flow and node labels of the version that made them, and the
 * initiator's display name: reads by id (users and versions come through the read cache).
 * An entry whose item its user may not open now — a withdrawn item is a draft again, its
 * drafter's alone (decision 0030) — keeps its labels but not its record's title, which the
 * drafter may have changed since: it is named by the record id's end, as a missing record is.
 */
export async function withInboxDetails(
  { storage, published, platform }: DetailsContext,
  entries: readonly Entry[],
): Promise<(Entry & InboxDetails)[]> {
  const ids = (pick: (entry: Entry) => string) => [...new Set(entries.map(pick))];
  const [records, users, instances] = await Promise.all([
    byId(
      storage,
      ids((entry) => entry.record),
    ),
    byId(
      storage,
      ids((entry) => entry.initiator),
    ),
    byId(
      storage,
      ids((entry) => instanceDocId(entry.instance)),
    ),
  ]);
  const opens = (entry: Entry) => {
    const instance = instances.get(instanceDocId(entry.instance)) as FlowInstance | undefined;
    return instance?.status !== 'draft' || instance.initiator === entry.user;
  };
  const apps = new Map<string, AppDefinition | undefined>();
  for (const entry of entries) {
    const key = `${entry.app}@${entry.version}`;
    if (apps.has(key)) continue;
    const doc = await published.version(entry.app, entry.version).catch(() => undefined);
    apps.set(key, doc?.definition);
  }
  return entries.map((entry) => {
    const app = apps.get(`${entry.app}@${entry.version}`);
    const flow = app?.flows?.find((one) => one.id === entry.flow);
    const table = app?.tables.find((one) => one.id === flow?.table);
    const node = flow?.nodes.find((one) => one.id === entry.node);
    const record = opens(entry) ? records.get(entry.record) : undefined;
    const values = (record?.values ?? {}) as Record<string, unknown>;
    const titleField = table && platform.titleField(table);
    const title = (titleField && text(values[titleField])) || entry.record.slice(-8);
    const initiatorName = text(users.get(entry.initiator)?.displayName);
    return {
      ...entry,
      title,
      ...(app ? { appLabel: app.label } : {}),
      ...(flow ? { flowLabel: flow.label } : {}),
      ...(node?.label ? { nodeLabel: node.label } : {}),
      ...(initiatorName ? { initiatorName } : {}),
    };
  });
}

async function byId(
  storage: StoragePort,
  ids: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  const docs = await Promise.all(ids.map((id) => storage.get<Record<string, unknown>>(id)));
  return new Map(docs.flatMap((doc) => (doc ? [[doc._id, doc] as const] : [])));
}

/** Whether an entry matches a search: its title, labels or initiator contain the text. */
export function matchesSearch(entry: InboxDetails, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  const labels = [entry.appLabel, entry.flowLabel, entry.nodeLabel].flatMap((label) =>
    label ? Object.values(label) : [],
  );
  return [entry.title, entry.initiatorName ?? '', ...labels].some((one) =>
    String(one).toLowerCase().includes(needle),
  );
}
