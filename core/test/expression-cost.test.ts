import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createExpressionEnvironment, createPlatform, ExpressionError } from '../src/index.ts';
import { flowOf, samplePack } from './fixtures/sample-pack.ts';
import { testFields, testNodes } from './fixtures/test-plugins.ts';

const variables = [
  { name: 'items', type: 'list' },
  { name: 'tags', type: 'list<string>' },
  { name: 'notes', type: 'string' },
  { name: 'qty', type: 'int' },
] as const;
const env = createExpressionEnvironment({ variables });

/** A literal list of `n` ones: `[1,1,…]`. */
const ones = (n: number) => `[${Array(n).fill(1).join(',')}]`;
const L = ones(100);
/** The reported attack: four nested maps over literal lists of 100, under 900 characters. */
const attack = `${L}.map(a, ${L}.map(b, ${L}.map(c, ${L}.map(d, a+b+c+d)))).size()`;

/** Runs `run` and returns the ExpressionError it throws (failing the test if it does not). */
function failure(run: () => unknown): ExpressionError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ExpressionError, `expected an ExpressionError, got ${error}`);
    return error;
  }
  assert.fail('expected the evaluation to fail');
}

describe('expression cost at check time', () => {
  it('refuses the nested-comprehension attack, naming the rule, the nesting and the limit', () => {
    assert.ok(attack.length < 900);
    const error = env.check(attack);
    assert.ok(error instanceof ExpressionError, 'the attack must be refused');
    assert.equal(error.code, 'too_costly');
    assert.match(error.message, /4 nested comprehensions over lists of up to 100 elements/);
    assert.match(error.message, /may take up to [\d,]{11,} steps; the limit is 100,000/);
    assert.match(error.detail['zh-CN'], /嵌套 4 层/);
    assert.match(error.detail['zh-CN'], /上限为 100,000 步/);
    assert.equal(error.range?.column, 1, 'it points at the outermost comprehension');
    assert.equal(error.toIssue('/x').code, 'expression.too_costly');
  });

  it('refuses the same attack written with cel.bind, and lists from fields nested too deeply', () => {
    const bound = `cel.bind(L, ${L}, L.map(a, L.map(b, L.map(c, L.map(d, a+b+c+d)))).size())`;
    assert.equal(env.check(bound)?.code, 'too_costly');
    assert.equal(
      env.check('items.map(a, items.map(b, items.map(c, 1))).size()')?.code,
      'too_costly',
    );
    assert.equal(env.check('tags.all(a, tags.exists(b, a == b))')?.code, 'too_costly');
  });

  it('refuses texts and lists that double at every step', () => {
    const doubling = (unit: string, depth: number) => {
      let source = `${unit}${depth}`;
      for (let i = depth; i > 0; i--) {
        source = `cel.bind(${unit}${i}, ${unit}${i - 1} + ${unit}${i - 1}, ${source})`;
      }
      return `cel.bind(${unit}0, ${unit === 's' ? 'notes' : 'tags'}, ${source}).size()`;
    };
    assert.equal(env.check(doubling('s', 4)), undefined);
    assert.equal(env.check(doubling('s', 16))?.code, 'too_costly');
    assert.equal(env.check(doubling('l', 16))?.code, 'too_costly');
  });

  it('accepts everyday expressions over sub-tables, tags and texts', () => {
    for (const source of [
      'items.map(r, r.price * r.qty)',
      'items.filter(r, r.qty > 0).size() > 0',
      'items.exists(r, r.name.contains("x") || r.note.lowerAscii() == "urgent")',
      'tags.exists(t, t == "VIP") && notes.contains("VIP")',
      'notes.split(",").size() <= 3',
      `${ones(10)}.map(a, ${ones(10)}.map(b, a * b)).size() == 100`,
      'qty > 0 ? "some" : "none"',
    ]) {
      assert.equal(env.check(source), undefined, source);
    }
  });

  it('estimates a cost that grows with nesting and list size', () => {
    const one = env.compile(`${L}.map(b, 1 + b)`).cost;
    const two = env.compile(`${L}.map(a, ${L}.map(b, a + b))`).cost;
    assert.ok(one >= 100 && one < 2000, `one loop over 100: ${one}`);
    assert.ok(two >= 100 * one, `two nested loops over 100: ${two}`);
    assert.ok(env.compile('qty + 1').cost < 10);
  });

  it('refuses a costly flow condition when a pack is validated', () => {
    const platform = createPlatform({ plugins: [testFields, testNodes] });
    const pack = samplePack();
    flowOf(pack).edges[1]!.condition = `amount > 0 && ${attack} > 0`;
    const result = platform.validatePack(pack);
    assert.equal(result.ok, false);
    const found = result.issues.filter((one) => one.code === 'expression.too_costly');
    assert.deepEqual(
      found.map((one) => one.path),
      ['/flows/0/edges/1/condition'],
    );
  });
});

describe('expression cost at evaluation', () => {
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ price: i, qty: 2, name: 'r' }));

  it('stops a loop over a sub-table far larger than the check assumed, with a typed error', () => {
    const total = env.compile('items.map(r, r.price * r.qty)');
    assert.equal((total.evaluate({ items: rows(1000) }) as unknown[]).length, 1000);
    const started = Date.now();
    const error = failure(() => total.evaluate({ items: rows(200_000) }));
    assert.equal(error.code, 'budget');
    assert.match(error.message, /more than 100,000 steps/);
    assert.match(error.detail['zh-CN'], /超过 100,000 步/);
    assert.equal(error.toIssue('/x').code, 'expression.budget');
    assert.ok(Date.now() - started < 5000, 'a loose sanity bound only');
  });

  it('stops nested loops that the check let through for small lists', () => {
    const small = createExpressionEnvironment({ variables, limits: { assumedListSize: 5 } });
    const attackOnInput = small.compile(
      'items.map(a, items.map(b, items.map(c, items.map(d, a + b + c + d)))).size()',
    );
    assert.equal(attackOnInput.evaluate({ items: [1, 2, 3] }), 3n);
    const thirty = Array.from({ length: 30 }, (_, i) => i);
    assert.equal(failure(() => attackOnInput.evaluate({ items: thirty })).code, 'budget');
  });

  it('keeps the budget when exists, all or || swallow the error', () => {
    const small = createExpressionEnvironment({ variables, limits: { assumedListSize: 10 } });
    const hiding = small.compile(
      'items.exists(a, items.map(b, a + b).size() < 0) || items.all(a, items.map(b, b).size() > 0) || true',
    );
    assert.equal(hiding.evaluate({ items: [1, 2] }), true);
    const big = Array.from({ length: 1000 }, (_, i) => i);
    assert.equal(failure(() => hiding.evaluate({ items: big })).code, 'budget');
  });

  it('charges texts by their length', () => {
    const scan = env.compile('tags.exists(t, notes.contains(t))');
    const tags = Array.from({ length: 1000 }, (_, i) => `tag${i}`);
    assert.equal(scan.evaluate({ tags, notes: 'no match here' }), false);
    const error = failure(() => scan.evaluate({ tags, notes: 'x'.repeat(100_000) }));
    assert.equal(error.code, 'budget');
  });

  it('gives the same results as before for expressions within budget', () => {
    assert.equal(
      env.compile(`${ones(10)}.map(a, ${ones(10)}.map(b, a * b)).size()`).evaluate(),
      10n,
    );
    assert.equal(
      env.compile('items.filter(r, r.price > 997).size()').evaluate({ items: rows(1000) }),
      2n,
    );
    assert.equal(env.compile('"VIP" in tags').evaluate({ tags: ['a', 'VIP'] }), true);
  });
});
