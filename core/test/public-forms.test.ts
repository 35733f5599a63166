import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPlatform, type Issue } from '../src/index.ts';
import { samplePack } from './fixtures/sample-pack.ts';
import { testFields, testNodes } from './fixtures/test-plugins.ts';

const platform = createPlatform({ plugins: [testFields, testNodes] });

/** The sample pack with a second table (`note`) and its form, plus the given public forms. */
function packWith(publicForms: unknown[]): Record<string, unknown> {
  const pack = samplePack() as {
    tables: Record<string, unknown>[];
    forms: Record<string, unknown>[];
  } & Record<string, unknown>;
  pack.tables.push({
    id: 'note',
    label: 'Note',
    kind: 'master',
    titleField: 'text',
    fields: [{ id: 'text', type: 'text', label: 'Text' }],
  });
  pack.forms.push({
    id: 'noteForm',
    label: 'Note',
    table: 'note',
    sections: [{ id: 'main', items: [{ field: 'text' }] }],
  });
  return { ...pack, publicForms };
}

function issuesOf(pack: unknown): Issue[] {
  const result = platform.validatePack(pack);
  return [...result.issues];
}

const intake = {
  id: 'intake',
  label: { en: 'Contract request', 'zh-CN': '合同申请' },
  table: 'contract',
  form: 'contractForm',
  flow: 'approve',
  receiptPrefix: 'CR',
};

describe('publicForms', () => {
  it('accepts a public form over its table, form and flow', () => {
    assert.deepEqual(
      issuesOf(
        packWith([
          intake,
          { ...intake, id: 'notes', table: 'note', form: 'noteForm', flow: undefined },
        ]),
      ),
      [],
    );
  });

  it('accepts an app without public forms (the property is optional: no migration)', () => {
    assert.deepEqual(issuesOf(samplePack()), []);
  });

  it('refuses an unknown table, form or flow at its pointer, in both languages', () => {
    const [table] = issuesOf(packWith([{ ...intake, table: 'order' }]));
    assert.equal(table?.path, '/publicForms/0/table');
    assert.equal(table?.code, 'publicForm.unknownTable');
    assert.match(table!.message['zh-CN'], /表“order”不存在/);

    const found = issuesOf(packWith([{ ...intake, form: 'nope', flow: 'gone' }]));
    assert.deepEqual(
      found.map((one) => [one.path, one.code]),
      [
        ['/publicForms/0/form', 'publicForm.unknownForm'],
        ['/publicForms/0/flow', 'publicForm.unknownFlow'],
      ],
    );
    assert.match(found[1]!.message.en, /starts flow "gone", which does not exist/);
  });

  it('refuses a form or a flow of another table', () => {
    const found = issuesOf(packWith([{ ...intake, table: 'note', form: 'contractForm' }]));
    assert.deepEqual(
      found.map((one) => [one.path, one.code]),
      [
        ['/publicForms/0/form', 'publicForm.formTable'],
        ['/publicForms/0/flow', 'publicForm.flowTable'],
      ],
    );
    assert.match(found[0]!.message.en, /form "contractForm" is over table "contract", not "note"/);
    assert.match(found[1]!.message['zh-CN'], /流程“approve”承载的是表“contract”/);
  });

  it('refuses a repeated id and a malformed receipt prefix', () => {
    const repeated = issuesOf(packWith([intake, intake]));
    assert.deepEqual(
      repeated.map((one) => one.path),
      ['/publicForms/1/id'],
    );
    const prefix = issuesOf(packWith([{ ...intake, receiptPrefix: 'sr-1' }]));
    assert.equal(prefix[0]?.path, '/publicForms/0/receiptPrefix');
  });
});
