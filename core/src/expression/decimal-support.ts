import type { Environment } from '@marcbachmann/cel-js';
import Decimal from 'decimal.js';

/**
 * Registers the `decimal` type: money and percentages are exact decimals, never doubles
 * (0.1 + 0.2 == 0.3 holds). Literals in expressions are ints or doubles, so each operator is
 * also defined between decimal and int/double; doubles enter through their shortest text.
 */
export function registerDecimal(env: Environment): void {
  env.registerType('decimal', Decimal);
  const others = ['int', 'double'] as const;
  const arithmetic = {
    '+': (a: Decimal, b: Decimal) => a.plus(b),
    '-': (a: Decimal, b: Decimal) => a.minus(b),
    '*': (a: Decimal, b: Decimal) => a.times(b),
    '/': (a: Decimal, b: Decimal) => {
      if (b.isZero()) throw new RangeError('division by zero');
      return a.dividedBy(b);
    },
  } as const;
  const comparison = {
    '<': (a: Decimal, b: Decimal) => a.lessThan(b),
    '<=': (a: Decimal, b: Decimal) => a.lessThanOrEqualTo(b),
    '>': (a: Decimal, b: Decimal) => a.greaterThan(b),
    '>=': (a: Decimal, b: Decimal) => a.greaterThanOrEqualTo(b),
    // `!=` is derived from `==` by cel-js
    '==': (a: Decimal, b: Decimal) => a.equals(b),
  } as const;
  const table: Record<string, (a: Decimal, b: Decimal) => unknown> = {
    ...arithmetic,
    ...comparison,
  };
  for (const [op, fn] of Object.entries(table)) {
    const result = op in arithmetic ? 'decimal' : 'bool';
    env.registerOperator(`decimal ${op} decimal: ${result}`, fn);
    for (const other of others) {
      env.registerOperator(`decimal ${op} ${other}: ${result}`, (a: Decimal, b: unknown) =>
        fn(a, asDecimal(b)),
      );
      // equality is symmetric in cel-js: registering one side registers both
      if (op === '==') continue;
      env.registerOperator(`${other} ${op} decimal: ${result}`, (a: unknown, b: Decimal) =>
        fn(asDecimal(a), b),
      );
    }
  }
  env.registerOperator('-decimal: decimal', (a: Decimal) => a.negated());
  env.registerFunction('decimal(string): decimal', (text: string) => parseDecimal(text));
  env.registerFunction('decimal(int): decimal', (value: bigint) => new Decimal(value.toString()));
  env.registerFunction('decimal(double): decimal', (value: number) => asDecimal(value));
  env.registerFunction('decimal(decimal): decimal', (value: Decimal) => value);
  env.registerFunction('double(decimal): double', (value: Decimal) => value.toNumber());
  env.registerFunction('string(decimal): string', (value: Decimal) => value.toString());
  env.registerFunction('int(decimal): int', (value: Decimal) =>
    BigInt(value.truncated().toFixed(0)),
  );
  env.registerFunction('round(decimal, int): decimal', (value: Decimal, places: bigint) =>
    value.toDecimalPlaces(clampPlaces(places), Decimal.ROUND_HALF_UP),
  );
  env.registerFunction('round(double, int): double', (value: number, places: bigint) =>
    asDecimal(value).toDecimalPlaces(clampPlaces(places), Decimal.ROUND_HALF_UP).toNumber(),
  );
  env.registerFunction('abs(decimal): decimal', (value: Decimal) => value.abs());
  env.registerFunction('abs(int): int', (value: bigint) => (value < 0n ? -value : value));
  env.registerFunction('abs(double): double', (value: number) => Math.abs(value));
}

/** Literals such as the 10000 of `amount > 10000` recur on every evaluation: decimals are immutable, so share them. */
const literals = new Map<bigint | number, Decimal>();

function asDecimal(value: unknown): Decimal {
  if (value instanceof Decimal) return value;
  if (typeof value === 'bigint' || typeof value === 'number') {
    const known = literals.get(value);
    if (known) return known;
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new RangeError(`${value} is not a finite number`);
    const made = new Decimal(String(value));
    if (literals.size >= 4096) literals.clear();
    literals.set(value, made);
    return made;
  }
  throw new TypeError(`cannot use ${typeof value} as a decimal`);
}

function parseDecimal(text: string): Decimal {
  if (!/^\s*-?\d{1,30}(\.\d{1,30})?\s*$/.test(text))
    throw new RangeError(`"${text}" is not a decimal number`);
  return new Decimal(text.trim());
}

function clampPlaces(places: bigint): number {
  if (places < 0n || places > 12n) throw new RangeError('round() takes 0 to 12 decimal places');
  return Number(places);
}
