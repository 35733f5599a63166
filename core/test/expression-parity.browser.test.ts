import { celToJson } from '../src/expression/cel-values.ts';
import { createExpressionEnvironment } from '../src/expression/environment.ts';
import { caseVariables, expressionCases } from './expression-cases.ts';

// Runs in Chromium (web-test-runner, mocha globals): the same cases as Node must give the same JSON.
declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => void) => void;

describe('expressions in Chromium', () => {
  const env = createExpressionEnvironment({ variables: caseVariables });
  for (const one of expressionCases) {
    it(`${one.source} with ${JSON.stringify(one.values)}`, () => {
      const actual = JSON.stringify(celToJson(env.compile(one.source).evaluate(one.values)));
      const expected = JSON.stringify(one.expected);
      if (actual !== expected) throw new Error(`expected ${expected}, got ${actual}`);
    });
  }

  it('refuses matches() in the browser too', () => {
    const error = env.check('dept.matches("(a+)+$")');
    if (error?.code !== 'unsafe_regex')
      throw new Error(`expected unsafe_regex, got ${error?.code}`);
  });
});
