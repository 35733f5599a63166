import fc from 'fast-check';
import type { ExpressionEnvironmentOptions } from '../src/index.ts';

/**
 * Expressions generated over CEL's grammar, mostly well-typed so that many get evaluated. The
 * iteration variables (x, y over ints, s, t over texts, r over rows) are also declared, so a
 * body generated for one can always be checked.
 */
export const generatedOptions: ExpressionEnvironmentOptions = {
  variables: [
    { name: 'qty', type: 'int' },
    { name: 'x', type: 'int' },
    { name: 'y', type: 'int' },
    { name: 'amount', type: 'decimal' },
    { name: 'flag', type: 'bool' },
    { name: 'name', type: 'string' },
    { name: 's', type: 'string' },
    { name: 't', type: 'string' },
    { name: 'tags', type: 'list<string>' },
    { name: 'nums', type: 'list<int>' },
    { name: 'counts', type: 'map<string, int>' },
    { name: 'items', type: 'list' },
    { name: 'r', type: 'dyn' },
  ],
  limits: { maxCost: 20_000, assumedListSize: 20, assumedTextLength: 50 },
};

const row = (i: number, text: string) => ({ qty: i, price: i / 2, name: text });
/** A text of `length` characters with a comma, so `split` has work to do. */
const words = (length: number, i = 0) => `w${i},${'x'.repeat(length)}`.slice(0, length);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * Inputs as large as the check assumed (lists of 20, texts of 50 characters; rows are read
 * field by field): an expression the check let through must not run out of budget on them.
 */
export const within = {
  qty: 3,
  x: 2,
  y: -1,
  amount: '12.50',
  flag: true,
  name: words(50),
  s: 'a,b',
  t: '',
  tags: range(20).map((i) => words(50 - (i % 3), i)),
  nums: range(20),
  counts: Object.fromEntries(range(20).map((i) => [`k${i}`, i])),
  items: range(20).map((i) => row(i, words(50, i))),
  r: 'dyn',
};
/** The same inputs, far larger than assumed: the evaluation may be stopped, with a typed error. */
export const beyond = {
  ...within,
  name: 'N,'.repeat(5_000),
  tags: range(3_000).map((i) => `tag ${i},`),
  nums: range(3_000),
  items: range(3_000).map((i) => row(i, `row ${i}`)),
};

const { int, bool, text, ints, texts } = fc.letrec((tie) => {
  const choose = (...arbitraries: fc.Arbitrary<string>[]) =>
    fc.oneof({ maxDepth: 5, depthIdentifier: 'expression' }, ...arbitraries);
  const int = () => tie('int') as fc.Arbitrary<string>;
  const bool = () => tie('bool') as fc.Arbitrary<string>;
  const text = () => tie('text') as fc.Arbitrary<string>;
  const ints = () => tie('ints') as fc.Arbitrary<string>;
  const texts = () => tie('texts') as fc.Arbitrary<string>;
  const ternary = (of: () => fc.Arbitrary<string>) =>
    fc.tuple(bool(), of(), of()).map(([c, a, b]) => `(${c} ? ${a} : ${b})`);
  return {
    int: choose(
      fc.oneof(fc.integer({ min: -3, max: 100 }).map(String), fc.constantFrom('qty', 'x', 'y')),
      fc
        .tuple(int(), fc.constantFrom('+', '-', '*', '/', '%'), int())
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      text().map((one) => `size(${one})`),
      ints().map((list) => `${list}.size()`),
      ints().map((list) => `${list}[0]`),
      fc.constantFrom('counts["a"]', 'counts["z"]', 'counts.size()', 'int(r)'),
      fc.tuple(bool()).map(([b]) => `items.filter(r, ${b}).size()`),
      fc.tuple(int(), int()).map(([v, body]) => `cel.bind(x, ${v}, ${body})`),
      ternary(int),
    ),
    bool: choose(
      fc.constantFrom('true', 'false', 'flag', 'amount > 10', 'has(r.qty)'),
      fc
        .tuple(int(), fc.constantFrom('<', '<=', '==', '!=', '>'), int())
        .map(([a, op, b]) => `${a} ${op} ${b}`),
      fc
        .tuple(text(), fc.constantFrom('==', '<', 'contains', 'startsWith', 'endsWith'), text())
        .map(([a, op, b]) => (/^\w+$/.test(op) ? `${a}.${op}(${b})` : `${a} ${op} ${b}`)),
      fc
        .tuple(bool(), fc.constantFrom('&&', '||'), bool())
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      bool().map((one) => `!${one}`),
      fc.tuple(int(), ints()).map(([one, list]) => `${one} in ${list}`),
      fc.tuple(text(), texts()).map(([one, list]) => `${one} in ${list}`),
      fc
        .tuple(ints(), fc.constantFrom('all', 'exists', 'exists_one'), bool())
        .map(([list, fn, body]) => `${list}.${fn}(x, ${body})`),
      fc
        .tuple(texts(), fc.constantFrom('all', 'exists'), bool())
        .map(([list, fn, body]) => `${list}.${fn}(s, ${body})`),
      fc
        .tuple(int(), text())
        .map(([n, one]) => `items.exists(r, r.qty > ${n} || r.name == ${one})`),
      fc.tuple(texts(), texts()).map(([a, b]) => `${a} == ${b}`),
      ternary(bool),
    ),
    text: choose(
      fc.oneof(
        fc.string({ maxLength: 6 }).map((one) => JSON.stringify(one)),
        fc.constantFrom('name', 's', 't', '","'),
      ),
      fc.tuple(text(), text()).map(([a, b]) => `(${a} + ${b})`),
      fc
        .tuple(text(), fc.constantFrom('lowerAscii', 'upperAscii', 'trim'))
        .map(([one, fn]) => `${one}.${fn}()`),
      fc.tuple(texts(), text()).map(([list, sep]) => `${list}.join(${sep})`),
      int().map((one) => `string(${one})`),
      texts().map((list) => `${list}[0]`),
      fc.tuple(text(), int()).map(([one, n]) => `${one}.substring(${n})`),
      fc.tuple(text(), text()).map(([v, body]) => `cel.bind(s, ${v}, ${body})`),
      ternary(text),
    ),
    ints: choose(
      fc.oneof(
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 5 }).map((l) => `[${l.join(', ')}]`),
        fc.integer({ min: 0, max: 60 }).map((n) => `[${Array(n).fill(1).join(',')}]`),
        fc.constant('nums'),
      ),
      fc.tuple(ints(), ints()).map(([a, b]) => `(${a} + ${b})`),
      fc.tuple(ints(), int()).map(([list, body]) => `${list}.map(x, ${body})`),
      fc.tuple(ints(), int()).map(([list, body]) => `${list}.map(y, ${body})`),
      fc
        .tuple(ints(), ints(), int())
        .map(([outer, inner, body]) => `${outer}.map(x, ${inner}.map(y, ${body}).size())`),
      fc.tuple(ints(), bool()).map(([list, body]) => `${list}.filter(x, ${body})`),
      fc.tuple(texts(), int()).map(([list, body]) => `${list}.map(s, ${body})`),
      fc.constant('items.map(r, int(r.qty))'),
      ternary(ints),
    ),
    texts: choose(
      fc.oneof(
        fc
          .array(fc.constantFrom('"a"', '"VIP"', 'name'), { maxLength: 4 })
          .map((l) => `[${l.join(', ')}]`),
        fc.constant('tags'),
      ),
      fc.tuple(text(), text()).map(([one, sep]) => `${one}.split(${sep})`),
      fc.tuple(texts(), texts()).map(([a, b]) => `(${a} + ${b})`),
      fc.tuple(texts(), text()).map(([list, body]) => `${list}.map(t, ${body})`),
      fc.tuple(ints(), text()).map(([list, body]) => `${list}.map(x, ${body})`),
      fc.tuple(texts(), bool()).map(([list, body]) => `${list}.filter(t, ${body})`),
      fc.constant('items.map(r, string(r.name))'),
      ternary(texts),
    ),
  };
});

/** Any generated expression, of any of the five shapes. */
export const generatedExpression = fc.oneof(int, bool, text, ints, texts);
