import { isPouchDocument, type PouchDatabase } from './pouch-database.ts';
import { isNotFound, toStorageError } from './pouch-errors.ts';
import { type BinaryAttachment, StorageError } from './storage-port.ts';

/**
 * `_attachments` of a new document: inline base64, which embedded LevelDB, the memory adapter
 * and CouchDB (pouchdb-server too) all accept in a plain `put`.
 */
export function inlineAttachments(
  attachments: Readonly<Record<string, BinaryAttachment>>,
): Record<string, { content_type: string; data: string }> {
  const inline: Record<string, { content_type: string; data: string }> = {};
  for (const [name, { contentType, data }] of Object.entries(attachments)) {
    if (name === '' || name.startsWith('_')) {
      throw new StorageError(`attachment name "${name}" is empty or starts with _`, 400);
    }
    if (!(data instanceof Uint8Array)) {
      throw new StorageError(`attachment "${name}" needs its bytes as a Uint8Array`, 400);
    }
    const base64 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
    inline[name] = { content_type: contentType, data: base64 };
  }
  return inline;
}

/** The bytes as PouchDB hands them back: a Buffer in Node, a Blob over HTTP in some builds. */
async function bytesOf(value: unknown): Promise<Uint8Array> {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (value instanceof Blob) return new Uint8Array(await value.arrayBuffer());
  if (typeof value === 'string') {
    const decoded = Buffer.from(value, 'base64');
    return new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
  }
  throw new StorageError('the database answered an attachment in an unknown form');
}

/** One attachment's bytes and stored content type; undefined when the document or it is missing. */
export async function readAttachment(
  db: PouchDatabase,
  id: string,
  name: string,
): Promise<BinaryAttachment | undefined> {
  let doc: unknown;
  let data: unknown;
  try {
    doc = await db.get(id);
    if (!isPouchDocument(doc)) return undefined;
    const stubs = doc._attachments as Record<string, { content_type?: unknown }> | undefined;
    const stub = stubs?.[name];
    if (!stub) return undefined;
    // the revision just read, so bytes and content type belong together
    data = await db.getAttachment(id, name, { rev: doc._rev });
    const contentType =
      typeof stub.content_type === 'string' ? stub.content_type : 'application/octet-stream';
    return { contentType, data: await bytesOf(data) };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw toStorageError(error, `read attachment "${name}" of`, id);
  }
}
