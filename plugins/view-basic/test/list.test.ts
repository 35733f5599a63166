import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listView } from '../src/index.ts';
import { validate } from './validate.ts';

describe('list view', () => {
  it('lists records rather than aggregating them', () => {
    assert.equal(listView.aggregates, false);
  });

  it('accepts page sizes from 10 to 500 and row numbers', () => {
    assert.deepEqual(validate(listView.config, {}), []);
    assert.deepEqual(validate(listView.config, { pageSize: 10, showRowNumbers: true }), []);
    assert.deepEqual(validate(listView.config, { pageSize: 500 }), []);
  });

  it('refuses page sizes outside 10–500 or not whole', () => {
    const codes = (pageSize: unknown) =>
      validate(listView.config, { pageSize }).map((one) => [one.path, one.code]);
    assert.deepEqual(codes(9), [['/pageSize', 'schema.minimum']]);
    assert.deepEqual(codes(501), [['/pageSize', 'schema.maximum']]);
    assert.deepEqual(codes(25.5), [['/pageSize', 'schema.type']]);
  });

  it('refuses a non-boolean showRowNumbers', () => {
    assert.deepEqual(
      validate(listView.config, { showRowNumbers: 'yes' }).map((one) => [one.path, one.code]),
      [['/showRowNumbers', 'schema.type']],
    );
  });
});
