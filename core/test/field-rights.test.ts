import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFieldRights, nodeFieldRights, visibleValues } from '../src/index.ts';

const form = {
  rights: {
    legal: { default: 'read', fields: { opinion: 'edit', items: 'edit', 'items.price': 'read' } },
    finance: { fields: { cost: 'hidden', 'items.cost': 'hidden' } },
  },
} as const;

const before = {
  title: 'Cloud service',
  amount: '1200.00',
  cost: '800.00',
  items: [{ name: 'seat', price: '100.00', cost: '60.00' }],
};

describe('field rights per flow node', () => {
  it('takes the field, then its sub-table, then the node default, then the fallback', () => {
    const legal = nodeFieldRights(form, 'legal', 'edit');
    assert.equal(legal.rightOf('opinion'), 'edit');
    assert.equal(legal.rightOf('title'), 'read');
    assert.equal(legal.rightOf('items.name'), 'edit');
    assert.equal(legal.rightOf('items.price'), 'read');
    const finance = nodeFieldRights(form, 'finance', 'read');
    assert.equal(finance.rightOf('title'), 'read');
    assert.equal(finance.rightOf('cost'), 'hidden');
    assert.equal(nodeFieldRights(form, 'start', 'edit').rightOf('cost'), 'edit');
  });

  it('refuses changes of read-only and hidden fields, naming each', () => {
    const legal = nodeFieldRights(form, 'legal', 'edit');
    assert.deepEqual(checkFieldRights(legal, before, { ...before, opinion: 'agreed' }), []);
    const issues = checkFieldRights(legal, before, { ...before, amount: '1.00', title: undefined });
    assert.deepEqual(
      issues.map((one) => [one.path, one.code]),
      [
        ['/values/title', 'rights.readOnly'],
        ['/values/amount', 'rights.readOnly'],
      ],
    );
    assert.match(issues[1]!.message.en, /"amount" is read-only at node "legal"/);
    assert.match(issues[1]!.message['zh-CN'], /只读/);
    const finance = nodeFieldRights(form, 'finance', 'edit');
    assert.deepEqual(
      checkFieldRights(finance, before, { ...before, cost: '1.00' }).map((one) => one.code),
      ['rights.hidden'],
    );
  });

  it('checks the columns of an editable sub-table row by row; new rows may not fill them', () => {
    const legal = nodeFieldRights(form, 'legal', 'edit');
    const renamed = [{ ...before.items[0], name: 'licence' }];
    assert.deepEqual(checkFieldRights(legal, before, { ...before, items: renamed }), []);
    const repriced = [
      { ...before.items[0], price: '1.00' },
      { name: 'extra', price: '5.00' },
    ];
    assert.deepEqual(
      checkFieldRights(legal, before, { ...before, items: repriced }).map((one) => one.path),
      ['/values/items/0/price', '/values/items/1/price'],
    );
    const added = [...before.items, { name: 'extra' }];
    assert.deepEqual(checkFieldRights(legal, before, { ...before, items: added }), []);
  });

  it('leaves hidden fields and columns out of what the node sees', () => {
    const finance = nodeFieldRights(form, 'finance', 'read');
    assert.deepEqual(visibleValues(finance, before), {
      title: 'Cloud service',
      amount: '1200.00',
      items: [{ name: 'seat', price: '100.00' }],
    });
  });
});
