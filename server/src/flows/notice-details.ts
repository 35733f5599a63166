import type { AppDefinition, LocalizedText, Platform, TableDefinition } from '@tessera/core';
import type { FlowInstance } from '@tessera/runtime/flow';
import { instanceDocId } from '@tessera/runtime/flow-store';
import type { RecordFields } from '../records/record-document.ts';
import { type DetailsContext, withInboxDetails } from './inbox-details.ts';
import { isRecordNotice } from './notices.ts';

interface NoticeLike {
  readonly id: string;
  readonly reason: string;
  readonly app: string;
  readonly flow?: string;
  readonly instance?: string;
  readonly record?: string;
  readonly table?: string;
  readonly reminder?: string;
}

/** What a record reminder's notice shows besides its own fields. */
export interface RecordNoticeDetails {
  readonly title: string;
  readonly appLabel?: LocalizedText;
  readonly tableLabel?: LocalizedText;
  readonly reminderLabel?: LocalizedText;
  readonly message?: LocalizedText;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/** A record's name: its table's title field (`platform.titleField`), else its id's end. */
export function recordTitle(
  platform: Platform,
  table: TableDefinition | undefined,
  values: Readonly<Record<string, unknown>>,
  id: string,
): string {
  const field = table && platform.titleField(table);
  return (field && text(values[field])) || id.slice(-8);
}

/**
 * The notices of `user` with what tells them apart in a list. A flow's: the item's title, the
 * app and flow labels and the initiator's name, read through the same join as the inbox (one
 * instance read per item; no title of an item the user may not open now). A record
 * reminder's: the record's title, and the app, table and reminder labels of the app's latest
 * published version (one record read per record).
 */
export async function withNoticeDetails<T extends NoticeLike>(
  context: DetailsContext,
  notices: readonly T[],
  user: string,
) {
  const flowNotices = notices.filter((notice) => !isRecordNotice(notice));
  const [flowDetails, recordDetails] = await Promise.all([
    withFlowDetails(context, flowNotices, user),
    withRecordDetails<T>(
      context,
      notices.filter((notice) => isRecordNotice(notice)),
    ),
  ]);
  return notices.map((notice) => recordDetails.get(notice) ?? flowDetails.get(notice) ?? notice);
}

async function withRecordDetails<T extends NoticeLike>(
  { storage, published, platform }: DetailsContext,
  notices: readonly T[],
): Promise<Map<T, T & RecordNoticeDetails>> {
  const apps = new Map<string, Promise<AppDefinition | undefined>>();
  const appOf = (id: string) => {
    const known = apps.get(id);
    if (known) return known;
    const found = published.latest(id).then(
      (doc) => doc.definition,
      () => undefined,
    );
    apps.set(id, found);
    return found;
  };
  const ids = [...new Set(notices.map((notice) => notice.record ?? ''))];
  const docs = await Promise.all(ids.map((id) => storage.get<RecordFields>(id)));
  const records = new Map(ids.map((id, index) => [id, docs[index]]));
  const out = new Map<T, T & RecordNoticeDetails>();
  for (const notice of notices) {
    const app = await appOf(notice.app);
    const table = app?.tables.find((one) => one.id === notice.table);
    const reminder = app?.reminders?.find((one) => one.id === notice.reminder);
    const record = records.get(notice.record ?? '');
    const values = record?.type === 'record' ? record.values : {};
    out.set(notice, {
      ...notice,
      title: recordTitle(platform, table, values, notice.record ?? ''),
      ...(app ? { appLabel: app.label } : {}),
      ...(table ? { tableLabel: table.label } : {}),
      ...(reminder ? { reminderLabel: reminder.label } : {}),
      ...(reminder?.message ? { message: reminder.message } : {}),
    });
  }
  return out;
}

async function withFlowDetails<T extends NoticeLike>(
  context: DetailsContext,
  notices: readonly T[],
  user: string,
) {
  const { storage } = context;
  const instances = new Map<string, FlowInstance | undefined>();
  for (const notice of notices) {
    const id = notice.instance ?? '';
    if (!instances.has(id)) {
      instances.set(id, id ? await storage.get<FlowInstance>(instanceDocId(id)) : undefined);
    }
  }
  const known = notices.filter((notice) => instances.get(notice.instance ?? ''));
  const detailed = await withInboxDetails(
    context,
    known.map((notice) => {
      const instance = instances.get(notice.instance ?? '')!;
      return {
        user,
        box: 'cc' as const,
        app: notice.app,
        version: instance.version,
        flow: notice.flow ?? instance.flow,
        instance: notice.instance ?? instance.id,
        record: instance.record,
        initiator: instance.initiator,
        status: instance.status,
        createdAt: instance.createdAt,
      };
    }),
  );
  const byInstance = new Map(detailed.map((entry) => [entry.instance, entry]));
  const out = new Map<T, T & { title: string }>();
  for (const notice of notices) {
    const entry = byInstance.get(notice.instance ?? '');
    if (!entry) continue;
    const { title, appLabel, flowLabel, initiatorName } = entry;
    out.set(notice, {
      ...notice,
      title,
      ...(appLabel ? { appLabel } : {}),
      ...(flowLabel ? { flowLabel } : {}),
      ...(initiatorName ? { initiatorName } : {}),
    });
  }
  return out;
}
