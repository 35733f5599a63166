import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AppDefinition, createPlatform, packAppId, resolveDemo } from '../src/index.ts';
import { samplePack } from './fixtures/sample-pack.ts';
import { testFields, testNodes } from './fixtures/test-plugins.ts';

const app = { ...samplePack(), id: 'sample' } as unknown as AppDefinition;
const context = {
  recordId: (table: string, key: string) => `record:t-${table}-${key}`,
  user: (role: string) => `user:${role}-1`,
  department: (role: string) => (role === 'legal' ? 'department:law' : undefined),
  now: '2026-03-10T08:00:00.000Z',
};

describe('resolveDemo', () => {
  it('turns keys, links, roles and relative days into ids and dates', () => {
    const { records, issues } = resolveDemo(
      app,
      {
        contract: [
          { $id: 'c1', title: '$today+30d', owner: '$role:legal', dept: '$dept:director' },
          { title: '$now-2d', links: ['$demo:contract/c1'], rows: [{ at: '$today-10d' }] },
        ],
      },
      context,
    );
    assert.deepEqual(issues, []);
    assert.deepEqual(records[0], {
      table: 'contract',
      key: 'c1',
      id: 'record:t-contract-c1',
      values: { title: '2026-04-09', owner: 'user:legal-1' },
    });
    assert.equal(records[1]!.key, '2');
    assert.deepEqual(records[1]!.values, {
      title: '2026-03-08T08:00:00.000Z',
      links: ['record:t-contract-c1'],
      rows: [{ at: '2026-02-28' }],
    });
  });

  it('names a reference to nothing, an unknown role and a repeated key', () => {
    const { issues } = resolveDemo(
      app,
      {
        contract: [
          { $id: 'c1', owner: '$role:cfo' },
          { $id: 'c1', title: '$demo:contract/c9' },
          { $id: 'bad key!' },
        ],
      },
      context,
    );
    assert.deepEqual(
      issues.map((one) => [one.path, one.code]),
      [
        ['/demo/contract/1/$id', 'pack.demoKeyTwice'],
        ['/demo/contract/2/$id', 'pack.demoKey'],
        ['/demo/contract/0/owner', 'pack.demoRole'],
        ['/demo/contract/1/title', 'pack.demoRef'],
      ],
    );
    assert.match(issues[3]!.message.en, /table "contract" has no demo record with key "c9"/);
  });

  it('is part of validatePack', () => {
    const platform = createPlatform({ plugins: [testFields, testNodes] });
    const pack = samplePack();
    pack.demo = { contract: [{ title: 'A', amount: '10.00', owner: '$role:nobody' }] };
    const result = platform.validatePack(pack);
    assert.deepEqual(
      result.issues.map((one) => [one.path, one.code]),
      [['/demo/contract/0/owner', 'pack.demoRole']],
    );
  });
});

describe('packAppId', () => {
  it('makes an app id of a pack name', () => {
    assert.equal(packAppId('contract'), 'contract');
    assert.equal(packAppId('after-sales'), 'after_sales');
    assert.equal(packAppId('@acme/it.asset'), 'it_asset');
    assert.equal(packAppId('9lives'), 'p_9lives');
  });
});
