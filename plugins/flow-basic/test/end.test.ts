import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { endNode } from '../src/index.ts';
import { validate } from './validate.ts';

describe('end node', () => {
  it('has ways in and none out', () => {
    assert.equal(endNode.shape, 'end');
    assert.deepEqual(endNode.incoming, { min: 1, max: Number.POSITIVE_INFINITY });
    assert.deepEqual(endNode.outgoing, { min: 0, max: 0 });
  });

  it('accepts each outcome, or none (approved)', () => {
    for (const outcome of ['approved', 'rejected', 'cancelled']) {
      assert.deepEqual(validate(endNode.config, { outcome }), []);
    }
    assert.deepEqual(validate(endNode.config, {}), []);
    assert.equal(endNode.designer.defaultConfig().outcome, 'approved');
  });

  it('refuses an unknown outcome at /outcome', () => {
    const found = validate(endNode.config, { outcome: 'done' });
    assert.deepEqual(
      found.map((one) => [one.path, one.code]),
      [['/outcome', 'schema.enum']],
    );
  });
});
