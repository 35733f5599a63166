import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from '@tessera/core';
import { numberField } from '../src/index.ts';
import { codes, field, valueCtx } from './helpers.ts';

const ctx = valueCtx();
const num = (config: { scale?: number; min?: number; max?: number; unit?: string } = {}) =>
  field('number', config);
const noCtx = undefined as never;

describe('number', () => {
  it('is a CEL int with scale 0 and a double otherwise', () => {
    assert.equal(numberField.celType(num(), noCtx), 'int');
    assert.equal(numberField.toCel(42, num()), 42n);
    assert.equal(numberField.celType(num({ scale: 2 }), noCtx), 'double');
    assert.equal(numberField.toCel(4.25, num({ scale: 2 })), 4.25);
    assert.equal(numberField.valueSchema(num(), noCtx).type, 'integer');
  });

  it('fromCel takes ints, doubles and decimals, rounding half up to the scale', () => {
    assert.equal(numberField.fromCel(42n, num()), 42);
    assert.equal(numberField.fromCel(2.5, num()), 3);
    assert.equal(numberField.fromCel(0.1 + 0.2, num({ scale: 2 })), 0.3);
    assert.equal(numberField.fromCel(new Decimal('1.005'), num({ scale: 2 })), 1.01);
    assert.equal(numberField.fromCel('x', num()), 'x');
  });

  it('checks decimal places, bounds and safe integers', () => {
    assert.deepEqual(numberField.validate(12, num(), ctx), []);
    assert.deepEqual(codes(numberField.validate(1.5, num(), ctx)), [' number.scale']);
    assert.deepEqual(codes(numberField.validate(1.234, num({ scale: 2 }), ctx)), [' number.scale']);
    assert.deepEqual(codes(numberField.validate(2 ** 60, num(), ctx)), [' number.safe-integer']);
    assert.deepEqual(codes(numberField.validate(-1, num({ min: 0 }), ctx)), [' number.min']);
    assert.deepEqual(codes(numberField.validate(11, num({ max: 10 }), ctx)), [' number.max']);
    for (const bad of ['12', Number.NaN, Number.POSITIVE_INFINITY, null, {}]) {
      assert.deepEqual(codes(numberField.validate(bad, num(), ctx)), [' number.type']);
    }
  });

  it('formats with separators, scale and unit; parses typed input', () => {
    assert.equal(
      numberField.form.format(1234567.5, num({ scale: 2, unit: 'kg' }) as never, 'en'),
      '1,234,567.50 kg',
    );
    assert.deepEqual(numberField.form.parseInput?.('1,234.5', num() as never), { value: 1234.5 });
    assert.ok('issue' in (numberField.form.parseInput?.('12x', num() as never) ?? {}));
  });
});
