import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { datetimeField } from '../src/index.ts';
import { codes, field, valueCtx } from './helpers.ts';

const ctx = valueCtx();
const f = field('datetime', {});

describe('datetime', () => {
  it('accepts ISO 8601 with Z or an offset', () => {
    for (const value of [
      '2024-05-01T09:30:00Z',
      '2024-05-01T09:30+08:00',
      '2024-02-29T23:59:59.123456-05:00',
    ]) {
      assert.deepEqual(datetimeField.validate(value, f, ctx), [], value);
    }
  });

  it('refuses times without offset and times that do not exist', () => {
    for (const value of [
      '2024-05-01T09:30:00',
      '2024-05-01',
      '2023-02-29T10:00:00Z',
      '2024-05-01T24:00:00Z',
      '2024-05-01T10:00:00+15:00',
      1714555800000,
    ]) {
      assert.deepEqual(
        codes(datetimeField.validate(value, f, ctx)),
        [' datetime.format'],
        String(value),
      );
    }
  });

  it('is a CEL timestamp; fromCel gives toISOString()', () => {
    const cel = datetimeField.toCel('2024-05-01T09:30:00+08:00', f) as Date;
    assert.equal(cel.toISOString(), '2024-05-01T01:30:00.000Z');
    assert.equal(datetimeField.fromCel(cel, f), '2024-05-01T01:30:00.000Z');
    assert.equal(datetimeField.celType(f, undefined as never), 'timestamp');
  });

  it('orders by instant, not by text', () => {
    const later = '2024-05-01T09:00:00+00:00';
    const earlier = '2024-05-01T10:00:00+08:00';
    assert.ok(datetimeField.compare(earlier, later, f) < 0);
  });

  it('formats as YYYY-MM-DD HH:mm in local time and parses local input', () => {
    assert.match(
      datetimeField.form.format('2024-05-01T09:30:00Z', f as never, 'en'),
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
    );
    const parsed = datetimeField.form.parseInput?.('2024-05-01T09:30', f as never);
    assert.ok(
      parsed && 'value' in parsed && datetimeField.validate(parsed.value, f, ctx).length === 0,
    );
  });
});
