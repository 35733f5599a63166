import type { Platform } from '@tessera/core';
import {
  ConflictError,
  type MutateOptions,
  NotFoundError,
  newId,
  type StoragePort,
} from '@tessera/runtime';
import { appendAudit, keyedAuditDocument } from '../audit/audit-entry.ts';
import { ApiError } from '../http/api-error.ts';
import { isoNow, type StoreContext } from '../storage/store-context.ts';
import type { EventPublisher } from '../webhooks/event-publisher.ts';
import { RECORD_EVENT_OF_ACTION } from '../webhooks/event-types.ts';
import { drawNumbers } from './draw-numbers.ts';
import type { InFlightWrites } from './in-flight-writes.ts';
import type { PreparedValues } from './prepared-values.ts';
import type { PublishedTable } from './published-apps.ts';
import {
  RECORD_TYPE,
  type RecordDocument,
  type RecordFields,
  type RecordView,
  recordView,
} from './record-document.ts';
import { recordConflict, recordNotFound } from './record-errors.ts';

/**
 * Keys are `<id>@<rev>` (a deletion adds `/delete`): the revision's generation orders one
 * record's entries, the deletion after the revision it removed.
 */
export const auditOrder = (key: string): number => {
  const generation = Number.parseInt(key.slice(key.lastIndexOf('@') + 1), 10);
  return (Number.isSafeInteger(generation) ? generation : 0) + (key.endsWith('/delete') ? 1 : 0);
};

/** The key of a record's creation: its first revision, whatever the revision's hash. */
export const createKeyOf = (id: string): string => `${id}@1`;

/**
 * Owes webhooks the event of a logged record change, under its audit entry's key (so a retry,
 * or the roll-forward after a crash, announces it once). Nothing when there are no webhooks.
 */
export async function announceRecordChange(
  events: EventPublisher | undefined,
  change: {
    readonly action: string;
    readonly doc: RecordDocument;
    readonly key: string;
    readonly at: string;
    readonly actor: string;
    readonly data: { readonly before?: RecordView; readonly after?: RecordView };
  },
): Promise<void> {
  const type = RECORD_EVENT_OF_ACTION[change.action];
  if (events === undefined || type === undefined) return;
  const { doc, key, at, actor, data } = change;
  await events.publish({
    type,
    app: doc.app,
    table: doc.table,
    subject: doc._id,
    key,
    at,
    actor,
    data,
  });
}

/** Who a write is logged as: a person (and their department, for row scopes), or `system`. */
export interface Writer {
  readonly id: string;
  readonly department?: string;
}

/** A flow or the platform writing, not a person. */
export const SYSTEM_WRITER: Writer = { id: 'system' };

/** What a record keeps beside its values: the flow that started it, write-back marks. */
export type RecordMarks = Readonly<Record<string, unknown>>;

export interface NewRecord {
  readonly target: PublishedTable;
  readonly values: PreparedValues;
  readonly by: Writer;
  /** A chosen id (a write-back's, a sub-flow's, a demo record's: a retry finds its record). */
  readonly id?: string;
  readonly marks?: RecordMarks;
}

/**
 * Work after the record is stored and before it is logged (marking its files). `undo` takes
 * the write back (absent when a replay wrote nothing); whoever calls it throws after.
 */
export type AfterWrite = (doc: RecordDocument, undo?: () => Promise<void>) => Promise<void>;

export interface Written {
  readonly doc: RecordDocument;
  /** An earlier call made it: with the same idempotency key, or the same chosen id. */
  readonly replayed: boolean;
}

/** A compare-and-swap's decision: new values (prepared), other fields, or nothing to write. */
export interface Change {
  readonly values?: PreparedValues;
  readonly marks?: RecordMarks;
}

export interface RecordWriter {
  /** Numbers its auto-number fields, stores it, and logs and announces it once. */
  create(record: NewRecord, options?: CreateOptions): Promise<Written>;
  /**
   * Stores records numbered already, in one round trip per call, each with its audit entry
   * (a pack's demo data: see ADR 0034); a record whose id exists fails the call. `announce:
   * false` leaves their events to `announceCreated`, once the records are there to stay.
   */
  createBatch(
    records: readonly (NewRecord & { readonly id: string })[],
    options?: { readonly announce?: boolean },
  ): Promise<void>;
  /** Owes webhooks the `record.created` event of each record stored (again: idempotent). */
  announceCreated(ids: readonly string[]): Promise<void>;
  /** Writes new values over the revision read (409 when it changed since), logs, announces. */
  update(
    current: RecordDocument,
    values: PreparedValues,
    by: Writer,
    options?: { readonly appVersion?: number; readonly after?: AfterWrite },
  ): Promise<RecordDocument>;
  /**
   * Compare-and-swap with async work in between: `decide` sees the stored record and answers
   * the change, or undefined to write nothing; after a conflict it runs again on the record as
   * it is then. Only a change of values is logged and announced (marks are bookkeeping).
   */
  change(
    id: string,
    decide: (doc: RecordDocument) => Promise<Change | undefined>,
    by: Writer,
    options?: MutateOptions,
  ): Promise<{ readonly before: RecordDocument; readonly after: RecordDocument } | undefined>;
  /** Deletes the revision read (409 when it changed since), logs, announces. */
  remove(current: RecordDocument, by: Writer): Promise<void>;
}

export interface CreateOptions {
  /** A key claimed with the record: a retry answers the first record (`replayed`). */
  readonly idempotencyKey?: string;
  readonly after?: AfterWrite;
}

export interface RecordWriterContext extends StoreContext {
  readonly platform: Platform;
  /** Owes webhooks an event for every logged change (`src/webhooks/`); none when absent. */
  readonly events?: EventPublisher;
  /** The IANA time zone of date parts in auto-numbers; the process's own by default. */
  readonly timeZone?: string;
  /** Writes under way, from their start to their audit entry (`main.ts`). */
  readonly inFlight?: InFlightWrites;
}

const DEFAULT_TIME_ZONE = new Intl.DateTimeFormat().resolvedOptions().timeZone;

type Logged = { readonly before?: RecordView; readonly after?: RecordView };

/**
 * The one place records are written (ADR 0034): every create, update and delete of every path
 * — the record API, imports, public forms, flow starts and edits, write-backs, sub-flows, pack
 * installs and upgrades — takes values prepared and checked (`PreparedValues`), draws
 * auto-numbers, stores with the revision read, appends the audit entry keyed by the revision
 * and owes webhooks the event under the same key, so a retry logs and announces once. A write
 * is in flight from its start to its audit entry (the heartbeat's `auditedThrough`).
 */
export function createRecordWriter(context: RecordWriterContext): RecordWriter {
  const { storage } = context;

  const entryOf = (action: string, by: Writer, doc: RecordDocument, key: string, data: Logged) => ({
    actor: by.id,
    action,
    subject: { id: doc._id, type: RECORD_TYPE },
    app: doc.app,
    table: doc.table,
    key,
    order: auditOrder(key),
    ...data,
  });

  const announce = (action: string, by: Writer, doc: RecordDocument, key: string, data: Logged) =>
    announceRecordChange(context.events, {
      action,
      doc,
      key,
      at: isoNow(context),
      actor: by.id,
      data,
    });

  const logged = async (...args: Parameters<typeof announce>) => {
    await appendAudit(storage, entryOf(...args), new Date(context.now()));
    await announce(...args);
  };

  const fieldsOf = (record: NewRecord, values: PreparedValues, now: string): RecordFields => ({
    ...record.marks,
    type: RECORD_TYPE,
    schemaVersion: 1,
    app: record.target.app.id,
    table: record.target.table.id,
    appVersion: record.target.version,
    values,
    createdAt: now,
    createdBy: record.by.id,
    ...(record.by.department === undefined ? {} : { createdByDepartment: record.by.department }),
    updatedAt: now,
    updatedBy: record.by.id,
  });

  /**
   * A new record and its creation entry in one write: one batch on embedded storage (both or
   * neither), one `_bulk_docs` round trip on CouchDB.
   */
  const createWithEntry = async (doc: RecordDocument, by: Writer): Promise<Written> => {
    const key = createKeyOf(doc._id);
    const entry = keyedAuditDocument(
      { ...entryOf('record.create', by, doc, key, { after: recordView(doc) }), key },
      new Date(context.now()),
    );
    const { _rev: _none, ...fresh } = doc;
    const [written] = await storage.createMany([fresh, entry]);
    if (!written || written instanceof ConflictError) throw recordConflict(doc._id);
    const stored = { ...doc, _rev: written.rev };
    await announce('record.create', by, stored, key, { after: recordView(stored) });
    return { doc: stored, replayed: false };
  };

  /** A record an earlier call made under the same id: logged and announced once more, idempotently. */
  const replay = async (id: string, by: Writer): Promise<Written> => {
    const doc = await storage.get<RecordFields>(id);
    if (doc?.type !== RECORD_TYPE) throw recordConflict(id); // made, then deleted: spent
    await logged('record.create', by, doc, createKeyOf(id), { after: recordView(doc) });
    return { doc, replayed: true };
  };

  const writer: RecordWriter = {
    async create(record, options = {}) {
      const now = isoNow(context);
      const values = (await drawNumbers(storage, context.platform, record.target, record.values, {
        now,
        timeZone: context.timeZone ?? DEFAULT_TIME_ZONE,
      })) as PreparedValues;
      const id = record.id ?? newId(RECORD_TYPE);
      const fields = fieldsOf(record, values, now);
      const key = options.idempotencyKey;
      if (key === undefined && options.after === undefined && record.id === undefined) {
        return createWithEntry({ _id: id, _rev: '', ...fields }, record.by);
      }
      let written: Awaited<ReturnType<StoragePort['create']>>;
      try {
        written = await storage.create<RecordFields>(
          { _id: id, ...fields },
          key === undefined ? {} : { idempotencyKey: key },
        );
      } catch (error) {
        if (error instanceof ConflictError && record.id !== undefined) return replay(id, record.by);
        throw error;
      }
      // a fresh write is what was sent; a replay answers with what the first request stored
      // (a key claimed by a try that died before writing its record is written now, fresh)
      const doc: RecordDocument | undefined =
        written.id === id
          ? { _id: id, _rev: written.rev, ...fields }
          : await storage.get<RecordFields>(written.id);
      if (!doc) throw recordConflict(written.id); // made with this key, then deleted: spent
      const replayed = written.replayed === true;
      await options.after?.(doc, replayed ? undefined : () => storage.remove(doc._id, doc._rev));
      // keyed by the first write: a retried create (after a crash too) logs it once
      await logged('record.create', record.by, doc, createKeyOf(doc._id), {
        after: recordView(doc),
      });
      return { doc, replayed };
    },

    async createBatch(records, options = {}) {
      const now = isoNow(context);
      const docs = records.map((record) => ({
        _id: record.id,
        _rev: '',
        ...fieldsOf(record, record.values, now),
      }));
      const at = new Date(context.now());
      const batch = docs.flatMap((doc, index) => {
        const key = createKeyOf(doc._id);
        const by = records[index]!.by;
        const { _rev: _none, ...fresh } = doc;
        const entry = {
          ...entryOf('record.create', by, doc, key, { after: recordView(doc) }),
          key,
        };
        return [fresh, keyedAuditDocument(entry, at)];
      });
      const results = await storage.createMany(batch);
      const taken = results.findIndex((one) => one instanceof ConflictError);
      if (taken >= 0) throw new Error(`document "${batch[taken]!._id}" exists already`);
      if (options.announce === false) return;
      for (const [index, doc] of docs.entries()) {
        const stored = { ...doc, _rev: (results[index * 2] as { rev: string }).rev };
        await announce('record.create', records[index]!.by, stored, createKeyOf(doc._id), {
          after: recordView(stored),
        });
      }
    },

    async announceCreated(ids) {
      for (const id of ids) {
        const doc = await storage.get<RecordFields>(id);
        if (doc?.type !== RECORD_TYPE) continue;
        await announce('record.create', { id: doc.createdBy }, doc, createKeyOf(id), {
          after: recordView(doc),
        });
      }
    },

    async update(current, values, by, options = {}) {
      const now = isoNow(context);
      const next: RecordDocument = {
        ...current,
        values,
        ...(options.appVersion === undefined ? {} : { appVersion: options.appVersion }),
        updatedAt: now,
        updatedBy: by.id,
      };
      let rev: string;
      try {
        rev = (await storage.update<RecordFields>(next)).rev;
      } catch (error) {
        if (error instanceof ConflictError || error instanceof NotFoundError) {
          throw recordConflict(current._id);
        }
        throw error;
      }
      const stored: RecordDocument = { ...next, _rev: rev };
      await options.after?.(stored, async () => {
        await storage.update<RecordFields>({ ...current, _rev: rev });
      });
      await logged('record.update', by, stored, `${current._id}@${rev}`, {
        before: recordView(current),
        after: recordView(stored),
      });
      return stored;
    },

    async change(id, decide, by, options) {
      let last: { before: RecordDocument; after: RecordDocument } | undefined;
      const written = await storage.mutate<RecordFields>(
        id,
        async (doc) => {
          const change = await decide(doc);
          if (change === undefined) {
            last = undefined;
            return undefined;
          }
          const after: RecordDocument = {
            ...doc,
            ...change.marks,
            ...(change.values === undefined
              ? {}
              : { values: change.values, updatedAt: isoNow(context), updatedBy: by.id }),
          };
          last = { before: doc, after };
          return after;
        },
        options,
      );
      if (written === undefined || last === undefined) return undefined;
      const { before } = last;
      const after = { ...last.after, _rev: written.rev };
      if (before.values !== after.values) {
        await logged('record.update', by, after, `${id}@${written.rev}`, {
          before: recordView(before),
          after: recordView(after),
        });
      }
      return { before, after };
    },

    async remove(current, by) {
      try {
        await storage.remove(current._id, current._rev);
      } catch (error) {
        if (error instanceof ConflictError) throw recordConflict(current._id);
        if (error instanceof NotFoundError) throw recordNotFound(current._id);
        throw error;
      }
      await logged('record.delete', by, current, `${current._id}@${current._rev}/delete`, {
        before: recordView(current),
      });
    },
  };

  // a write is in flight until audited: how far back this node logged every change
  const { inFlight } = context;
  if (inFlight === undefined) return writer;
  const track = async <T>(write: () => Promise<T>): Promise<T> => {
    const open = inFlight.begin();
    try {
      const result = await write();
      open.end();
      return result;
    } catch (error) {
      // a refusal stored nothing; any other failure may have stored a change left unlogged
      if (error instanceof ConflictError || (error instanceof ApiError && error.status < 500)) {
        open.end();
      }
      throw error;
    }
  };
  return {
    create: (...args) => track(() => writer.create(...args)),
    createBatch: (...args) => track(() => writer.createBatch(...args)),
    announceCreated: writer.announceCreated,
    update: (...args) => track(() => writer.update(...args)),
    change: (...args) => track(() => writer.change(...args)),
    remove: (...args) => track(() => writer.remove(...args)),
  };
}
