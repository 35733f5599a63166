import memory from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-core';
import { type LocalDatabase, OfflineStore } from '../src/offline/offline-db.ts';

PouchDB.plugin(memory);
let count = 0;

/** A person's offline store on an in-memory PouchDB: the same store the browser opens on IndexedDB. */
export function memoryStore(): OfflineStore {
  count += 1;
  const name = `offline-test-${process.pid}-${count}`;
  return new OfflineStore(
    new PouchDB(name, { adapter: 'memory' }) as unknown as LocalDatabase,
    name,
  );
}
