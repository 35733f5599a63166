import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPlatform, defineFunction, definePlugin, PluginError } from '../src/index.ts';
import { samplePack } from './fixtures/sample-pack.ts';
import { testFields, testNodes, textType } from './fixtures/test-plugins.ts';

describe('createPlatform', () => {
  it('fills per-instance registries from the plugins given', () => {
    const one = createPlatform({ plugins: [testFields, testNodes] });
    const two = createPlatform({ plugins: [testFields] });
    assert.deepEqual(one.fieldTypes.ids(), ['text', 'money', 'user']);
    assert.equal(one.nodeTypes.has('task'), true);
    assert.equal(one.nodeTypes.pluginOf('task'), '@test/nodes');
    assert.equal(two.nodeTypes.ids().length, 0);
  });

  it('refuses a duplicate field type, naming both plugins', () => {
    const copy = definePlugin({ name: '@acme/text', version: '1.0.0', fieldTypes: [textType] });
    assert.throws(
      () => createPlatform({ plugins: [testFields, copy] }),
      (error: unknown) =>
        error instanceof PluginError &&
        error.message ===
          'field type "text" is contributed by both "@test/fields" and "@acme/text"; remove one of the two plugins',
    );
  });

  it('refuses unmet requirements, naming the plugin and what it needs', () => {
    assert.throws(() => createPlatform({ plugins: [testNodes] }), {
      name: 'PluginError',
      message: 'plugin "@test/nodes" needs plugin "@test/fields" ^1.0.0, which is not installed',
    });
    const old = definePlugin({ ...testFields, version: '0.9.0' });
    assert.throws(() => createPlatform({ plugins: [old, testNodes] }), {
      message:
        'plugin "@test/nodes" needs plugin "@test/fields" ^1.0.0, but version 0.9.0 is installed',
    });
  });

  it('refuses a plugin given twice or with a bad version', () => {
    assert.throws(
      () => createPlatform({ plugins: [testFields, testFields] }),
      /plugin "@test\/fields" is given twice/,
    );
    const bad = definePlugin({ name: 'x', version: 'v1' });
    assert.throws(
      () => createPlatform({ plugins: [bad] }),
      /version "v1", which is not a semantic version/,
    );
  });

  it('refuses the same function signature from two plugins', () => {
    const fn = defineFunction({ signature: 'twice(int): int', handler: (n: bigint) => n * 2n });
    const a = definePlugin({ name: 'a', version: '1.0.0', functions: [fn] });
    const b = definePlugin({ name: 'b', version: '1.0.0', functions: [fn] });
    assert.throws(
      () => createPlatform({ plugins: [a, b] }),
      /function "twice" \(twice\(int\): int\) is contributed by both "a" and "b"/,
    );
  });

  it('gives plugin functions to expressions', () => {
    const fn = defineFunction({ signature: 'twice(int): int', handler: (n: bigint) => n * 2n });
    const platform = createPlatform({
      plugins: [
        testFields,
        testNodes,
        definePlugin({ name: 'math', version: '1.0.0', functions: [fn] }),
      ],
    });
    const app = platform.loadPack(samplePack());
    const env = platform.expressions({ ...app, id: 'sample' }, 'contract');
    assert.equal(env.compile('twice(size(title))', 'int').evaluate({ title: 'abc' }), 6n);
  });

  it('builds a typed environment per table and caches it', () => {
    const platform = createPlatform({ plugins: [testFields, testNodes] });
    const app = { ...platform.loadPack(samplePack()), id: 'sample' };
    const env = platform.expressions(app, 'contract');
    assert.equal(platform.expressions(app, 'contract'), env);
    assert.deepEqual(
      env.variables.map((one) => `${one.name}:${one.type}`),
      [
        'title:string',
        'amount:decimal',
        'owner:string',
        'dept:string',
        'now:timestamp',
        'currentUser:map',
      ],
    );
    assert.equal(
      env
        .compile('amount > 10000 && dept == "市场部"')
        .evaluate({ amount: '10000.01', dept: '市场部' }),
      true,
    );
    assert.equal(env.check('amount > 10000 && dept == 3')?.code, 'type');
  });

  it('gives the JSON Schema of records and validates records', () => {
    const platform = createPlatform({ plugins: [testFields, testNodes] });
    const app = { ...platform.loadPack(samplePack()), id: 'sample' };
    const schema = platform.recordSchema(app, 'contract') as {
      properties: Record<string, { type: string; title: string }>;
      required: string[];
    };
    assert.deepEqual(schema.required, ['title', 'amount']);
    assert.equal(schema.properties.amount!.type, 'string');
    assert.equal(schema.properties.amount!.title, 'Amount');
    assert.deepEqual(
      platform
        .validateRecord(app, 'contract', { amount: 'lots', owner: 'u1' })
        .map((one) => [one.path, one.code]),
      [
        ['/title', 'record.required'],
        ['/amount', 'money.format'],
      ],
    );
    assert.equal(
      platform.validateRecord(app, 'contract', { title: 'x' })[0]?.message['zh-CN'],
      '"金额"为必填项',
    );
  });
});
