import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type CompiledExpression,
  createExpressionEnvironment,
  ExpressionError,
} from '../src/index.ts';
import { beyond, generatedExpression, generatedOptions, within } from './generated-expressions.ts';

const env = createExpressionEnvironment(generatedOptions);
/** Environments with budgets from 50 steps up, doubling: each expression is also run under the
 * smallest that its estimate fits, so an estimate more than twice too low shows even when it is
 * far from the main budget. */
const tight = Array.from({ length: 9 }, (_, i) =>
  createExpressionEnvironment({
    ...generatedOptions,
    limits: { ...generatedOptions.limits, maxCost: 50 * 2 ** i },
  }),
);
const tightFor = (cost: number) => tight[Math.max(0, Math.ceil(Math.log2(cost / 50)))];

/** Evaluates, and returns the ExpressionError it fails with (anything else fails the test). */
function outcome(compiled: CompiledExpression, values: Record<string, unknown>) {
  try {
    compiled.evaluate(values);
    return undefined;
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw new Error(`${compiled.source} threw ${String(error)}`);
  }
}

const RUNS = 600;
describe('generated expressions', () => {
  it(`are refused at check or finish within their budget, failing only with ExpressionError (property, ${RUNS} cases)`, () => {
    const counts = { refused: 0, tooCostly: 0, evaluated: 0, failed: 0, stopped: 0 };
    fc.assert(
      fc.property(generatedExpression, (source) => {
        let compiled: CompiledExpression;
        try {
          compiled = env.compile(source);
        } catch (error) {
          assert.ok(error instanceof ExpressionError, `${source} threw ${String(error)} at check`);
          counts.refused += 1;
          if (error.code === 'too_costly') counts.tooCostly += 1;
          return;
        }
        assert.ok(compiled.cost <= 20_000);
        counts.evaluated += 1;
        const small = outcome(compiled, within);
        if (small) counts.failed += 1;
        assert.notEqual(small?.code, 'budget', `${source}: the check's estimate was too low`);
        const closer = tightFor(compiled.cost);
        if (closer) {
          const again = outcome(closer.compile(source), within);
          assert.notEqual(
            again?.code,
            'budget',
            `${source}: estimated ${compiled.cost}, spent more`,
          );
        }
        const started = Date.now();
        const large = outcome(compiled, beyond);
        if (large?.code === 'budget') counts.stopped += 1;
        assert.ok(Date.now() - started < 2000, `${source}: a loose sanity bound only`);
      }),
      { seed: 20_270_527, numRuns: RUNS },
    );
    // the generator reaches every outcome, or the property would prove little
    assert.ok(counts.tooCostly > 10, JSON.stringify(counts));
    assert.ok(counts.evaluated > RUNS / 3, JSON.stringify(counts));
    assert.ok(counts.stopped > 10, JSON.stringify(counts));
  });
});
