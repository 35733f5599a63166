import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  autoNumberCounterKey,
  autoNumberField,
  formatAutoNumber,
  parseAutoNumberPattern,
} from '../src/index.ts';
import { codes, field, fieldCtx, table, valueCtx } from './helpers.ts';

const day = new Date('2026-03-05T10:00:00Z');
const patternCodes = (pattern: string) => codes(parseAutoNumberPattern(pattern).issues);

describe('auto-number', () => {
  it('formats date tokens and the padded sequence', () => {
    assert.equal(formatAutoNumber('HT-{yyyy}-{seq:4}', day, 1), 'HT-2026-0001');
    assert.equal(formatAutoNumber('{yy}{MM}{dd}{seq:3}', day, 42), '260305042');
    assert.equal(
      formatAutoNumber('报销-{seq:2}', day, 123),
      '报销-123',
      'overflow keeps every digit',
    );
  });

  it('reads the calendar day in the given time zone', () => {
    const lateUtc = new Date('2026-12-31T20:00:00Z');
    assert.equal(formatAutoNumber('{yyyy}{MM}{dd}-{seq:1}', lateUtc, 1), '20261231-1');
    assert.equal(
      formatAutoNumber('{yyyy}{MM}{dd}-{seq:1}', lateUtc, 1, 'Asia/Shanghai'),
      '20270101-1',
    );
  });

  it('reports bad patterns', () => {
    assert.deepEqual(patternCodes('HT-{yyyy}-{seq:4}'), []);
    assert.deepEqual(patternCodes('HT-{yyyy}'), [' auto-number.seq-missing']);
    assert.deepEqual(patternCodes('{seq:3}-{seq:4}'), [' auto-number.seq-duplicate']);
    assert.deepEqual(patternCodes('{seq:0}'), [' auto-number.seq-width']);
    assert.deepEqual(patternCodes('{seq:13}'), [' auto-number.seq-width']);
    assert.deepEqual(patternCodes('{YYYY}-{seq:4}'), [' auto-number.token']);
    assert.deepEqual(patternCodes('HT-{yyyy-{seq:4}'), [
      ' auto-number.token',
      ' auto-number.seq-missing',
    ]);
    assert.deepEqual(patternCodes('HT-{seq:4'), [' auto-number.brace', ' auto-number.seq-missing']);
    assert.deepEqual(patternCodes('HT}-{seq:4}'), [
      ' auto-number.brace',
      ' auto-number.seq-missing',
    ]);
    assert.throws(() => formatAutoNumber('HT-{yyyy}', day, 1), /seq/);
    assert.throws(() => formatAutoNumber('{seq:4}', day, 0), RangeError);
  });

  it('names the counter a pattern resets on', () => {
    assert.equal(parseAutoNumberPattern('HT-{yyyy}-{seq:4}').resetPeriod, 'year');
    assert.equal(autoNumberCounterKey('HT-{yyyy}-{seq:4}', day), '2026');
    assert.equal(autoNumberCounterKey('{yy}{MM}-{seq:4}', day), '2026-03');
    assert.equal(autoNumberCounterKey('{yyyy}{MM}{dd}{seq:4}', day), '2026-03-05');
    assert.equal(autoNumberCounterKey('NO-{seq:6}', day), '');
  });

  it('is derived; validate checks values against the pattern; checkDefinition the pattern', () => {
    const f = field('auto-number', { pattern: 'HT-{yyyy}-{seq:4}' });
    assert.equal(autoNumberField.derived, true);
    assert.deepEqual(autoNumberField.validate('HT-2026-0001', f, valueCtx()), []);
    assert.deepEqual(autoNumberField.validate('HT-2026-12345', f, valueCtx()), []);
    assert.deepEqual(codes(autoNumberField.validate('HT-26-0001', f, valueCtx())), [
      ' auto-number.format',
    ]);
    assert.deepEqual(codes(autoNumberField.validate(1, f, valueCtx())), [' auto-number.type']);
    const ctx = fieldCtx(table('t', [{ id: 'f', type: 'auto-number', label: 'No' }]));
    assert.deepEqual(
      codes(
        autoNumberField.checkDefinition?.(field('auto-number', { pattern: 'HT-{seq}' }), ctx) ?? [],
      ),
      ['/config/pattern auto-number.token', '/config/pattern auto-number.seq-missing'],
    );
  });
});
