import type { Locale } from '@tessera/core';
import { recordFiles } from '../files/record-files.ts';
import { readPage } from '../storage/read-page.ts';
import { isoNow } from '../storage/store-context.ts';
import { readTyped } from '../storage/typed-document.ts';
import { type AppRolesFields, readAppRoles } from './app-roles.ts';
import type { RecordCaller } from './caller.ts';
import type { ExpressionUser } from './computed-values.ts';
import { asPrepared, type PreparedValues } from './prepared-values.ts';
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
import type { RecordWriter, RecordWriterContext, Writer } from './record-writer.ts';
import { heldRoles, scopedQuery, tableAccess } from './row-scope.ts';

export interface RecordsContext extends RecordWriterContext {
  /** Where every record write goes (ADR 0034). */
  readonly writer: RecordWriter;
}

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
      /**
       * What `prepare` worked out from these same values, caller and form (a flow's dry run
       * decided on them): stored as they are, once their files are resolved, not worked out
       * again.
       */
      readonly prepared?: PreparedValues;
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
    options: {
      readonly locale: Locale;
      readonly form?: FormUse;
      /** The key the create will be sent with: files its first try attached are its own. */
      readonly idempotencyKey?: string;
    },
  ): Promise<PreparedValues>;
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
  const { storage, platform, writer } = context;
  const published: PublishedApps = publishedApps(storage);
  const files = recordFiles(storage, platform);

  /** A key is the caller's own, for one table: another user's key never answers for them. */
  const claimKeyOf = (caller: RecordCaller, appId: string, tableId: string, key?: string) =>
    key === undefined ? undefined : `record:${caller.userId}:${appId}:${tableId}:${key}`;

  const writerOf = (caller: RecordCaller): Writer => ({
    id: caller.userId,
    ...(caller.department === undefined ? {} : { department: caller.department }),
  });

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
      // files resolved as the create resolves them: what is checked is what will be stored
      const claimKey = claimKeyOf(caller, appId, tableId, options.idempotencyKey);
      const resolved = await files.resolve({ ...target, appId }, input, caller, {
        ...(claimKey === undefined ? {} : { claimKey }),
      });
      return prepareValues(
        platform,
        target,
        resolved.values,
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
      const claimKey = claimKeyOf(caller, appId, tableId, options.idempotencyKey);
      const resolved = await files.resolve(
        { ...target, appId },
        options.prepared ?? input,
        caller,
        {
          ...(claimKey === undefined ? {} : { claimKey }),
        },
      );
      // resolving puts the stored file entries in place of the ones sent; nothing else changes
      const values = options.prepared
        ? asPrepared(resolved.values)
        : await prepareValues(
            platform,
            target,
            resolved.values,
            writeContext(caller, mapping, options, isoNow(context)),
          );
      const { doc, replayed } = await writer.create(
        {
          target,
          values,
          by: writerOf(caller),
          ...(options.startedFlow === undefined
            ? {}
            : { marks: { startedFlow: options.startedFlow } }),
        },
        {
          ...(claimKey === undefined ? {} : { idempotencyKey: claimKey }),
          // a record that lost a file to a racing write is taken back (a replay made none)
          ...(resolved.files.length === 0
            ? {}
            : { after: (made, undo) => files.attach(resolved.files, made._id, undo) }),
        },
      );
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
      const resolved = await files.resolve({ ...target, appId }, patch.values, caller, {
        record: id,
        previous: doc.values,
      });
      const values = await prepareValues(
        platform,
        target,
        resolved.values,
        writeContext(caller, mapping, { locale, form: options?.form }, isoNow(context)),
        doc.values,
      );
      const stored = await writer.update(doc, values, writerOf(caller), {
        after: (made, undo) => files.attach(resolved.files, made._id, undo),
      });
      return recordView(stored);
    },

    async remove(appId, tableId, id, rev, caller) {
      const { doc } = await readScoped(appId, tableId, id, caller);
      if (doc._rev !== rev) throw recordConflict(id);
      await writer.remove(doc, writerOf(caller));
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

  return service;
}
