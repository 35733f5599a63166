import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from '@tessera/core';
import fc from 'fast-check';
import { moneyField } from '../src/index.ts';
import { codes, field, valueCtx } from './helpers.ts';

const money = (config: { scale?: number; min?: string; max?: string; currency?: string } = {}) =>
  field('money', config);
const ctx = valueCtx();

describe('money', () => {
  it('accepts decimal text within scale and bounds', () => {
    for (const value of ['0', '12345.67', '-3.5', '999999999999999.99']) {
      assert.deepEqual(moneyField.validate(value, money(), ctx), [], value);
    }
  });

  it('refuses floats, bad text and too many places with exact codes', () => {
    assert.deepEqual(codes(moneyField.validate(12.5, money(), ctx)), [' money.format']);
    assert.deepEqual(codes(moneyField.validate('1e5', money(), ctx)), [' money.format']);
    assert.deepEqual(codes(moneyField.validate('1234567890123456', money(), ctx)), [
      ' money.format',
    ]);
    const [scale] = moneyField.validate('1.234', money(), ctx);
    assert.equal(scale?.code, 'money.scale');
    assert.equal(scale?.message.en, 'has 3 decimal places; at most 2 are allowed');
    assert.equal(scale?.message['zh-CN'], '小数位数为 3，最多允许 2 位');
  });

  it('compares min and max as decimals, not as text', () => {
    const bounded = money({ min: '0', max: '100.00' });
    assert.deepEqual(codes(moneyField.validate('-0.01', bounded, ctx)), [' money.min']);
    assert.deepEqual(codes(moneyField.validate('100.01', bounded, ctx)), [' money.max']);
    assert.deepEqual(moneyField.validate('99.99', bounded, ctx), []);
    assert.deepEqual(moneyField.validate('100', bounded, ctx), []);
  });

  it('maps to CEL decimals and back: 0.10 + 0.20 is exactly 0.30', () => {
    const f = money();
    const sum = (moneyField.toCel('0.10', f) as Decimal).plus(
      moneyField.toCel('0.20', f) as Decimal,
    );
    assert.ok(Decimal.isDecimal(sum));
    assert.equal(moneyField.fromCel(sum, f), '0.30');
  });

  it('fromCel accepts Decimal, BigInt, number and text, rounding half up to the scale', () => {
    const f = money();
    assert.equal(moneyField.fromCel(new Decimal('2.345'), f), '2.35');
    assert.equal(moneyField.fromCel(new Decimal('-2.345'), f), '-2.35');
    assert.equal(moneyField.fromCel(7n, f), '7.00');
    assert.equal(moneyField.fromCel(0.1 + 0.2, f), '0.30');
    assert.equal(moneyField.fromCel('12.5', money({ scale: 0 })), '13');
    assert.equal(moneyField.fromCel(new Decimal('-0.001'), f), '0.00');
    assert.equal(
      moneyField.fromCel('abc', f),
      'abc',
      'what cannot convert passes on for validate to name',
    );
  });

  it('formats with thousands separators and the currency of the locale', () => {
    const f = money() as never;
    assert.equal(moneyField.form.format('1234567.5', f, 'zh-CN'), '¥1,234,567.5');
    assert.equal(moneyField.form.format('-1234.00', f, 'en'), '-CN¥1,234.00');
    assert.equal(
      moneyField.form.format('12.00', money({ currency: 'USD' }) as never, 'en'),
      '$12.00',
    );
  });

  it('parses typed input into decimal text', () => {
    const f = money() as never;
    assert.deepEqual(moneyField.form.parseInput?.('¥ 1,234.5', f), { value: '1234.50' });
    assert.deepEqual(moneyField.form.parseInput?.('', f), { value: undefined });
    assert.ok('issue' in (moneyField.form.parseInput?.('12abc', f) ?? {}));
  });

  it('sorts by amount', () => {
    const sorted = ['10.00', '9.50', '-1.00'].sort((a, b) => moneyField.compare(a, b, money()));
    assert.deepEqual(sorted, ['-1.00', '9.50', '10.00']);
  });

  it('property: fromCel(toCel(x)) === x for canonical decimal text', () => {
    const canonical = fc
      .tuple(
        fc.boolean(),
        fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }),
        fc.integer({ min: 0, max: 99 }),
      )
      .filter(([negative, whole, cents]) => !(negative && whole === 0n && cents === 0))
      .map(
        ([negative, whole, cents]) =>
          `${negative ? '-' : ''}${whole}.${String(cents).padStart(2, '0')}`,
      );
    fc.assert(
      fc.property(canonical, (text) => {
        const f = money();
        assert.deepEqual(moneyField.validate(text, f, ctx), []);
        assert.equal(moneyField.fromCel(moneyField.toCel(text, f), f), text);
      }),
    );
  });

  it('property: sums through CEL decimals equal the exact sum of the cents', () => {
    const cents = fc.array(fc.integer({ min: -10_000_000, max: 10_000_000 }), { maxLength: 30 });
    fc.assert(
      fc.property(cents, (list) => {
        const f = money();
        const texts = list.map((c) => new Decimal(c).dividedBy(100).toFixed(2));
        const total = texts.reduce(
          (sum, text) => sum.plus(moneyField.toCel(text, f) as Decimal),
          new Decimal(0),
        );
        const exact = list.reduce((sum, c) => sum + c, 0);
        assert.equal(moneyField.fromCel(total, f), new Decimal(exact).dividedBy(100).toFixed(2));
      }),
    );
  });
});
