import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parallelSplitNode } from '../src/index.ts';
import { validate } from './validate.ts';

describe('parallel-split node', () => {
  it('is a split with at least two ways out', () => {
    assert.equal(parallelSplitNode.shape, 'split');
    assert.deepEqual(parallelSplitNode.incoming, { min: 1, max: Number.POSITIVE_INFINITY });
    assert.deepEqual(parallelSplitNode.outgoing, { min: 2, max: Number.POSITIVE_INFINITY });
  });

  it('holds no config', () => {
    assert.deepEqual(validate(parallelSplitNode.config, {}), []);
    assert.equal(
      validate(parallelSplitNode.config, { branches: 2 })[0]?.code,
      'schema.additionalProperties',
    );
  });
});
