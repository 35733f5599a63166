import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { longTextField } from '../src/index.ts';
import { codes, field, valueCtx } from './helpers.ts';

const ctx = valueCtx();

describe('long-text', () => {
  it('allows line breaks and 10000 characters by default', () => {
    const f = field('long-text', {});
    assert.deepEqual(longTextField.validate('line 1\nline 2', f, ctx), []);
    assert.deepEqual(longTextField.validate('x'.repeat(10000), f, ctx), []);
    assert.deepEqual(codes(longTextField.validate('x'.repeat(10001), f, ctx)), [
      ' long-text.max-length',
    ]);
  });

  it('honours configured limits and refuses non-text', () => {
    const f = field('long-text', { maxLength: 5, minLength: 2 });
    assert.deepEqual(codes(longTextField.validate('x', f, ctx)), [' long-text.min-length']);
    assert.deepEqual(codes(longTextField.validate('xxxxxx', f, ctx)), [' long-text.max-length']);
    assert.deepEqual(codes(longTextField.validate(['x'], f, ctx)), [' long-text.type']);
    assert.equal(longTextField.celType(f, undefined as never), 'string');
  });
});
