import PouchDB from 'pouchdb';

export type RawDocument = Record<string, unknown> & { _id: string };

/** Every document of an embedded database, read with plain PouchDB (a full `_all_docs` scan). */
export async function allDocuments(path: string): Promise<RawDocument[]> {
  const db = new PouchDB(path);
  try {
    const { rows } = await db.allDocs({ include_docs: true });
    const docs: RawDocument[] = [];
    for (const row of rows) {
      const doc: unknown = 'doc' in row ? row.doc : undefined;
      if (typeof doc === 'object' && doc !== null && !row.id.startsWith('_design/')) {
        docs.push(doc as RawDocument);
      }
    }
    return docs;
  } finally {
    await db.close();
  }
}
