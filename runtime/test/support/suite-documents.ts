import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ConflictError, NotFoundError, StorageError, type Stored } from '../../src/index.ts';
import type { SuiteContext } from './storage-suite.ts';

interface Note {
  title: string;
}
interface Counter {
  n: number;
}

export function documentTests({ withStorage }: SuiteContext) {
  it('creates, reads, updates and removes a document', () =>
    withStorage(async (storage) => {
      const created = await storage.create<Note>({ type: 'note', title: 'first' });
      assert.match(created.id, /^note:[0-9A-HJKMNP-TV-Z]{26}$/);
      const read = await storage.get<Note>(created.id);
      assert.equal(read?.title, 'first');
      assert.equal(read?._rev, created.rev);
      const updated = await storage.update<Note>({ ...(read as Stored<Note>), title: 'second' });
      assert.notEqual(updated.rev, created.rev);
      assert.equal((await storage.get<Note>(created.id))?.title, 'second');
      await storage.remove(created.id, updated.rev);
      assert.equal(await storage.get(created.id), undefined);
      assert.equal(await storage.get('note:missing'), undefined);
      await assert.rejects(storage.remove('note:missing', '1-abc'), NotFoundError);
    }));

  it('refuses a second create of one id, a stale _rev and an update without _rev', () =>
    withStorage(async (storage) => {
      const first = await storage.create<Note>({ _id: 'note:fixed', type: 'note', title: 'a' });
      await assert.rejects(
        storage.create<Note>({ _id: 'note:fixed', type: 'note', title: 'b' }),
        ConflictError,
      );
      const current = (await storage.get<Note>('note:fixed')) as Stored<Note>;
      await storage.update<Note>({ ...current, title: 'c' });
      await assert.rejects(storage.update<Note>({ ...current, title: 'd' }), ConflictError);
      await assert.rejects(storage.remove('note:fixed', first.rev), ConflictError);
      const noRev = { ...current, _rev: '' };
      await assert.rejects(storage.update<Note>(noRev), StorageError);
      assert.equal((await storage.get<Note>('note:fixed'))?.title, 'c');
    }));

  it('makes ids that sort by creation time', () =>
    withStorage(async (storage) => {
      const ids: string[] = [];
      for (let i = 0; i < 50; i++) ids.push((await storage.create({ type: 'tick', i })).id);
      assert.deepEqual([...ids].sort(), ids);
    }));

  it('lands 20 concurrent increments of one counter (compare-and-swap with retries)', () =>
    withStorage(async (storage) => {
      const { id } = await storage.create<Counter>({ type: 'counter', n: 0 });
      const increment = (counter: Stored<Counter>) => ({ ...counter, n: counter.n + 1 });
      const results = await Promise.all(
        Array.from({ length: 20 }, () => storage.mutate<Counter>(id, increment, { retries: 60 })),
      );
      assert.equal(results.length, 20);
      assert.equal((await storage.get<Counter>(id))?.n, 20);
    }));

  it('writes nothing when the change refuses, and reports exhausted retries', () =>
    withStorage(async (storage) => {
      const { id, rev } = await storage.create<Counter>({ type: 'counter', n: 5 });
      assert.equal(await storage.mutate<Counter>(id, () => undefined), undefined);
      assert.equal((await storage.get<Counter>(id))?._rev, rev);
      await assert.rejects(
        storage.mutate<Counter>('counter:none', (c) => c),
        NotFoundError,
      );
      let calls = 0;
      const interfering = (counter: Stored<Counter>) => {
        calls++;
        // Someone else writes the document between our read and our write, every time.
        storage.update<Counter>({ ...counter, n: counter.n + 100 }).catch(() => undefined);
        return { ...counter, n: counter.n + 1 };
      };
      await assert.rejects(storage.mutate<Counter>(id, interfering, { retries: 2 }), ConflictError);
      assert.equal(calls, 3);
      await new Promise((done) => setTimeout(done, 50));
      assert.equal((await storage.get<Counter>(id))?.n, 305);
    }));
}
