import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPouchStorage } from '../src/index.ts';
import { storageSuite } from './support/storage-suite.ts';

const root = mkdtempSync(join(tmpdir(), 'tessera-embedded-'));
let count = 0;

storageSuite(
  'embedded PouchDB (LevelDB on disk)',
  // A path two levels below the temp dir: the adapter creates the missing parent.
  (tuning) =>
    createPouchStorage({ kind: 'embedded', path: join(root, `db-${count++}`, 'data'), ...tuning }),
  async () => rmSync(root, { recursive: true, force: true }),
);
