import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timerNode } from '../src/index.ts';
import { validate } from './validate.ts';

describe('timer node', () => {
  it('is a step with one way out', () => {
    assert.equal(timerNode.shape, 'step');
    assert.deepEqual(timerNode.outgoing, { min: 1, max: 1 });
  });

  it('waits for a duration or until a time', () => {
    assert.deepEqual(validate(timerNode.config, { wait: { after: 'PT4H' } }), []);
    assert.deepEqual(validate(timerNode.config, { wait: { until: 'serviceStart' } }), []);
  });

  it('needs exactly one of after and until', () => {
    const paths = (wait: unknown) =>
      validate(timerNode.config, { wait }).map((one) => [one.path, one.code]);
    assert.deepEqual(paths({}), [['/wait', 'schema.minProperties']]);
    assert.deepEqual(paths({ after: 'P1D', until: 'serviceStart' }), [
      ['/wait', 'schema.maxProperties'],
    ]);
    assert.deepEqual(paths({ after: 'one day' }), [['/wait/after', 'schema.pattern']]);
    assert.deepEqual(
      validate(timerNode.config, {}).map((one) => [one.path, one.code]),
      [['', 'schema.required']],
    );
  });

  it('reports until as a timestamp expression', () => {
    assert.deepEqual(
      timerNode.expressions?.({ wait: { until: 'serviceStart - duration("24h")' } }),
      [
        {
          path: '/config/wait/until',
          source: 'serviceStart - duration("24h")',
          expect: 'timestamp',
        },
      ],
    );
    assert.deepEqual(timerNode.expressions?.({ wait: { after: 'P1D' } }), []);
  });
});
