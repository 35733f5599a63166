import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { multiSelectField } from '../src/index.ts';
import { codes, field, fieldCtx, table, valueCtx } from './helpers.ts';

const ctx = valueCtx();
const options = ['a', 'b', 'c'].map((value) => ({ value, label: value.toUpperCase() }));

describe('multi-select', () => {
  it('accepts distinct option values up to maxItems', () => {
    const f = field('multi-select', { options, maxItems: 2 });
    assert.deepEqual(multiSelectField.validate(['a', 'c'], f, ctx), []);
    assert.deepEqual(multiSelectField.validate([], f, ctx), []);
    assert.deepEqual(codes(multiSelectField.validate(['a', 'a'], f, ctx)), [
      '/1 multi-select.duplicate',
    ]);
    assert.deepEqual(codes(multiSelectField.validate(['a', 'z'], f, ctx)), [
      '/1 multi-select.option',
    ]);
    assert.deepEqual(codes(multiSelectField.validate(['a', 'b', 'c'], f, ctx)), [
      ' multi-select.max-items',
    ]);
    assert.deepEqual(codes(multiSelectField.validate([1], f, ctx)), ['/0 multi-select.type']);
    assert.deepEqual(codes(multiSelectField.validate('a', f, ctx)), [' multi-select.type']);
  });

  it('uses dictionaries like select and is a list<string> in CEL', () => {
    const f = field('multi-select', { dictionary: 'colors' });
    assert.deepEqual(multiSelectField.validate(['red'], f, ctx), []);
    assert.equal(
      multiSelectField.celType(
        f,
        fieldCtx(table('t', [{ id: 'f', type: 'multi-select', label: 'F' }])),
      ),
      'list<string>',
    );
    assert.deepEqual(multiSelectField.defaultValue(f), []);
    assert.equal(multiSelectField.form.isEmpty([]), true);
  });

  it('checks its definition like select', () => {
    const defCtx = fieldCtx(table('t', [{ id: 'f', type: 'multi-select', label: 'F' }]));
    assert.deepEqual(
      codes(multiSelectField.checkDefinition?.(field('multi-select', {}), defCtx) ?? []),
      ['/config multi-select.source'],
    );
    assert.equal(
      multiSelectField.form.format(['a', 'b'], field('multi-select', { options }) as never, 'en'),
      'A, B',
    );
  });
});
