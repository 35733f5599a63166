import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from '@tessera/core';
import { percentField } from '../src/index.ts';
import { codes, field, valueCtx } from './helpers.ts';

const ctx = valueCtx();

describe('percent', () => {
  it('holds percent points as decimal text between 0 and 100 by default', () => {
    const f = field('percent', {});
    assert.deepEqual(percentField.validate('12.5', f, ctx), []);
    assert.deepEqual(percentField.validate('100', f, ctx), []);
    assert.deepEqual(codes(percentField.validate('100.01', f, ctx)), [' percent.max']);
    assert.deepEqual(codes(percentField.validate('-1', f, ctx)), [' percent.min']);
    assert.deepEqual(codes(percentField.validate('1.125', f, ctx)), [' percent.scale']);
    assert.deepEqual(codes(percentField.validate(12.5, f, ctx)), [' percent.format']);
  });

  it('honours configured bounds (growth rates may be negative)', () => {
    const f = field('percent', { min: '-50', max: '300', scale: 1 });
    assert.deepEqual(percentField.validate('-20.5', f, ctx), []);
    assert.deepEqual(codes(percentField.validate('-50.5', f, ctx)), [' percent.min']);
  });

  it('is a CEL decimal and formats with a percent sign', () => {
    const f = field('percent', {});
    assert.ok((percentField.toCel('12.5', f) as Decimal).equals(new Decimal('12.5')));
    assert.equal(percentField.fromCel(new Decimal('33.3333'), f), '33.33');
    assert.equal(percentField.form.format('12.5', f as never, 'zh-CN'), '12.5%');
    assert.deepEqual(percentField.form.parseInput?.('12.5%', f as never), { value: '12.50' });
  });
});
