import { Type } from '@tessera/core';
import type { StoragePort, Stored } from '@tessera/runtime';
import { readTyped } from '../storage/typed-document.ts';

export const FILE_TYPE = 'file';

/** The name of the attachment on a file document that holds its bytes. */
export const CONTENT = 'content';

/**
 * An uploaded file (`file:<ulid>`): what it was uploaded for, who uploaded it, and — once a
 * record refers to it — that record. The bytes are the document's `content` attachment, in the
 * shared storage. `size` and `sha256` are measured from the bytes; `contentType` is the MIME
 * type (the document's own `type` is `file`).
 */
export interface FileFields {
  readonly type: typeof FILE_TYPE;
  readonly schemaVersion: 1;
  readonly app: string;
  readonly table: string;
  /** The field id, or `<sub-table>.<column>` for a column of sub-table rows. */
  readonly field: string;
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
  readonly sha256: string;
  readonly uploadedBy: string;
  readonly uploadedAt: string;
  /** The record that refers to it; set once, after that record was written. */
  readonly record?: string;
}

export type FileDocument = Stored<FileFields>;

/** What a record's attachment value holds for one file. */
export interface FileEntry {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly type: string;
}

export const fileEntry = (doc: FileDocument): FileEntry => ({
  id: doc._id,
  name: doc.name,
  size: doc.size,
  type: doc.contentType,
});

export const readFile = (storage: StoragePort, id: string) =>
  readTyped<FileFields>(storage, id, FILE_TYPE);

export const FileEntrySchema = Type.Object(
  {
    id: Type.String({ description: 'file:<ulid>' }),
    name: Type.String({ description: 'the file name as uploaded' }),
    size: Type.Integer({ description: 'bytes, as measured by the server' }),
    type: Type.String({ description: 'MIME type' }),
  },
  { title: 'FileEntry', description: 'put this entry into the attachment field of a record' },
);

export const FileMetaSchema = Type.Object(
  {
    ...FileEntrySchema.properties,
    app: Type.String(),
    table: Type.String(),
    field: Type.String(),
    sha256: Type.String({ description: 'hex SHA-256 of the bytes' }),
    uploadedBy: Type.String(),
    uploadedAt: Type.String({ format: 'date-time' }),
    record: Type.Optional(Type.String({ description: 'the record it is attached to' })),
  },
  { title: 'FileMeta' },
);
