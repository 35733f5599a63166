import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type FieldTypeDefinition, type JsonSchema, validateSchema } from '@tessera/core';
import fc from 'fast-check';
import { fieldBasic } from '../src/index.ts';
import { field, fieldCtx, table, types, valueCtx } from './helpers.ts';

/** A usable config and a valid stored value for every type. */
const samples: Record<string, { config: Record<string, unknown>; value: unknown }> = {
  text: { config: { format: 'email' }, value: 'a@b.cn' },
  'long-text': { config: {}, value: 'line 1\nline 2' },
  'rich-text': { config: {}, value: '<p><b>hi</b></p>' },
  number: { config: { scale: 2, min: 0 }, value: 12.5 },
  money: { config: {}, value: '12345.67' },
  percent: { config: {}, value: '12.5' },
  date: { config: {}, value: '2024-02-29' },
  datetime: { config: {}, value: '2024-05-01T09:30:00+08:00' },
  select: { config: { dictionary: 'colors' }, value: 'red' },
  'multi-select': { config: { options: [{ value: 'a', label: 'A' }] }, value: ['a'] },
  boolean: { config: {}, value: true },
  rating: { config: {}, value: 4 },
  user: { config: { multiple: true }, value: ['u1', 'u2'] },
  department: { config: {}, value: 'd1' },
  attachment: {
    config: {},
    value: [{ id: 'f1', name: 'a.pdf', size: 10, type: 'application/pdf' }],
  },
  link: { config: { table: 't' }, value: 'rec-1' },
  computed: { config: { expression: 'price', resultType: 'money' }, value: '1.00' },
  'auto-number': { config: { pattern: 'HT-{yyyy}-{seq:4}' }, value: 'HT-2026-0001' },
  'sub-table': {
    config: {
      fields: [{ id: 'price', type: 'money', label: 'Price' }],
      totals: [{ field: 'price', fn: 'sum' }],
    },
    value: [{ price: '1.00' }],
  },
};

const all = [...types.values()];

/** Lists of objects whose keys are the ones rows and file entries have, with any values. */
const rowLike = fc.array(
  fc.dictionary(fc.constantFrom('price', 'id', 'name', 'size', 'type', 'item'), fc.anything()),
  { maxLength: 5 },
);
const ctx = fieldCtx(table('t', [{ id: 'price', type: 'money', label: 'Price' }]));

describe('plugin', () => {
  it('contributes every basic type once, as a plain object', () => {
    assert.equal(fieldBasic.name, '@tessera/plugin-field-basic');
    assert.equal(fieldBasic.version, '0.1.0');
    assert.deepEqual(
      new Set(fieldBasic.fieldTypes.map((type) => type.type)),
      new Set(Object.keys(samples)),
    );
    assert.equal(fieldBasic.fieldTypes.length, Object.keys(samples).length);
  });

  it('labels each type in both languages and names its element', () => {
    for (const type of all) {
      assert.ok(
        type.label['zh-CN'] && type.label.en && type.label['zh-CN'] !== type.label.en,
        type.type,
      );
      assert.equal(type.form.element, `tessera-field-${type.type}`);
    }
    assert.deepEqual(types.get('money')?.label, { 'zh-CN': '金额', en: 'Money' });
    assert.deepEqual(types.get('sub-table')?.label, { 'zh-CN': '明细表', en: 'Sub-table' });
    assert.deepEqual(types.get('link')?.label, { 'zh-CN': '关联表单', en: 'Link' });
  });

  it('the designer default config of each type satisfies its config schema', () => {
    for (const type of all) {
      const config = {
        ...(type.type === 'link' ? { table: 't' } : {}),
        ...type.designer.defaultConfig(),
      };
      assert.deepEqual(validateSchema(type.config as JsonSchema, config), [], type.type);
    }
  });

  it('sample values pass both validate and the JSON Schema of valueSchema', () => {
    for (const type of all) {
      const sample = samples[type.type]!;
      assert.deepEqual(
        validateSchema(type.config as JsonSchema, sample.config),
        [],
        `${type.type} config`,
      );
      const f = field(type.type, sample.config);
      assert.deepEqual(type.validate(sample.value, f, valueCtx()), [], type.type);
      assert.deepEqual(type.checkDefinition?.(f, ctx) ?? [], [], `${type.type} definition`);
      assert.deepEqual(
        validateSchema(type.valueSchema(f, ctx), sample.value),
        [],
        `${type.type} schema`,
      );
      assert.equal(type.form.isEmpty(sample.value), false, type.type);
      assert.equal(typeof type.form.format(sample.value, f as never, 'zh-CN'), 'string');
    }
  });

  it('property: hooks never throw on arbitrary input; validate returns bilingual issues', () => {
    const check = (type: FieldTypeDefinition, value: unknown) => {
      const f = field(type.type, samples[type.type]!.config);
      const found = type.validate(value, f, valueCtx());
      assert.ok(Array.isArray(found));
      for (const one of found) {
        assert.equal(typeof one.path, 'string');
        assert.match(one.code, /^[a-z-]+\.[a-z-]+$/);
        assert.ok(one.message.en.length > 0 && one.message['zh-CN'].length > 0);
      }
      type.toCel(value, f);
      type.fromCel(value, f);
      type.form.format(value, f as never, 'en');
      // "empty" skips validation in core: it must never hide a value of the wrong kind
      if (type.form.isEmpty(value)) {
        assert.ok(value == null || typeof value === 'string' || Array.isArray(value), type.type);
      }
      type.compare(value, samples[type.type]!.value, f);
    };
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.oneof(fc.jsonValue(), fc.anything(), rowLike), check),
      { numRuns: 2000 },
    );
  });
});
