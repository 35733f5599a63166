/**
 * Storage that cannot take a write (full, read-only, unreachable) is told to the caller as 507
 * storage_full or 503 storage_unavailable with Retry-After, never a bare 500 and never a 2xx;
 * nothing is stored. The errors are the ones LevelDB, Node and CouchDB report (a full disk for
 * real: test/integration/storage-faults.test.ts).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { type StoragePort, StorageUnavailableError, storageTroubleOf } from '@tessera/runtime';
import { toStorageError } from '../../runtime/src/storage/pouch-errors.ts';
import { call } from './accounts-helpers.ts';
import { contract, RECORDS, type RecordsWorld, startRecordsWorld } from './records-helpers.ts';

const leveldb = (what: string) =>
  Object.assign(new Error(`IO error: /srv/tessera/data/pouchdb/tessera/000003.log: ${what}`), {
    name: 'Error',
  });

describe('what the storage reports about itself', () => {
  it('reads a full, read-only or unreachable store from LevelDB, Node and CouchDB failures', () => {
    assert.equal(storageTroubleOf(leveldb('No space left on device')), 'full');
    assert.equal(storageTroubleOf(Object.assign(new Error('x'), { code: 'ENOSPC' })), 'full');
    assert.equal(storageTroubleOf({ status: 507, error: 'insufficient_storage' }), 'full');
    assert.equal(storageTroubleOf(leveldb('Read-only file system')), 'read-only');
    assert.equal(storageTroubleOf(Object.assign(new Error('x'), { code: 'EROFS' })), 'read-only');
    assert.equal(
      storageTroubleOf(
        new TypeError('fetch failed', {
          cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
        }),
      ),
      'unreachable',
    );
    assert.equal(storageTroubleOf(new Error('document update conflict')), undefined);
    assert.equal(storageTroubleOf({ status: 500, error: 'unknown_error' }), undefined);
    const mapped = toStorageError(leveldb('No space left on device'), 'create', 'record:1');
    assert.ok(mapped instanceof StorageUnavailableError);
    assert.equal(mapped.status, 507);
  });
});

describe('a write the storage refuses', () => {
  let world: RecordsWorld;
  before(async () => {
    world = await startRecordsWorld();
  });

  /** Runs `work` while every write fails as the storage would with `what`. */
  async function failingWrites<T>(what: string, work: () => Promise<T>): Promise<T> {
    const storage = world.server.storage as unknown as StoragePort & Record<string, unknown>;
    const saved = new Map<string, unknown>();
    for (const name of ['create', 'createMany', 'update', 'mutate', 'remove']) {
      saved.set(name, storage[name]);
      storage[name] = async (doc: { _id?: string } | string) => {
        throw toStorageError(leveldb(what), name, typeof doc === 'string' ? doc : doc?._id);
      };
    }
    try {
      return await work();
    } finally {
      for (const [name, method] of saved) storage[name] = method;
    }
  }

  const count = async () =>
    (
      (await call(world.server.app, 'GET', `${RECORDS}?limit=100`, { as: world.admin })).json
        .items as unknown[]
    ).length;

  for (const [what, status, code] of [
    ['Read-only file system', 503, 'storage_unavailable'],
    ['No space left on device', 507, 'storage_full'],
  ] as const) {
    it(`"${what}": ${status} ${code} with Retry-After, in both languages, and nothing stored`, async () => {
      const before = await count();
      const [en, zh] = await failingWrites(what, () =>
        Promise.all([
          call(world.server.app, 'POST', RECORDS, { as: world.admin, body: contract('只读') }),
          call(world.server.app, 'POST', RECORDS, {
            as: world.admin,
            body: contract('只读'),
            headers: { 'accept-language': 'zh-CN' },
          }),
        ]),
      );
      assert.equal(en.status, status, JSON.stringify(en.json));
      assert.equal(en.json.error?.code, code);
      assert.match(en.headers.get('retry-after') ?? '', /^\d+$/);
      assert.match(String(en.json.error?.message), /nothing was saved/);
      assert.match(String(zh.json.error?.message), /未保存任何内容/);
      assert.equal(await count(), before);
      const after = await call(world.server.app, 'POST', RECORDS, {
        as: world.admin,
        body: contract('恢复'),
      });
      assert.equal(after.status, 201, 'writes again once the storage takes them');
    });
  }
});
