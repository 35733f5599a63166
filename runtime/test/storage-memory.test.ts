import { randomUUID } from 'node:crypto';
import { createPouchStorage } from '../src/index.ts';
import { storageSuite } from './support/storage-suite.ts';

storageSuite('PouchDB in memory', (tuning) =>
  createPouchStorage({ kind: 'memory', name: `suite-${randomUUID()}`, ...tuning }),
);
