import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parallelJoinNode } from '../src/index.ts';
import { validate } from './validate.ts';

describe('parallel-join node', () => {
  it('is a join with at least two ways in and one out', () => {
    assert.equal(parallelJoinNode.shape, 'join');
    assert.deepEqual(parallelJoinNode.incoming, { min: 2, max: Number.POSITIVE_INFINITY });
    assert.deepEqual(parallelJoinNode.outgoing, { min: 1, max: 1 });
  });

  it('waits for all branches, the only policy', () => {
    assert.deepEqual(validate(parallelJoinNode.config, {}), []);
    assert.deepEqual(validate(parallelJoinNode.config, { wait: 'all' }), []);
    const found = validate(parallelJoinNode.config, { wait: 'first' });
    assert.deepEqual(
      found.map((one) => [one.path, one.code]),
      [['/wait', 'schema.const']],
    );
  });
});
