import { before } from 'node:test';
import { createPouchStorage } from '../src/index.ts';
import { type PouchServer, startPouchServer } from './support/pouchdb-server.ts';
import { storageSuite } from './support/storage-suite.ts';

let server: PouchServer | undefined;
let count = 0;

before(async () => {
  server = await startPouchServer();
});

storageSuite(
  'CouchDB protocol (pouchdb-server on loopback)',
  (tuning) => {
    if (!server) throw new Error('pouchdb-server did not start');
    return createPouchStorage({
      kind: 'couchdb',
      url: server.url,
      database: `suite-${count++}`,
      ...tuning,
    });
  },
  async () => server?.stop(),
);
