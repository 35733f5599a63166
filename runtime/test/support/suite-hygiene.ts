import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Stored } from '../../src/index.ts';
import type { SuiteContext } from './storage-suite.ts';

interface Counter {
  n: number;
}

export function hygieneTests({ withStorage, queries }: SuiteContext) {
  it('keeps at most revs_limit revisions of a document updated 50 times', (t) =>
    withStorage(async (storage) => {
      const { id } = await storage.create<Counter>({ type: 'counter', n: 0 });
      for (let i = 0; i < 50; i++) {
        await storage.mutate<Counter>(id, (counter) => ({ ...counter, n: counter.n + 1 }));
      }
      assert.equal((await storage.get<Counter>(id))?.n, 50);
      const revisions = await storage.revisions(id);
      if (!storage.revsLimitEnforced) {
        t.skip(
          `the server refused _revs_limit (pouchdb-server 4.2 has no such endpoint; Apache CouchDB has): ${revisions.length} revisions kept`,
        );
        return;
      }
      assert.ok(
        revisions.length <= storage.revsLimit,
        `${revisions.length} > ${storage.revsLimit}`,
      );
      assert.ok(revisions.length >= 2);
    }));

  it('compacts: old revision bodies are dropped, the document stays', () =>
    withStorage(async (storage) => {
      const { id } = await storage.create<Counter>({ type: 'counter', n: 0 });
      for (let i = 0; i < 5; i++) {
        const current = (await storage.get<Counter>(id)) as Stored<Counter>;
        await storage.update<Counter>({ ...current, n: current.n + 1 });
      }
      const before = await storage.revisions(id);
      assert.ok(before.filter((revision) => revision.available).length > 1);
      await storage.compact();
      const after = await storage.revisions(id);
      assert.deepEqual(
        after.filter((revision) => revision.available).map((r) => r.rev),
        [after[0]?.rev],
      );
      assert.equal((await storage.get<Counter>(id))?.n, 5);
    }));

  it('sent no query that the database answered with an index warning', () => {
    assert.ok(queries.length > 20, `only ${queries.length} queries seen`);
    const warned = queries.filter((query) => query.warning !== undefined);
    assert.deepEqual(warned, []);
  });
}
