import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ratingField } from '../src/index.ts';
import { codes, field, valueCtx } from './helpers.ts';

const ctx = valueCtx();

describe('rating', () => {
  it('is a whole number from 0 to max (default 5)', () => {
    const f = field('rating', {});
    assert.deepEqual(ratingField.validate(0, f, ctx), []);
    assert.deepEqual(ratingField.validate(5, f, ctx), []);
    assert.deepEqual(codes(ratingField.validate(6, f, ctx)), [' rating.range']);
    assert.deepEqual(codes(ratingField.validate(-1, f, ctx)), [' rating.range']);
    assert.deepEqual(codes(ratingField.validate(2.5, f, ctx)), [' rating.type']);
    assert.deepEqual(codes(ratingField.validate(9, field('rating', { max: 10 }), ctx)), []);
  });

  it('is a CEL int and shows stars', () => {
    const f = field('rating', {});
    assert.equal(ratingField.toCel(3, f), 3n);
    assert.equal(ratingField.fromCel(4n, f), 4);
    assert.equal(ratingField.form.format(3, f as never, 'en'), '★★★☆☆');
  });
});
