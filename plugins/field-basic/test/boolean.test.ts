import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { booleanField } from '../src/index.ts';
import { codes, field, valueCtx } from './helpers.ts';

const f = field('boolean', {});

describe('boolean', () => {
  it('accepts true and false only', () => {
    assert.deepEqual(booleanField.validate(true, f, valueCtx()), []);
    assert.deepEqual(booleanField.validate(false, f, valueCtx()), []);
    for (const bad of ['true', 1, null])
      assert.deepEqual(codes(booleanField.validate(bad, f, valueCtx())), [' boolean.type']);
  });

  it('shows 是/否 or Yes/No and parses both languages', () => {
    assert.equal(booleanField.form.format(true, f as never, 'zh-CN'), '是');
    assert.equal(booleanField.form.format(false, f as never, 'zh-CN'), '否');
    assert.equal(booleanField.form.format(true, f as never, 'en'), 'Yes');
    assert.deepEqual(booleanField.form.parseInput?.('否', f as never), { value: false });
    assert.deepEqual(booleanField.form.parseInput?.('YES', f as never), { value: true });
    assert.ok('issue' in (booleanField.form.parseInput?.('maybe', f as never) ?? {}));
  });

  it('starts false and is a CEL bool', () => {
    assert.equal(booleanField.defaultValue(f), false);
    assert.equal(booleanField.celType(f, undefined as never), 'bool');
  });
});
