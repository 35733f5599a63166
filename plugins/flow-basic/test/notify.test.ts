import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { notifyNode } from '../src/index.ts';
import { validate } from './validate.ts';

describe('notify node', () => {
  it('does not block: a step that creates no tasks', () => {
    assert.equal(notifyNode.shape, 'step');
    assert.deepEqual(notifyNode.outgoing, { min: 1, max: 1 });
    assert.ok(!notifyNode.createsTasks);
  });

  it('accepts recipients with a message in both languages', () => {
    const config = {
      recipients: [{ kind: 'department', department: 'sales' }],
      message: { 'zh-CN': '请配合执行', en: 'Please take part' },
    };
    assert.deepEqual(validate(notifyNode.config, config), []);
  });

  it('requires at least one recipient and a non-empty message', () => {
    const none = validate(notifyNode.config, { recipients: [] });
    assert.deepEqual(
      none.map((one) => [one.path, one.code]),
      [['/recipients', 'schema.minItems']],
    );
    const empty = validate(notifyNode.config, {
      recipients: [{ kind: 'initiator' }],
      message: '',
    });
    assert.ok(empty.some((one) => one.path === '/message'));
  });

  it('still reports its recipients for resolvability', () => {
    const recipients = [{ kind: 'field', field: 'cooperatingDepartments' } as const];
    assert.deepEqual(notifyNode.assignees?.({ recipients }), [
      { path: '/config/recipients/0', rule: recipients[0] },
    ]);
  });
});
