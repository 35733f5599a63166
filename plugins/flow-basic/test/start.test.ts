import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startNode } from '../src/index.ts';
import { validate } from './validate.ts';

describe('start node', () => {
  it('has no way in and one way out', () => {
    assert.equal(startNode.shape, 'start');
    assert.deepEqual(startNode.incoming, { min: 0, max: 0 });
    assert.deepEqual(startNode.outgoing, { min: 1, max: 1 });
    assert.ok(!startNode.createsTasks);
  });

  it('accepts no initiators (anyone) or a list of rules', () => {
    assert.deepEqual(validate(startNode.config, {}), []);
    const config = { initiators: [{ kind: 'role', role: 'marketingManager' }] };
    assert.deepEqual(validate(startNode.config, config), []);
  });

  it('refuses a bad initiator rule at its path', () => {
    const found = validate(startNode.config, { initiators: [{ kind: 'everyone' }] });
    assert.ok(found.some((one) => one.path === '/initiators/0/kind' && one.code === 'schema.enum'));
  });

  it('reports its initiators for resolvability', () => {
    const initiators = [
      { kind: 'role', role: 'director' } as const,
      { kind: 'initiator' } as const,
    ];
    assert.deepEqual(startNode.assignees?.({ initiators }), [
      { path: '/config/initiators/0', rule: initiators[0] },
      { path: '/config/initiators/1', rule: initiators[1] },
    ]);
    assert.deepEqual(startNode.assignees?.({}), []);
  });
});
