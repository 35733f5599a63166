import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateField } from '../src/index.ts';
import { codes, field, valueCtx } from './helpers.ts';

const ctx = valueCtx();
const f = field('date', {});

describe('date', () => {
  it('accepts real calendar days only', () => {
    assert.deepEqual(dateField.validate('2024-02-29', f, ctx), []);
    assert.deepEqual(codes(dateField.validate('2023-02-29', f, ctx)), [' date.calendar']);
    assert.deepEqual(codes(dateField.validate('2023-02-30', f, ctx)), [' date.calendar']);
    assert.deepEqual(codes(dateField.validate('1900-02-29', f, ctx)), [' date.calendar']);
    assert.deepEqual(dateField.validate('2000-02-29', f, ctx), []);
    assert.deepEqual(codes(dateField.validate('2023-13-01', f, ctx)), [' date.calendar']);
    assert.deepEqual(codes(dateField.validate('2024-2-1', f, ctx)), [' date.format']);
    assert.deepEqual(codes(dateField.validate('2024-02-01T00:00:00Z', f, ctx)), [' date.format']);
  });

  it('is a timestamp at 00:00 UTC in CEL and comes back as its UTC day', () => {
    const cel = dateField.toCel('2024-02-29', f) as Date;
    assert.equal(cel.toISOString(), '2024-02-29T00:00:00.000Z');
    assert.equal(dateField.fromCel(cel, f), '2024-02-29');
    assert.equal(dateField.fromCel(new Date('2024-03-01T23:30:00-02:00'), f), '2024-03-02');
    assert.equal(
      (dateField.toCel('0099-01-01', f) as Date).toISOString(),
      '0099-01-01T00:00:00.000Z',
    );
  });

  it('parses typed dates and sorts chronologically', () => {
    assert.deepEqual(dateField.form.parseInput?.('2024/3/5', f as never), { value: '2024-03-05' });
    assert.deepEqual(dateField.form.parseInput?.('2024年3月5日', f as never), {
      value: '2024-03-05',
    });
    assert.ok('issue' in (dateField.form.parseInput?.('2023-02-29', f as never) ?? {}));
    assert.deepEqual(
      ['2024-10-01', '2024-02-01'].sort((a, b) => dateField.compare(a, b, f)),
      ['2024-02-01', '2024-10-01'],
    );
    assert.equal(dateField.form.format('2024-02-29', f as never, 'zh-CN'), '2024-02-29');
  });
});
