import type { StoragePort, Stored } from '@tessera/runtime';

/** The shape version this build writes for every account and organisation document. */
export const DOCUMENT_VERSION = 1;

/** A stored document written by a newer Tessera: refused rather than misread (STYLE 4). */
export class FutureDocumentError extends Error {
  override name = 'FutureDocumentError';
  constructor(id: string, version: number) {
    super(
      `document "${id}" has schemaVersion ${version}; this build reads up to ${DOCUMENT_VERSION}: upgrade Tessera`,
    );
  }
}

/**
 * Reads a document of one `type`: undefined when it is missing, deleted or of another type
 * (so `/users/department:…` is a 404, not a department shown as a user).
 */
export async function readTyped<T>(
  storage: StoragePort,
  id: string,
  type: string,
): Promise<Stored<T> | undefined> {
  if (id === '' || !id.startsWith(`${type}:`)) return undefined;
  const doc = await storage.get<T & { schemaVersion?: unknown }>(id);
  if (!doc || doc.type !== type) return undefined;
  checkVersion(doc);
  return doc;
}

/** Throws FutureDocumentError for a document made by a newer build. */
export function checkVersion(doc: { readonly _id: string; readonly schemaVersion?: unknown }) {
  const version = doc.schemaVersion;
  if (typeof version === 'number' && version > DOCUMENT_VERSION) {
    throw new FutureDocumentError(doc._id, version);
  }
}
