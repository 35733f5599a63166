import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeadlineSchema } from '@tessera/core';
import { flowBasic } from '../src/index.ts';
import { IsoDuration } from '../src/shared/iso-duration.ts';
import { validate } from './validate.ts';

describe('flowBasic plugin', () => {
  it('contributes each node type once', () => {
    const types = flowBasic.nodeTypes.map((node) => node.type);
    assert.deepEqual(new Set(types).size, types.length);
    assert.deepEqual([...types].sort(), [
      'approval',
      'condition',
      'countersign',
      'end',
      'notify',
      'parallel-join',
      'parallel-split',
      'start',
      'sub-flow',
      'timer',
      'write-back',
    ]);
  });

  for (const node of flowBasic.nodeTypes) {
    it(`${node.type}: its designer default config validates against its config schema`, () => {
      assert.deepEqual(validate(node.config, node.designer.defaultConfig()), []);
    });

    it(`${node.type}: is labelled in both languages`, () => {
      assert.ok(node.label['zh-CN'].length > 0 && node.label.en.length > 0);
      assert.notEqual(node.label['zh-CN'], node.label.en);
    });

    it(`${node.type}: refuses unknown config properties`, () => {
      const bad = { ...node.designer.defaultConfig(), colour: 'red' };
      const found = validate(node.config, bad);
      assert.ok(found.some((one) => one.code === 'schema.additionalProperties' && one.path === ''));
    });
  }

  it("uses the same duration form as core's deadline", () => {
    const coreAfter = DeadlineSchema.properties.after as unknown as { pattern: string };
    assert.equal((IsoDuration as unknown as { pattern: string }).pattern, coreAfter.pattern);
  });
});
