import { isDeepStrictEqual } from 'node:util';
import type { StoragePort, Stored } from '@tessera/runtime';
import { type AuditEntry, appendAudit, auditIdOf } from '../audit/audit-entry.ts';
import { INDEX } from '../storage/storage-indexes.ts';
import type { StoreContext } from '../storage/store-context.ts';
import type { EventPublisher } from '../webhooks/event-publisher.ts';
import { RECORD_TYPE, type RecordFields, recordView } from './record-document.ts';
import { announceRecordChange, auditOrder, createKeyOf } from './record-writer.ts';

export interface RecoveryContext extends StoreContext {
  /** Owed the webhook event of every entry recovered; none published when absent. */
  readonly events?: EventPublisher;
}

export interface Recovery {
  /** Records changed since `since`, whose current revision was looked up in the log. */
  readonly checked: number;
  /** Of those, the ones whose entry was missing and is now written. */
  readonly recovered: number;
}

const PAGE_SIZE = 200;

/**
 * Rolls forward the audit entries (and webhook events) of record writes whose process died
 * between storing the record and logging it (ADR 0018). Every record changed at or after
 * `since` (ISO) has its current revision's entry looked up by its deterministic id; a missing
 * one is written as the change would have been — `record.create` for a first revision, else
 * `record.update` — with the record's own `updatedAt` and `updatedBy`, the stored record as
 * `after`, no `before` (it is gone) and `recovered: true`. A revision holding the values of the
 * record's newest entry (a flow's reservation held or released) changed nothing and is not
 * logged. Idempotent: a second run, or a
 * racing write logging the same revision, adds nothing (the entry's and the delivery's ids
 * come from the revision). Only the newest revision of each record can be recovered, and
 * deletions not at all.
 */
export async function recoverRecordAudits(
  context: RecoveryContext,
  since: string,
  until?: string,
): Promise<Recovery> {
  const { storage } = context;
  let checked = 0;
  let recovered = 0;
  let cursor: string | undefined;
  do {
    const page = await storage.find<RecordFields>({
      index: INDEX.recordsByUpdated,
      selector: {
        type: RECORD_TYPE,
        updatedAt: until === undefined ? { $gte: since } : { $gte: since, $lt: until },
      },
      sort: [{ type: 'asc' }, { updatedAt: 'asc' }],
      limit: PAGE_SIZE,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const doc of page.docs) {
      checked++;
      const key = doc._rev.startsWith('1-') ? createKeyOf(doc._id) : `${doc._id}@${doc._rev}`;
      const order = auditOrder(key);
      if ((await storage.get(auditIdOf(key, order))) !== undefined) continue;
      const action = order === 1 ? 'record.create' : 'record.update';
      // a revision that changed no value (a flow's reservation held or released) is no change
      if (action === 'record.update' && (await lastLoggedValuesAre(storage, doc))) continue;
      const after = recordView(doc);
      await appendAudit(
        storage,
        {
          actor: doc.updatedBy,
          action,
          subject: { id: doc._id, type: RECORD_TYPE },
          app: doc.app,
          table: doc.table,
          after,
          key,
          order,
          recovered: true,
        },
        new Date(doc.updatedAt),
      );
      recovered++;
      await announceRecordChange(context.events, {
        action,
        doc,
        key,
        at: doc.updatedAt,
        actor: doc.updatedBy,
        data: { after },
      });
    }
    cursor = page.next;
  } while (cursor !== undefined);
  return { checked, recovered };
}

/** Whether the record's newest audit entry already shows the values it holds now. */
async function lastLoggedValuesAre(storage: StoragePort, doc: Stored<RecordFields>) {
  const newest = await storage.find<AuditEntry>({
    index: 'audit-by-subject',
    selector: { type: 'audit', subject: doc._id },
    sort: [{ type: 'desc' }, { subject: 'desc' }, { at: 'desc' }],
    limit: 1,
  });
  const after = newest.docs[0]?.after as { values?: unknown } | undefined;
  return after?.values !== undefined && isDeepStrictEqual(after.values, doc.values);
}
