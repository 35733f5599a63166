import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectField } from '../src/index.ts';
import { codes, field, fieldCtx, table, valueCtx } from './helpers.ts';

const ctx = valueCtx();
const options = [
  { value: 'low', label: { 'zh-CN': '低', en: 'Low' } },
  { value: 'high', label: { 'zh-CN': '高', en: 'High' } },
];
const inline = field('select', { options });
const fromDictionary = field('select', { dictionary: 'colors' });
const definitionCtx = fieldCtx(table('t', [{ id: 'f', type: 'select', label: 'F' }]));

describe('select', () => {
  it('accepts only option values, inline or from a dictionary', () => {
    assert.deepEqual(selectField.validate('low', inline, ctx), []);
    assert.deepEqual(codes(selectField.validate('medium', inline, ctx)), [' select.option']);
    assert.deepEqual(selectField.validate('red', fromDictionary, ctx), []);
    assert.deepEqual(codes(selectField.validate('green', fromDictionary, ctx)), [' select.option']);
    assert.deepEqual(codes(selectField.validate(['low'], inline, ctx)), [' select.type']);
  });

  it('reports a dictionary that is gone', () => {
    const [gone] = selectField.validate('red', field('select', { dictionary: 'sizes' }), ctx);
    assert.equal(gone?.code, 'select.dictionary');
    assert.match(gone?.message.en ?? '', /"sizes"/);
  });

  it('checkDefinition wants exactly one source and a known dictionary', () => {
    assert.deepEqual(selectField.checkDefinition?.(inline, definitionCtx), []);
    assert.deepEqual(selectField.checkDefinition?.(fromDictionary, definitionCtx), []);
    assert.deepEqual(
      codes(selectField.checkDefinition?.(field('select', {}), definitionCtx) ?? []),
      ['/config select.source'],
    );
    assert.deepEqual(
      codes(
        selectField.checkDefinition?.(
          field('select', { options, dictionary: 'colors' }),
          definitionCtx,
        ) ?? [],
      ),
      ['/config select.source'],
    );
    const [unknown] =
      selectField.checkDefinition?.(field('select', { dictionary: 'sizes' }), definitionCtx) ?? [];
    assert.equal(unknown?.path, '/config/dictionary');
    assert.equal(unknown?.message.en, 'data dictionary "sizes" does not exist in this app');
    const twice = field('select', { options: [...options, { value: 'low', label: 'again' }] });
    assert.deepEqual(codes(selectField.checkDefinition?.(twice, definitionCtx) ?? []), [
      '/config/options/2/value select.duplicate-option',
    ]);
  });

  it('lists the options in its value schema and shows labels', () => {
    assert.deepEqual(selectField.valueSchema(inline, definitionCtx), {
      type: 'string',
      enum: ['low', 'high'],
    });
    assert.deepEqual(selectField.valueSchema(fromDictionary, definitionCtx), {
      type: 'string',
      enum: ['red', 'blue'],
    });
    assert.equal(selectField.form.format('high', inline as never, 'zh-CN'), '高');
    assert.equal(selectField.form.format('red', fromDictionary as never, 'en'), 'red');
  });
});
