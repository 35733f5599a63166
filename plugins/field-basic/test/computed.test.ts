import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from '@tessera/core';
import { computedField } from '../src/index.ts';
import { codes, field, fieldCtx, table, valueCtx } from './helpers.ts';

type Result = 'number' | 'money' | 'text' | 'date' | 'boolean';
const computed = (
  expression: string,
  resultType: Result,
  extra: { scale?: number; currency?: string } = {},
) => field('computed', { expression, resultType, ...extra });
const t = table('t', [
  { id: 'qty', type: 'number', label: 'Qty' },
  { id: 'price', type: 'money', label: 'Price' },
  { id: 'name', type: 'text', label: 'Name' },
]);
const ctx = fieldCtx(t);

describe('computed', () => {
  it('is derived and behaves as its result type', () => {
    assert.equal(computedField.derived, true);
    assert.equal(computedField.celType(computed('price', 'money'), ctx), 'decimal');
    assert.equal(computedField.celType(computed('qty', 'number'), ctx), 'int');
    assert.equal(computedField.celType(computed('qty', 'number', { scale: 2 }), ctx), 'double');
    assert.equal(computedField.celType(computed('"x"', 'text'), ctx), 'string');
    assert.deepEqual(
      computedField.validate('line 1\nline 2', computed('"x"', 'text'), valueCtx()),
      [],
    );
    assert.equal(computedField.valueSchema(computed('price', 'money'), ctx).type, 'string');
    assert.equal(computedField.valueSchema(computed('true', 'boolean'), ctx).type, 'boolean');
  });

  it('converts results with the result type: money fixed to its scale, dates to days', () => {
    const money = computed('price', 'money', { scale: 2 });
    assert.equal(computedField.fromCel(new Decimal('10').dividedBy(3), money), '3.33');
    assert.ok(Decimal.isDecimal(computedField.toCel('3.33', money)));
    assert.equal(
      computedField.fromCel(new Date('2024-02-29T00:00:00Z'), computed('d', 'date')),
      '2024-02-29',
    );
    assert.equal(computedField.fromCel(7n, computed('qty', 'number')), 7);
    assert.equal(computedField.form.format('1234.5', money as never, 'zh-CN'), '¥1,234.5');
  });

  it('validates stored results by the result type', () => {
    const v = valueCtx();
    assert.deepEqual(computedField.validate('3.33', computed('price', 'money'), v), []);
    assert.deepEqual(codes(computedField.validate('3.333', computed('price', 'money'), v)), [
      ' money.scale',
    ]);
    assert.deepEqual(codes(computedField.validate('x', computed('qty', 'number'), v)), [
      ' number.type',
    ]);
    assert.deepEqual(codes(computedField.validate('2023-02-29', computed('d', 'date'), v)), [
      ' date.calendar',
    ]);
  });

  it('type-checks the expression against the result type', () => {
    assert.deepEqual(computedField.checkDefinition?.(computed('price', 'money'), ctx), []);
    assert.deepEqual(
      computedField.checkDefinition?.(computed('qty', 'money'), ctx),
      [],
      'an int converts to money',
    );
    assert.deepEqual(
      computedField.checkDefinition?.(computed('qty', 'number', { scale: 2 }), ctx),
      [],
    );
    assert.deepEqual(
      codes(computedField.checkDefinition?.(computed('name', 'number'), ctx) ?? []),
      ['/config/expression expression.type'],
    );
    assert.deepEqual(codes(computedField.checkDefinition?.(computed('nope', 'text'), ctx) ?? []), [
      '/config/expression expression.unknown',
    ]);
  });

  it('reports scale and currency where the result type has none', () => {
    assert.deepEqual(
      codes(computedField.checkDefinition?.(computed('"x"', 'text', { scale: 2 }), ctx) ?? []),
      ['/config/scale computed.scale'],
    );
    assert.deepEqual(
      codes(computedField.checkDefinition?.(computed('price', 'money', { scale: 6 }), ctx) ?? []),
      ['/config/scale computed.scale'],
    );
    assert.deepEqual(
      codes(
        computedField.checkDefinition?.(computed('qty', 'number', { currency: 'USD' }), ctx) ?? [],
      ),
      ['/config/currency computed.currency'],
    );
  });
});
