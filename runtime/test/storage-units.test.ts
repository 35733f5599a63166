import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  ConflictError,
  createPouchStorage,
  NotFoundError,
  newId,
  StorageError,
  storageLocationFromEnv,
} from '../src/index.ts';
import { decodeCursor, encodeCursor } from '../src/storage/find-cursor.ts';
import { toStorageError } from '../src/storage/pouch-errors.ts';
import { isIndexWarning } from '../src/storage/pouch-find.ts';

describe('newId', () => {
  it('makes type:ulid ids that increase within one millisecond', () => {
    const ids = Array.from({ length: 2000 }, () => newId('record'));
    for (const id of ids) assert.match(id, /^record:[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
    assert.throws(() => newId('bad:type'), TypeError);
    assert.throws(() => newId(''), TypeError);
  });
});

describe('storage errors', () => {
  it('maps PouchDB failures to the port errors without leaking the raw object', () => {
    const conflict = {
      status: 409,
      name: 'conflict',
      message: 'Document update conflict',
      error: true,
    };
    assert.ok(toStorageError(conflict, 'update', 'a') instanceof ConflictError);
    const missing = { status: 404, name: 'not_found', message: 'missing', reason: 'deleted' };
    assert.ok(toStorageError(missing, 'remove', 'a') instanceof NotFoundError);
    const other = toStorageError(
      { status: 401, name: 'unauthorized', message: 'Name or password is incorrect.' },
      'read',
      'a',
    );
    assert.ok(other instanceof StorageError);
    assert.equal(other.message, 'read "a" failed: unauthorized: Name or password is incorrect.');
    assert.equal((other as StorageError).status, 401);
    assert.equal(Object.keys(other).includes('error'), false);
  });

  it('recognises the no-index warnings of pouchdb-find and CouchDB', () => {
    assert.ok(isIndexWarning('No matching index found, create an index to optimize query time.'));
    assert.ok(
      isIndexWarning(
        '_design/x, x was not used because it does not contain a valid index for this query.',
      ),
    );
    assert.equal(
      isIndexWarning(
        'The number of documents examined is high in proportion to the number of results returned.',
      ),
      false,
    );
  });

  it('reports a database that cannot be opened with a StorageError naming it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tessera-units-'));
    try {
      writeFileSync(join(root, 'file'), 'not a directory');
      const path = join(root, 'file', 'db');
      await assert.rejects(
        createPouchStorage({ kind: 'embedded', path }),
        (error: unknown) => error instanceof StorageError && error.message.includes(path),
      );
      await assert.rejects(
        createPouchStorage({ kind: 'couchdb', url: 'http://127.0.0.1:9', database: 'none' }),
        (error: unknown) =>
          error instanceof StorageError && error.message.includes('http://127.0.0.1:9/none'),
      );
      await assert.rejects(
        createPouchStorage({ kind: 'couchdb', url: 'http://db:secret@', database: 'x' }),
        (error: unknown) => error instanceof StorageError && !error.message.includes('secret'),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('cursors', () => {
  it('round-trips and refuses cursors of another query', () => {
    const order = { fields: ['type', 'n'], direction: 'asc' as const };
    const cursor = encodeCursor('by-n', order, { _id: 'x:1', type: 'x', n: 3 });
    assert.match(cursor, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(decodeCursor(cursor, 'by-n', order), { values: ['x', 3], id: 'x:1' });
    assert.throws(() => decodeCursor(cursor, 'other', order), StorageError);
    assert.throws(
      () => decodeCursor(cursor, 'by-n', { ...order, direction: 'desc' }),
      StorageError,
    );
    assert.throws(() => decodeCursor('!!!', 'by-n', order), StorageError);
  });
});

describe('storageLocationFromEnv', () => {
  it('uses CouchDB when COUCHDB_URL is set, else PouchDB on disk under the data directory', () => {
    assert.deepEqual(storageLocationFromEnv({ COUCHDB_URL: 'http://db:5984' }, '/data'), {
      kind: 'couchdb',
      url: 'http://db:5984',
      database: 'tessera',
    });
    const named = storageLocationFromEnv(
      { COUCHDB_URL: 'http://db:5984', COUCHDB_DATABASE: 'acme' },
      '/d',
    );
    assert.equal(named.kind === 'couchdb' && named.database, 'acme');
    assert.deepEqual(storageLocationFromEnv({ COUCHDB_URL: ' ' }, '/data/'), {
      kind: 'embedded',
      path: '/data/pouchdb/tessera',
    });
  });
});
