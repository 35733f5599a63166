import type { Stored } from '@tessera/runtime';

export const RECORD_TYPE = 'record';

/** Field values of a record, by field id; kept apart from the system keys. */
export type RecordValues = Readonly<Record<string, unknown>>;

/**
 * A stored record (`record:<ulid>`) of one table of a published app. `values` holds only field
 * values; who made it (and in which department) drives the row scopes of its readers.
 */
export interface RecordFields {
  readonly type: typeof RECORD_TYPE;
  readonly schemaVersion: 1;
  readonly app: string;
  readonly table: string;
  /** The published version the record was made with (and is validated against). */
  readonly appVersion: number;
  readonly values: RecordValues;
  readonly createdAt: string;
  readonly createdBy: string;
  /** The creator's department when it was made; absent when the creator had none. */
  readonly createdByDepartment?: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
  /**
   * The flow whose start made it (its item has the record's id): a start cut off between the
   * record and its instance is finished from this (server/src/flows/unfinished-starts.ts).
   */
  readonly startedFlow?: string;
}

export type RecordDocument = Stored<RecordFields>;

/** What the API shows of a record: `id` and `_rev` (send it back to change or delete it). */
export interface RecordView {
  readonly id: string;
  readonly _rev: string;
  readonly app: string;
  readonly table: string;
  readonly appVersion: number;
  readonly values: RecordValues;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly createdByDepartment?: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export function recordView(doc: RecordDocument): RecordView {
  return {
    id: doc._id,
    _rev: doc._rev,
    app: doc.app,
    table: doc.table,
    appVersion: doc.appVersion,
    values: doc.values,
    createdAt: doc.createdAt,
    createdBy: doc.createdBy,
    ...(doc.createdByDepartment === undefined
      ? {}
      : { createdByDepartment: doc.createdByDepartment }),
    updatedAt: doc.updatedAt,
    updatedBy: doc.updatedBy,
  };
}
