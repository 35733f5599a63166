import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startSalesWorld, viewGet } from './views-helpers.ts';

const world = await startSalesWorld();
const { admin } = world;
after(() => assert.deepEqual(world.server.storage.warnings, []));

type Group = {
  key: Record<string, unknown>;
  label: string;
  count: number;
  aggregates: Record<string, unknown>;
};

describe('GET /api/apps/{app}/views/{view}/summary', () => {
  it('groups by the view field with exact decimal sums and averages', async () => {
    const answer = await viewGet(world, admin, '/by_status/summary', { locale: 'zh-CN' });
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    const groups = answer.json.groups as Group[];
    assert.deepEqual(
      groups.map((group) => [group.key, group.label, group.count, group.aggregates]),
      [
        [{ status: 'lost' }, '选项lost', 1, { n: 1, total: '5.00', average: '5.00', most: 4 }],
        // 0.10 + 0.20 + 7.77: never 8.069999…
        [{ status: 'open' }, '选项open', 3, { n: 3, total: '8.07', average: '2.69', most: 6 }],
        [
          { status: 'won' },
          '选项won',
          2,
          { n: 2, total: '12346678.95', average: '6173339.48', most: 5 },
        ],
      ],
    );
    assert.deepEqual(answer.json.totals, {
      n: 6,
      total: '12346692.02',
      average: '2057782.00',
      most: 6,
    });
    assert.equal(answer.json.count, 6);
  });

  it('applies the extra filters and the search first', async () => {
    const answer = await viewGet(world, admin, '/by_status/summary', {
      filter: [{ field: 'amount', op: 'lt', value: '1' }],
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    const groups = answer.json.groups as Group[];
    assert.deepEqual(
      groups.map((group) => [group.key.status, group.aggregates.total]),
      [['open', '0.30']],
    );
    assert.deepEqual(answer.json.totals, { n: 2, total: '0.30', average: '0.15', most: 2 });
    const searched = await viewGet(world, admin, '/by_status/summary', { q: 'charlie' });
    assert.deepEqual((searched.json.totals as Record<string, unknown>).total, '1000.05');
  });

  it('keeps only the groups the filter leaves; a view without aggregates counts', async () => {
    const answer = await viewGet(world, admin, '/by_status/summary', {
      filter: [{ field: 'status', op: 'eq', value: 'won' }],
    });
    assert.equal((answer.json.groups as Group[]).length, 1);
    const list = await viewGet(world, admin, '/deals/summary');
    assert.equal(list.status, 200, JSON.stringify(list.json));
    assert.deepEqual(list.json.groups, []);
    assert.deepEqual(list.json.totals, { count: 6 });
  });
});
