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
