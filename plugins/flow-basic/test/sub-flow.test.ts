import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type SubFlowConfigValue, subFlowNode } from '../src/index.ts';
import { contextOf, nodeOf } from './fixture.ts';
import { validate } from './validate.ts';

const pay: SubFlowConfigValue = { flow: 'paymentFlow', mapping: { amount: 'amount' }, wait: false };

const check = (config: SubFlowConfigValue, flowId?: string) =>
  subFlowNode.check?.(nodeOf('sub-flow', config), contextOf(flowId)) ?? [];

describe('sub-flow node', () => {
  it('is a step with one way out', () => {
    assert.equal(subFlowNode.shape, 'step');
    assert.deepEqual(subFlowNode.outgoing, { min: 1, max: 1 });
  });

  it('accepts a flow with a mapping, and refuses a missing flow or bad mapping key', () => {
    assert.deepEqual(validate(subFlowNode.config, pay), []);
    assert.deepEqual(
      validate(subFlowNode.config, { wait: true }).map((one) => [one.path, one.code]),
      [['', 'schema.required']],
    );
    const key = validate(subFlowNode.config, {
      flow: 'paymentFlow',
      mapping: { '1st': 'x' },
    });
    assert.deepEqual(
      key.map((one) => [one.path, one.code]),
      [['/mapping', 'schema.additionalProperties']],
    );
  });

  it('reports each mapping expression', () => {
    assert.deepEqual(subFlowNode.expressions?.(pay), [
      {
        path: '/config/mapping/amount',
        source: 'amount',
        fills: { flow: 'paymentFlow', field: 'amount' },
      },
    ]);
    assert.deepEqual(subFlowNode.expressions?.({ flow: 'paymentFlow' }), []);
  });

  it('finds nothing wrong with an existing flow and its fields', () => {
    assert.deepEqual(check(pay), []);
  });

  it('names an unknown flow', () => {
    const found = check({ flow: 'refundFlow' });
    assert.deepEqual(
      found.map((one) => [one.path, one.code]),
      [['/config/flow', 'sub-flow.unknown-flow']],
    );
    assert.match(found[0]!.message.en, /"refundFlow"/);
  });

  it('refuses to start its own flow', () => {
    const found = check({ flow: 'expenseFlow' });
    assert.deepEqual(
      found.map((one) => [one.path, one.code]),
      [['/config/flow', 'sub-flow.self']],
    );
    assert.match(found[0]!.message.en, /"expenseFlow"/);
  });

  it('refuses flows that start each other', () => {
    const found = check({ flow: 'pongFlow' }, 'pingFlow');
    assert.deepEqual(
      found.map((one) => [one.path, one.code]),
      [['/config/flow', 'sub-flow.cycle']],
    );
    assert.match(found[0]!.message.en, /pingFlow → pongFlow → pingFlow/);
  });

  it("names mapping keys that are not fields of the sub-flow's table", () => {
    const found = check({ flow: 'paymentFlow', mapping: { total: 'amount' } });
    assert.deepEqual(
      found.map((one) => [one.path, one.code]),
      [['/config/mapping/total', 'sub-flow.unknown-field']],
    );
    assert.match(found[0]!.message.en, /"total".*"payment"/);
  });
});
