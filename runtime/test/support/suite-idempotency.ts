import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ConflictError, claimId, type PouchStorage } from '../../src/index.ts';
import type { SuiteContext } from './storage-suite.ts';

interface Order {
  ref: string;
  total: number;
}

async function ordersWithRef(storage: PouchStorage, ref: string) {
  const page = await storage.find<Order>({ index: 'order-ref', selector: { type: 'order', ref } });
  return page.docs;
}

export function idempotencyTests({ withStorage }: SuiteContext) {
  const indexes = [{ name: 'order-ref', fields: ['type', 'ref'] }];

  it('writes once under 10 concurrent creates with one idempotency key', () =>
    withStorage(async (storage) => {
      await storage.ensureIndexes(indexes);
      const create = () =>
        storage.create<Order>({ type: 'order', ref: 'A-1', total: 7 }, { idempotencyKey: 'cmd-1' });
      const results = await Promise.all(Array.from({ length: 10 }, create));
      assert.equal(new Set(results.map((result) => `${result.id} ${result.rev}`)).size, 1);
      const docs = await ordersWithRef(storage, 'A-1');
      assert.deepEqual(
        docs.map((doc) => doc._id),
        [results[0]?.id],
      );
      assert.match(results[0]?.rev ?? '', /^1-/);
      assert.equal(results.filter((result) => !result.replayed).length, 1, 'one call wrote it');
    }));

  it('returns the first result on a retry, even after the document changed or was deleted', () =>
    withStorage(async (storage) => {
      const doc = { type: 'order', ref: 'B-1', total: 1 };
      const first = await storage.create<Order>(doc, { idempotencyKey: 'cmd-2' });
      const current = await storage.get<Order>(first.id);
      assert.ok(current);
      const updated = await storage.update<Order>({ ...current, total: 2 });
      const replay = { ...first, replayed: true };
      assert.equal(first.replayed, undefined);
      assert.deepEqual(await storage.create<Order>(doc, { idempotencyKey: 'cmd-2' }), replay);
      await storage.remove(first.id, updated.rev);
      assert.deepEqual(await storage.create<Order>(doc, { idempotencyKey: 'cmd-2' }), replay);
      assert.equal(await storage.get(first.id), undefined, 'a retry never resurrects');
      const other = await storage.create<Order>(doc, { idempotencyKey: 'cmd-3' });
      assert.notEqual(other.id, first.id);
    }));

  it('rolls forward a create interrupted after the claim, or after the target write', () =>
    withStorage(async (storage) => {
      await storage.ensureIndexes(indexes);
      const claim = async (key: string, target: string) =>
        storage.create({ _id: await claimId(key), type: 'idempotency-key', target, createdAt: '' });
      // Crash after step 1: the claim exists, the target was never written.
      await claim('cmd-4', 'order:01TARGETNEVERWRITTEN0000');
      const resumed = await storage.create<Order>(
        { type: 'order', ref: 'C-1', total: 3 },
        { idempotencyKey: 'cmd-4' },
      );
      assert.equal(resumed.id, 'order:01TARGETNEVERWRITTEN0000');
      assert.equal(resumed.replayed, undefined, 'written by this call, not by the one that died');
      assert.equal((await storage.get<Order>(resumed.id))?.ref, 'C-1');
      // Crash after step 2: the claim and the target exist, the claim was not completed.
      const target = await storage.create<Order>({ type: 'order', ref: 'C-2', total: 4 });
      await claim('cmd-5', target.id);
      const again = await storage.create<Order>(
        { type: 'order', ref: 'C-2', total: 4 },
        { idempotencyKey: 'cmd-5' },
      );
      assert.deepEqual(again, { ...target, replayed: true });
      assert.equal((await ordersWithRef(storage, 'C-2')).length, 1);
      // Crash after step 2, and the target deleted before the retry: it stays deleted.
      const gone = await storage.create<Order>({ type: 'order', ref: 'C-3', total: 5 });
      await storage.remove(gone.id, gone.rev);
      await claim('cmd-8', gone.id);
      const late = await storage.create<Order>(
        { type: 'order', ref: 'C-3', total: 5 },
        { idempotencyKey: 'cmd-8' },
      );
      assert.deepEqual(late, { ...gone, replayed: true });
      assert.equal(await storage.get(gone.id), undefined);
    }));

  it('refuses a keyed create whose explicit _id is already taken', () =>
    withStorage(async (storage) => {
      await storage.create<Order>({ _id: 'order:taken', type: 'order', ref: 'D-1', total: 1 });
      const doc = { _id: 'order:taken', type: 'order', ref: 'D-2', total: 2 };
      await assert.rejects(storage.create<Order>(doc, { idempotencyKey: 'cmd-6' }), ConflictError);
      const fresh = { _id: 'order:free', type: 'order', ref: 'D-3', total: 3 };
      const made = await storage.create<Order>(fresh, { idempotencyKey: 'cmd-7' });
      assert.deepEqual(await storage.create<Order>(fresh, { idempotencyKey: 'cmd-7' }), {
        ...made,
        replayed: true,
      });
    }));
}
