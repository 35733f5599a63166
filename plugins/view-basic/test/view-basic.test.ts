import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { viewBasic } from '../src/index.ts';
import { validate } from './validate.ts';

describe('viewBasic plugin', () => {
  it('contributes list and chart', () => {
    assert.deepEqual(
      viewBasic.viewTypes.map((view) => view.type),
      ['list', 'chart'],
    );
  });

  for (const view of viewBasic.viewTypes) {
    it(`${view.type}: its designer default config validates against its config schema`, () => {
      assert.deepEqual(validate(view.config, view.designer.defaultConfig()), []);
    });

    it(`${view.type}: is labelled in both languages`, () => {
      assert.ok(view.label['zh-CN'].length > 0 && view.label.en.length > 0);
    });

    it(`${view.type}: refuses unknown config properties`, () => {
      const found = validate(view.config, { ...view.designer.defaultConfig(), colour: 'red' });
      assert.ok(found.some((one) => one.path === '' && one.code === 'schema.additionalProperties'));
    });
  }
});
