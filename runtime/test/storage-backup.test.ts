import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPouchStorage, type DumpedDocument, StorageError } from '../src/index.ts';

const memory = (name: string) =>
  createPouchStorage({ kind: 'memory', name: `${name}-${Date.now()}-${Math.random()}` });

describe('dump and load', () => {
  it('restores every document with the same id, revision and body, and leaves indexes out', async () => {
    const source = await memory('source');
    const target = await memory('target');
    try {
      await source.ensureIndexes([{ name: 'by-type', fields: ['type'] }]);
      for (let i = 0; i < 1203; i++) await source.create({ type: 'record', n: i });
      const counter = await source.create({ type: 'counter', n: 0 });
      for (let i = 0; i < 3; i++)
        await source.mutate<{ n: number }>(counter.id, (doc) => ({ ...doc, n: doc.n + 1 }));
      const dumped: DumpedDocument[] = [];
      for await (const doc of source.dump()) dumped.push(doc);
      assert.equal(dumped.length, 1204);
      assert.ok(dumped.every((doc) => !doc._id.startsWith('_design/')));

      const progress: number[] = [];
      assert.equal(await target.load(dumped, (n) => progress.push(n)), 1204);
      assert.deepEqual(progress.at(-1), 1204);
      const restored = await target.get<{ n: number }>(counter.id);
      const original = await source.get<{ n: number }>(counter.id);
      assert.deepEqual(restored, original);
      assert.equal(await target.count(), 1204);
      // a later edit of a restored document continues its history
      await target.mutate<{ n: number }>(counter.id, (doc) => ({ ...doc, n: 10 }));
      assert.match((await target.get(counter.id))?._rev ?? '', /^5-/);
    } finally {
      await source.close();
      await target.close();
    }
  });

  it('refuses to restore over data and refuses documents without revisions', async () => {
    const target = await memory('busy');
    try {
      await target.create({ type: 'record' });
      await assert.rejects(
        target.load([{ _id: 'x', _rev: '1-a' }]),
        (error: unknown) =>
          error instanceof StorageError && /already holds 1 documents/.test(error.message),
      );
      const empty = await memory('empty');
      await assert.rejects(empty.load([{ _id: 'x' } as DumpedDocument]), /has no _id and _rev/);
      assert.equal(await empty.count(), 0);
      await empty.close();
    } finally {
      await target.close();
    }
  });
});
