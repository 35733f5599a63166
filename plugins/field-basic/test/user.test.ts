import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { userField } from '../src/index.ts';
import { codes, field, valueCtx } from './helpers.ts';

const ctx = valueCtx();

describe('user', () => {
  it('holds one user id, for assignee rules', () => {
    const f = field('user', {});
    assert.equal(userField.holds, 'user');
    assert.deepEqual(userField.validate('u-1001', f, ctx), []);
    assert.deepEqual(codes(userField.validate('', f, ctx)), [' user.type']);
    assert.deepEqual(codes(userField.validate(['u-1'], f, ctx)), [' user.type']);
    assert.equal(userField.celType(f, undefined as never), 'string');
    assert.equal(userField.defaultValue(f), undefined);
  });

  it('holds a list of distinct ids when multiple', () => {
    const f = field('user', { multiple: true });
    assert.deepEqual(userField.validate(['u-1', 'u-2'], f, ctx), []);
    assert.deepEqual(codes(userField.validate(['u-1', 'u-1'], f, ctx)), ['/1 user.duplicate']);
    assert.deepEqual(codes(userField.validate(['u-1', 7], f, ctx)), ['/1 user.type']);
    assert.deepEqual(codes(userField.validate('u-1', f, ctx)), [' user.type']);
    assert.equal(userField.celType(f, undefined as never), 'list<string>');
    assert.deepEqual(userField.defaultValue(f), []);
    assert.deepEqual(userField.fromCel('u-1', f), ['u-1']);
  });
});
