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
interface Rate {
  factor: number;
}
interface Step {
  by: number;
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

  it('creates several documents in one write, reporting a taken id without failing the rest', () =>
    withStorage(async (storage) => {
      await storage.create<Note>({ _id: 'note:taken', type: 'note', title: 'first' });
      const results = await storage.createMany([
        { type: 'note', title: 'generated id' },
        { _id: 'note:taken', type: 'note', title: 'again' },
        { _id: 'note:named', type: 'note', title: 'named' },
      ]);
      assert.equal(results.length, 3);
      const [made, taken, named] = results;
      assert.ok(made && !(made instanceof ConflictError));
      assert.match(made.id, /^note:[0-9A-HJKMNP-TV-Z]{26}$/);
      assert.equal((await storage.get<Note>(made.id))?._rev, made.rev);
      assert.ok(taken instanceof ConflictError);
      assert.equal(taken.id, 'note:taken');
      assert.equal((await storage.get<Note>('note:taken'))?.title, 'first');
      assert.ok(named && !(named instanceof ConflictError));
      assert.equal((await storage.get<Note>('note:named'))?.title, 'named');
      assert.deepEqual(await storage.createMany([]), []);
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
      // Someone else writes the document between our read and our write, every time. Over
      // HTTP the two requests may reach the server in either order, so a round where ours got
      // in first proves nothing and is tried again with a fresh document.
      let exhausted = false;
      for (let round = 0; round < 5 && !exhausted; round++) {
        const made = await storage.create<Counter>({ type: 'counter', n: 5 });
        let calls = 0;
        const pending: Promise<unknown>[] = [];
        const interfering = (counter: Stored<Counter>) => {
          calls++;
          pending.push(
            storage.update<Counter>({ ...counter, n: counter.n + 100 }).catch(() => undefined),
          );
          return { ...counter, n: counter.n + 1 };
        };
        try {
          await storage.mutate<Counter>(made.id, interfering, { retries: 2 });
        } catch (error) {
          assert.ok(error instanceof ConflictError, String(error));
          assert.equal(calls, 3, 'read and applied once, then retried twice');
          exhausted = true;
        }
        await Promise.all(pending);
        if (exhausted) assert.equal((await storage.get<Counter>(made.id))?.n, 305);
      }
      assert.ok(exhausted, 'the retries ran out while the document kept changing');
    }));

  it('applies an async change that reads another document before deciding', () =>
    withStorage(async (storage) => {
      const rate = await storage.create<Rate>({ type: 'rate', factor: 3 });
      const { id } = await storage.create<Counter>({ type: 'counter', n: 2 });
      const written = await storage.mutate<Counter>(id, async (counter) => {
        const found = await storage.get<Rate>(rate.id);
        return found && { ...counter, n: counter.n * found.factor };
      });
      const stored = await storage.get<Counter>(id);
      assert.equal(stored?.n, 6);
      assert.deepEqual(written, { id, rev: stored?._rev });
    }));

  it('lands 10 concurrent async increments of one counter, pausing between tries', () =>
    withStorage(async (storage) => {
      const step = await storage.create<Step>({ type: 'step', by: 1 });
      const { id } = await storage.create<Counter>({ type: 'counter', n: 0 });
      let calls = 0;
      const increment = async (counter: Stored<Counter>) => {
        calls++;
        const by = (await storage.get<Step>(step.id))?.by ?? 0;
        return { ...counter, n: counter.n + by };
      };
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          storage.mutate<Counter>(id, increment, { retries: 60, maxPauseMs: 50 }),
        ),
      );
      const revs = new Set(results.map((result) => result?.rev));
      assert.equal(revs.size, 10, 'each increment wrote its own revision');
      assert.ok(calls >= 10);
      assert.equal((await storage.get<Counter>(id))?.n, 10);
    }));

  it('writes nothing when an async change answers undefined or throws', () =>
    withStorage(async (storage) => {
      const { id, rev } = await storage.create<Counter>({ type: 'counter', n: 5 });
      assert.equal(await storage.mutate<Counter>(id, async () => undefined), undefined);
      const refused = new Error('refused');
      await assert.rejects(
        storage.mutate<Counter>(id, async () => {
          throw refused;
        }),
        (error) => error === refused,
      );
      assert.equal((await storage.get<Counter>(id))?._rev, rev);
      let called = false;
      await assert.rejects(
        storage.mutate<Counter>('counter:none', async (counter) => {
          called = true;
          return counter;
        }),
        NotFoundError,
      );
      assert.equal(called, false, 'no document, no change');
    }));

  it('fails with ConflictError once an async change lost the race more than `retries` times', () =>
    withStorage(async (storage) => {
      const { id } = await storage.create<Counter>({ type: 'counter', n: 5 });
      let calls = 0;
      // someone else's write lands between each read and our write (awaited, so in order)
      const interfering = async (counter: Stored<Counter>) => {
        calls++;
        await storage.update<Counter>({ ...counter, n: counter.n + 100 });
        return { ...counter, n: counter.n + 1 };
      };
      await assert.rejects(
        storage.mutate<Counter>(id, interfering, { retries: 2, maxPauseMs: 0 }),
        (error) => error instanceof ConflictError && error.id === id,
      );
      assert.equal(calls, 3, 'read and applied once, then retried twice');
      assert.equal((await storage.get<Counter>(id))?.n, 305);
    }));
}
