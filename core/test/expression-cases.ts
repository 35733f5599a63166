import type { VariableDeclaration } from '../src/expression/environment.ts';

/**
 * Expressions with their inputs and expected JSON results, run by Node (expression.test.ts)
 * and by Chromium (expression-parity.browser.test.ts): both must give exactly these results.
 */
export interface ExpressionCase {
  readonly source: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly expected: unknown;
}

export const caseVariables: readonly VariableDeclaration[] = [
  { name: 'amount', type: 'decimal' },
  { name: 'price', type: 'decimal' },
  { name: 'qty', type: 'int' },
  { name: 'rate', type: 'double' },
  { name: 'dept', type: 'string' },
  { name: 'tags', type: 'list<string>' },
  { name: 'due', type: 'timestamp' },
  { name: 'urgent', type: 'bool' },
];

export const expressionCases: readonly ExpressionCase[] = [
  {
    source: 'amount > 10000 && dept == "市场部"',
    values: { amount: '12000.50', dept: '市场部' },
    expected: true,
  },
  {
    source: 'amount > 10000 && dept == "市场部"',
    values: { amount: '10000', dept: '市场部' },
    expected: false,
  },
  { source: 'amount + price', values: { amount: '0.1', price: '0.2' }, expected: '0.3' },
  {
    source: 'amount + price == decimal("0.3")',
    values: { amount: '0.1', price: '0.2' },
    expected: true,
  },
  { source: 'price * qty', values: { price: '19.99', qty: 3 }, expected: '59.97' },
  { source: 'round(amount / 3, 2)', values: { amount: '100' }, expected: '33.33' },
  { source: 'rate * 2.0', values: { rate: 0.1 }, expected: 0.2 },
  { source: 'qty * 2 + 1', values: { qty: 20 }, expected: 41 },
  { source: '9007199254740993 + qty', values: { qty: 0 }, expected: '9007199254740993' },
  { source: 'size(dept)', values: { dept: '市场部' }, expected: 3 },
  { source: '"VIP" in tags', values: { tags: ['VIP', 'new'] }, expected: true },
  {
    source: 'tags.filter(t, t.startsWith("n"))',
    values: { tags: ['VIP', 'new', 'north'] },
    expected: ['new', 'north'],
  },
  { source: 'daysBetween(due, date("2026-12-01"))', values: { due: '2026-11-23' }, expected: 8 },
  {
    source: 'addDays(due, 7)',
    values: { due: '2026-11-23' },
    expected: '2026-11-30T00:00:00.000Z',
  },
  { source: 'due.getDayOfWeek()', values: { due: '2026-11-23' }, expected: 1 },
  { source: 'urgent ? "P1" : "P3"', values: { urgent: true }, expected: 'P1' },
  { source: 'dept.regexMatch("^(销售|市场)部$")', values: { dept: '销售部' }, expected: true },
  { source: 'qty > 0 || amount > 0', values: {}, expected: false },
  { source: 'dept == ""', values: {}, expected: true },
  { source: '{"a": qty, "b": [1, 2.5]}', values: { qty: 1 }, expected: { a: 1, b: [1, 2.5] } },
];
