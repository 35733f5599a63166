import type { Locale, Platform } from '@tessera/core';
import {
  ConflictError,
  type NewDocument,
  NotFoundError,
  newId,
  type Stored,
} from '@tessera/runtime';
import { appendAudit, keyedAuditDocument } from '../audit/audit-entry.ts';
import { recordFiles } from '../files/record-files.ts';
import { ApiError } from '../http/api-error.ts';
import { readPage } from '../storage/read-page.ts';
import { isoNow, type StoreContext } from '../storage/store-context.ts';
import { readTyped } from '../storage/typed-document.ts';
import type { EventPublisher } from '../webhooks/event-publisher.ts';
import { RECORD_EVENT_OF_ACTION } from '../webhooks/event-types.ts';
import { type AppRolesFields, readAppRoles } from './app-roles.ts';
import type { RecordCaller } from './caller.ts';
import type { ExpressionUser } from './computed-values.ts';
import { drawNumbers } from './draw-numbers.ts';
import type { InFlightWrites } from './in-flight-writes.ts';
import { type PublishedApps, publishedApps } from './published-apps.ts';
import {
  RECORD_TYPE,
  type RecordDocument,
  type RecordFields,
  type RecordValues,
  type RecordView,
  recordView,
} from './record-document.ts';
import { noAppRole, recordConflict, recordNotFound } from './record-errors.ts';
import { checkRecordScope } from './record-scope.ts';
import { type FormUse, prepareValues } from './record-values.ts';
import { heldRoles, scopedQuery, tableAccess } from './row-scope.ts';

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

export interface RecordsContext extends StoreContext {
  readonly platform: Platform;
  /** Owes webhooks an event for every audited change (`src/webhooks/`); none when absent. */
  readonly events?: EventPublisher;
  /** The IANA time zone of date parts in auto-numbers; the process's own by default. */
  readonly timeZone?: string;
  /** Creates and updates under way, from their start to their audit entry (`main.ts`). */
  readonly inFlight?: InFlightWrites;
}

const DEFAULT_TIME_ZONE = new Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A created record, and whether an earlier request with the same key made it. */
export interface Created {
  readonly record: RecordView;
  readonly replayed: boolean;
}

export interface RecordPage {
  readonly items: RecordView[];
  readonly next?: string;
}

export interface RecordService {
  create(
    appId: string,
    tableId: string,
    values: RecordValues,
    caller: RecordCaller,
    options: {
      readonly idempotencyKey?: string;
      readonly locale: Locale;
      /**
       * The server made the caller and vouches for them (a public form's submitter, who holds
       * no app role): the app-role check is skipped; validation, numbers and audit are not.
       */
      readonly trusted?: boolean;
      /** The form it is made through (a flow's, a public form's); the table's default else. */
      readonly form?: FormUse;
      /** The flow being started with it (kept on the record: see RecordFields). */
      readonly startedFlow?: string;
    },
  ): Promise<Created>;
  /**
   * The values a create would store — validated, linked records checked and pulled from, the
   * form's rules and computed values applied — without storing anything (a flow's dry run).
   */
  prepare(
    appId: string,
    tableId: string,
    values: RecordValues,
    caller: RecordCaller,
    options: { readonly locale: Locale; readonly form?: FormUse },
  ): Promise<RecordValues>;
  get(appId: string, tableId: string, id: string, caller: RecordCaller): Promise<RecordView>;
  update(
    appId: string,
    tableId: string,
    id: string,
    patch: { readonly rev: string; readonly values: RecordValues },
    caller: RecordCaller,
    locale: Locale,
    /**
     * `trusted`: the flow engine authorised the caller (an approver editing at their node);
     * `form`: the flow's form and the node's rights (the table's default form else).
     */
    options?: { readonly trusted?: boolean; readonly form?: FormUse },
  ): Promise<RecordView>;
  remove(
    appId: string,
    tableId: string,
    id: string,
    rev: string,
    caller: RecordCaller,
  ): Promise<void>;
  list(
    appId: string,
    tableId: string,
    caller: RecordCaller,
    page: { readonly cursor?: string; readonly limit?: number },
  ): Promise<RecordPage>;
}

/**
 * Records of published apps: validated by the platform (the browser's rules), computed fields
 * recomputed here, written once per idempotency key, changed only with the revision the client
 * read, every change audited, and every read limited to the caller's row scope.
 */
export function createRecordService(context: RecordsContext): RecordService {
  const { storage, platform } = context;
  const published: PublishedApps = publishedApps(storage);
  const files = recordFiles(storage, platform);

  const expressionUser = (
    caller: RecordCaller,
    mapping: AppRolesFields | undefined,
  ): ExpressionUser => ({
    id: caller.userId,
    name: caller.name,
    department: caller.department ?? '',
    roles: heldRoles(caller, mapping),
  });

  /** The record at this address inside the caller's scope, else 404. */
  const readScoped = async (
    appId: string,
    tableId: string,
    id: string,
    caller: RecordCaller,
    trusted = false,
  ): Promise<{ doc: RecordDocument; mapping: AppRolesFields | undefined }> => {
    const doc = await readTyped<RecordFields>(storage, id, RECORD_TYPE);
    if (!doc || doc.app !== appId || doc.table !== tableId) throw recordNotFound(id);
    if (trusted) return { doc, mapping: await readAppRoles(storage, appId) };
    const { mapping } = await checkRecordScope(storage, caller, id, doc);
    return { doc, mapping };
  };

  type Change = { before?: RecordView; after?: RecordView };

  const auditInput = (
    action: string,
    caller: RecordCaller,
    doc: RecordDocument,
    key: string,
    change: Change,
  ) => ({
    actor: caller.userId,
    action,
    subject: { id: doc._id, type: RECORD_TYPE },
    app: doc.app,
    table: doc.table,
    key,
    order: auditOrder(key),
    ...change,
  });

  /** Publishes a change's webhook event under its audit entry's key. */
  const publish = async (
    action: string,
    caller: RecordCaller,
    doc: RecordDocument,
    key: string,
    data: Change,
  ) => {
    const type = RECORD_EVENT_OF_ACTION[action];
    if (context.events === undefined || type === undefined) return;
    const { app, table, _id: subject } = doc;
    await context.events.publish({
      type,
      app,
      table,
      subject,
      key,
      at: isoNow(context),
      actor: caller.userId,
      data,
    });
  };

  /** Audits a change, then publishes its webhook event under the audit entry's key. */
  const recorded = async (...args: Parameters<typeof publish>) => {
    await appendAudit(storage, auditInput(...args), new Date(context.now()));
    await publish(...args);
  };

  /**
   * A new record and its `record.create` entry in one write: one batch on embedded storage
   * (both or neither), one `_bulk_docs` round trip on CouchDB.
   */
  const createLogged = async (
    doc: NewDocument<RecordFields> & { _id: string },
    caller: RecordCaller,
  ): Promise<Stored<RecordFields>> => {
    const key = createKeyOf(doc._id);
    const draft = { ...doc, _rev: '' } as Stored<RecordFields>;
    const entry = keyedAuditDocument(
      { ...auditInput('record.create', caller, draft, key, { after: recordView(draft) }), key },
      new Date(context.now()),
    );
    const [written] = await storage.createMany([doc, entry]);
    if (!written || written instanceof ConflictError) throw recordConflict(doc._id);
    const stored = { ...doc, _rev: written.rev } as Stored<RecordFields>;
    await publish('record.create', caller, stored, key, { after: recordView(stored) });
    return stored;
  };

  /** What a write of `caller` is worked out with (see `prepareValues`). */
  const writeContext = (
    caller: RecordCaller,
    mapping: AppRolesFields | undefined,
    options: { readonly locale: Locale; readonly form?: FormUse | undefined },
    now: string,
  ) => ({
    locale: options.locale,
    now,
    user: expressionUser(caller, mapping),
    links: { storage, caller, mapping },
    ...(options.form === undefined ? {} : { form: options.form }),
  });

  const service: RecordService = {
    async prepare(appId, tableId, input, caller, options) {
      const target = published.table(await published.latest(appId), tableId);
      const mapping = await readAppRoles(storage, appId);
      return prepareValues(
        platform,
        target,
        input,
        writeContext(caller, mapping, options, isoNow(context)),
      );
    },

    async create(appId, tableId, input, caller, options) {
      const version = await published.latest(appId);
      const target = published.table(version, tableId);
      const mapping = await readAppRoles(storage, appId);
      if (!options.trusted && !tableAccess(caller, mapping, tableId).member) {
        throw noAppRole(appId);
      }
      const now = isoNow(context);
      const key = options.idempotencyKey;
      // a key is the caller's own, for one table: another user's key never answers for them
      const claimKey =
        key === undefined ? undefined : `record:${caller.userId}:${appId}:${tableId}:${key}`;
      const resolved = await files.resolve({ ...target, appId }, input, caller, {
        ...(claimKey === undefined ? {} : { claimKey }),
      });
      const values = await drawNumbers(
        storage,
        platform,
        target,
        await prepareValues(
          platform,
          target,
          resolved.values,
          writeContext(caller, mapping, options, now),
        ),
        { now, timeZone: context.timeZone ?? DEFAULT_TIME_ZONE },
      );
      const id = newId(RECORD_TYPE);
      const fields: RecordFields = {
        type: RECORD_TYPE,
        schemaVersion: 1,
        app: appId,
        table: tableId,
        appVersion: target.version,
        values,
        createdAt: now,
        createdBy: caller.userId,
        ...(caller.department === undefined ? {} : { createdByDepartment: caller.department }),
        updatedAt: now,
        updatedBy: caller.userId,
        ...(options.startedFlow === undefined ? {} : { startedFlow: options.startedFlow }),
      };
      if (claimKey === undefined && resolved.files.length === 0) {
        return {
          record: recordView(await createLogged({ _id: id, ...fields }, caller)),
          replayed: false,
        };
      }
      const written = await storage.create<RecordFields>(
        { _id: id, ...fields },
        claimKey === undefined ? {} : { idempotencyKey: claimKey },
      );
      // a fresh write is what was sent; a replay answers with what the first request stored
      // (a key claimed by a try that died before writing its record is written now, fresh)
      const doc: Stored<RecordFields> | undefined =
        written.id === id
          ? { _id: id, _rev: written.rev, ...fields }
          : await storage.get<RecordFields>(written.id);
      if (!doc) {
        throw recordConflict(written.id); // made with this key, then deleted: the key is spent
      }
      const replayed = written.replayed === true;
      // a record that lost a file to a racing write is taken back (a replay made none)
      const undoCreate = () => storage.remove(doc._id, doc._rev);
      await files.attach(resolved.files, doc._id, replayed ? undefined : undoCreate);
      // keyed by the first write: a retried create (after a crash too) logs it once
      await recorded('record.create', caller, doc, createKeyOf(doc._id), {
        after: recordView(doc),
      });
      return { record: recordView(doc), replayed };
    },

    async get(appId, tableId, id, caller) {
      return recordView((await readScoped(appId, tableId, id, caller)).doc);
    },

    async update(appId, tableId, id, patch, caller, locale, options) {
      const { doc, mapping } = await readScoped(appId, tableId, id, caller, options?.trusted);
      if (doc._rev !== patch.rev) throw recordConflict(id);
      const version = await published.version(appId, doc.appVersion);
      const target = published.table(version, tableId);
      const now = isoNow(context);
      const resolved = await files.resolve({ ...target, appId }, patch.values, caller, {
        record: id,
        previous: doc.values,
      });
      const values = await prepareValues(
        platform,
        target,
        resolved.values,
        writeContext(caller, mapping, { locale, form: options?.form }, now),
        doc.values,
      );
      const next: RecordDocument = { ...doc, values, updatedAt: now, updatedBy: caller.userId };
      let rev: string;
      try {
        rev = (await storage.update<RecordFields>(next)).rev;
      } catch (error) {
        if (error instanceof ConflictError || error instanceof NotFoundError) {
          throw recordConflict(id);
        }
        throw error;
      }
      const stored: Stored<RecordFields> = { ...next, _rev: rev };
      await files.attach(resolved.files, id, async () => {
        await storage.update<RecordFields>({ ...doc, _rev: rev });
      });
      await recorded('record.update', caller, stored, `${id}@${rev}`, {
        before: recordView(doc),
        after: recordView(stored),
      });
      return recordView(stored);
    },

    async remove(appId, tableId, id, rev, caller) {
      const { doc } = await readScoped(appId, tableId, id, caller);
      if (doc._rev !== rev) throw recordConflict(id);
      try {
        await storage.remove(id, rev);
      } catch (error) {
        if (error instanceof ConflictError) throw recordConflict(id);
        if (error instanceof NotFoundError) throw recordNotFound(id);
        throw error;
      }
      await recorded('record.delete', caller, doc, `${id}@${rev}/delete`, {
        before: recordView(doc),
      });
    },

    async list(appId, tableId, caller, page) {
      published.table(await published.latest(appId), tableId);
      const access = tableAccess(caller, await readAppRoles(storage, appId), tableId);
      const found = await readPage<RecordFields>(storage, {
        ...scopedQuery(access, caller, appId, tableId),
        ...(page.limit === undefined ? {} : { limit: page.limit }),
        ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
      });
      return {
        items: found.docs.map(recordView),
        ...(found.next === undefined ? {} : { next: found.next }),
      };
    },
  };

  // a create or update is in flight until audited: how far back this node logged every change
  const { inFlight } = context;
  if (inFlight === undefined) return service;
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
    ...service,
    create: (...args) => track(() => service.create(...args)),
    update: (...args) => track(() => service.update(...args)),
  };
}
