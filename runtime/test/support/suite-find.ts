import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  type FindQuery,
  MissingIndexError,
  type PouchStorage,
  StorageError,
} from '../../src/index.ts';
import type { SuiteContext } from './storage-suite.ts';

interface Item {
  group: number;
  rank: number;
  odd: boolean;
}

const indexes = [
  { name: 'item-group', fields: ['type', 'group'] },
  { name: 'item-group-rank', fields: ['type', 'group', 'rank'] },
  { name: 'item-odd', fields: ['type', 'odd'], partial: { odd: true } },
];

/** 230 items in 4 groups and 3 ranks: long runs of equal sort values. */
async function seed(storage: PouchStorage) {
  await storage.ensureIndexes(indexes);
  await storage.ensureIndexes(indexes); // a second call finds them all and creates nothing
  const items: { id: string; group: number; rank: number; odd: boolean }[] = [];
  const writes: Promise<void>[] = [];
  for (let i = 0; i < 230; i++) {
    const item = { type: 'item', group: i % 4, rank: (i * 7) % 3, odd: i % 2 === 1 };
    writes.push(storage.create<Item>(item).then(({ id }) => void items.push({ id, ...item })));
  }
  await Promise.all(writes);
  return items;
}

async function allPages(storage: PouchStorage, query: FindQuery) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await storage.find<Item>(cursor ? { ...query, cursor } : query);
    ids.push(...page.docs.map((doc) => doc._id));
    cursor = page.next;
    pages++;
    assert.ok(pages < 100, 'pagination ends');
  } while (cursor);
  return { ids, pages };
}

const byKeys =
  (...keys: ((item: { id: string; group: number; rank: number }) => number | string)[]) =>
  (a: { id: string; group: number; rank: number }, b: typeof a) => {
    for (const key of keys) {
      const [x, y] = [key(a), key(b)];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };

export function findTests({ withStorage }: SuiteContext) {
  it('pages by cursor through ties: every row once, in order, ascending and descending', () =>
    withStorage(async (storage) => {
      const items = await seed(storage);
      const asc = items.slice().sort(
        byKeys(
          (item) => item.group,
          (item) => item.id,
        ),
      );
      const selector = { type: 'item' };
      const up = await allPages(storage, { index: 'item-group', selector, limit: 17 });
      assert.deepEqual(
        up.ids,
        asc.map((item) => item.id),
      );
      assert.equal(up.pages, Math.ceil(230 / 17));
      const sort: FindQuery['sort'] = [{ type: 'desc' }, { group: 'desc' }];
      const down = await allPages(storage, { index: 'item-group', selector, sort, limit: 17 });
      assert.deepEqual(down.ids, asc.map((item) => item.id).reverse());
      const ranked = items.slice().sort(
        byKeys(
          (i) => i.group,
          (i) => i.rank,
          (i) => i.id,
        ),
      );
      const deep = await allPages(storage, { index: 'item-group-rank', selector, limit: 9 });
      assert.deepEqual(
        deep.ids,
        ranked.map((item) => item.id),
      );
    }));

  it('pages a filtered selector, a pinned prefix, projected fields and a partial index', () =>
    withStorage(async (storage) => {
      const items = await seed(storage);
      const asc = items.slice().sort(
        byKeys(
          (item) => item.group,
          (item) => item.id,
        ),
      );
      const filtered = { type: 'item', odd: true };
      const odd = await allPages(storage, { index: 'item-group', selector: filtered, limit: 20 });
      assert.deepEqual(
        odd.ids,
        asc.filter((item) => item.odd).map((item) => item.id),
      );
      const pinned = { type: 'item', group: 2, rank: { $gte: 1 } };
      const inGroup = await allPages(storage, {
        index: 'item-group-rank',
        selector: pinned,
        limit: 7,
      });
      const expected = items.filter((item) => item.group === 2 && item.rank >= 1);
      expected.sort(
        byKeys(
          (item) => item.rank,
          (item) => item.id,
        ),
      );
      assert.deepEqual(
        inGroup.ids,
        expected.map((item) => item.id),
      );
      // Exclusive bounds with more ties at the bound than the page holds (apache/pouchdb#6263).
      const above = await allPages(storage, {
        index: 'item-group',
        selector: { type: 'item', group: { $gt: 0 } },
        limit: 10,
      });
      assert.deepEqual(
        above.ids,
        asc.filter((item) => item.group > 0).map((item) => item.id),
      );
      const below = { type: 'item', group: { $lt: 3 } };
      const sort: FindQuery['sort'] = [{ type: 'desc' }, { group: 'desc' }];
      const downward = await allPages(storage, {
        index: 'item-group',
        selector: below,
        sort,
        limit: 10,
      });
      const expectedBelow = asc
        .filter((item) => item.group < 3)
        .map((item) => item.id)
        .reverse();
      assert.deepEqual(downward.ids, expectedBelow);
      const partial = await allPages(storage, {
        index: 'item-odd',
        selector: { type: 'item', odd: true },
        limit: 50,
      });
      assert.equal(partial.ids.length, 115);
      const page = await storage.find<Item>({
        index: 'item-group',
        selector: { type: 'item' },
        fields: ['_id', 'rank'],
        limit: 3,
      });
      assert.deepEqual(Object.keys(page.docs[0] ?? {}).sort(), ['_id', 'rank']);
      const second = await storage.find<Item>({
        index: 'item-group',
        selector: { type: 'item' },
        fields: ['_id', 'rank'],
        limit: 3,
        ...(page.next ? { cursor: page.next } : {}),
      });
      assert.equal(second.docs.length, 3);
      assert.notEqual(second.docs[0]?._id, page.docs[0]?._id);
      const defaultPage = await storage.find<Item>({
        index: 'item-group',
        selector: { type: 'item' },
      });
      assert.equal(defaultPage.docs.length, 50);
    }));

  it('refuses queries no index serves, bad sorts, limits and cursors', () =>
    withStorage(async (storage) => {
      await seed(storage);
      const refused = (query: FindQuery) => assert.rejects(storage.find(query), MissingIndexError);
      await refused({ index: 'item-group', selector: { rank: 1 } });
      await refused({ index: 'item-group', selector: { type: { $ne: 'nothing' } } });
      await refused({ index: 'no-such-index', selector: { type: 'item' } });
      await refused({ index: 'item-group-rank', selector: { type: 'item' }, sort: ['group'] });
      const bad = (query: FindQuery) => assert.rejects(storage.find(query), StorageError);
      const selector = { type: 'item' };
      await bad({ index: 'item-group', selector, limit: 1001 });
      await bad({ index: 'item-group', selector, limit: 0 });
      await bad({ index: 'item-group', selector, cursor: 'bm90LWEtY3Vyc29y' });
      await bad({ index: 'item-group', selector, sort: [{ type: 'asc' }, { group: 'desc' }] });
      await bad({ index: '', selector });
      const first = await storage.find({ index: 'item-group', selector, limit: 5 });
      assert.ok(first.next);
      await bad({ index: 'item-group-rank', selector, cursor: first.next });
    }));
}
