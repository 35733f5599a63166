import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conditionNode } from '../src/index.ts';
import { validate } from './validate.ts';

describe('condition node', () => {
  it('is exclusive with at least two ways out', () => {
    assert.equal(conditionNode.shape, 'exclusive');
    assert.deepEqual(conditionNode.incoming, { min: 1, max: Number.POSITIVE_INFINITY });
    assert.deepEqual(conditionNode.outgoing, { min: 2, max: Number.POSITIVE_INFINITY });
  });

  it('holds no config: conditions live on its edges', () => {
    assert.deepEqual(validate(conditionNode.config, {}), []);
    const found = validate(conditionNode.config, { condition: 'amount > 1000' });
    assert.deepEqual(
      found.map((one) => [one.path, one.code]),
      [['', 'schema.additionalProperties']],
    );
  });
});
