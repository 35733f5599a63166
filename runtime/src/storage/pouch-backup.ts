import type { PouchDatabase } from './pouch-database.ts';
import { toStorageError } from './pouch-errors.ts';
import { StorageError } from './storage-port.ts';

/** A stored document with its revision (and inline attachments), as a backup holds it. */
export type DumpedDocument = Readonly<Record<string, unknown>> & {
  readonly _id: string;
  readonly _rev: string;
};

const BATCH = 500;

/** Whether an id belongs to the database's machinery rather than its data (indexes are rebuilt at start). */
const isMachinery = (id: string) => id.startsWith('_design/') || id.startsWith('_local/');

/** Every data document, in id order, a batch at a time (current revisions, attachments inline). */
export async function* dumpDocuments(db: PouchDatabase): AsyncGenerator<DumpedDocument> {
  let startkey: string | undefined;
  for (;;) {
    let rows: readonly unknown[];
    try {
      ({ rows } = await db.allDocs({
        include_docs: true,
        attachments: true,
        limit: BATCH + (startkey === undefined ? 0 : 1),
        ...(startkey === undefined ? {} : { startkey }),
      }));
    } catch (error) {
      throw toStorageError(error, 'read for backup', startkey ?? '(start)');
    }
    const page = startkey === undefined ? rows : rows.slice(1);
    for (const row of page) {
      const doc = (row as { doc?: DumpedDocument }).doc;
      if (doc && !isMachinery(doc._id)) yield doc;
    }
    if (page.length < BATCH) return;
    startkey = (rows.at(-1) as { id: string }).id;
  }
}

/** How many data documents the database holds (design documents left out). */
export async function countDocuments(db: PouchDatabase): Promise<number> {
  let count = 0;
  let startkey: string | undefined;
  for (;;) {
    const { rows } = await db.allDocs({
      limit: 5000 + (startkey ? 1 : 0),
      ...(startkey ? { startkey } : {}),
    });
    const page = startkey ? rows.slice(1) : rows;
    count += page.filter((row) => !isMachinery((row as { id: string }).id)).length;
    if (page.length < 5000) return count;
    startkey = (rows.at(-1) as { id: string }).id;
  }
}

/**
 * Writes dumped documents into an EMPTY database with their revisions kept (`new_edits: false`),
 * so a restore reproduces the source exactly. A database with data is refused: restoring over
 * data would mix two histories.
 */
export async function loadDocuments(
  db: PouchDatabase,
  docs: AsyncIterable<DumpedDocument> | Iterable<DumpedDocument>,
  onProgress?: (written: number) => void,
): Promise<number> {
  const existing = await countDocuments(db);
  if (existing > 0) {
    throw new StorageError(
      `the database already holds ${existing} documents; restore needs an empty one`,
      409,
    );
  }
  let batch: DumpedDocument[] = [];
  let written = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    try {
      await db.bulkDocs(batch, { new_edits: false });
    } catch (error) {
      throw toStorageError(error, 'restore', batch[0]?._id ?? '');
    }
    written += batch.length;
    batch = [];
    onProgress?.(written);
  };
  for await (const doc of docs) {
    if (typeof doc?._id !== 'string' || typeof doc._rev !== 'string') {
      throw new StorageError(
        `document ${written + batch.length + 1} of the backup has no _id and _rev`,
        400,
      );
    }
    if (isMachinery(doc._id)) continue;
    batch.push(doc);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return written;
}
