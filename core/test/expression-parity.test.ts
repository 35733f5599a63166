import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { celToJson } from '../src/expression/cel-values.ts';
import { createExpressionEnvironment } from '../src/expression/environment.ts';
import { caseVariables, expressionCases } from './expression-cases.ts';

describe('expressions in Node (same cases as the Chromium run)', () => {
  const env = createExpressionEnvironment({ variables: caseVariables });
  for (const one of expressionCases) {
    it(`${one.source} with ${JSON.stringify(one.values)}`, () => {
      assert.deepEqual(celToJson(env.compile(one.source).evaluate(one.values)), one.expected);
    });
  }
});
