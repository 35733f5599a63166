import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPlatform, type Issue } from '@tessera/core';
import { fieldBasic } from '@tessera/plugin-field-basic';
import { flowBasic } from '@tessera/plugin-flow-basic';
import { viewBasic } from '@tessera/plugin-view-basic';
import { budgetPack } from './budget-pack.ts';

const platform = createPlatform({ plugins: [fieldBasic, flowBasic, viewBasic] });

type Pack = ReturnType<typeof budgetPack>;
const flow = (pack: Pack) =>
  (pack.flows as { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] }[])[1]!;
const node = (pack: Pack, id: string) => flow(pack).nodes.find((one) => one.id === id)!;

function issues(pack: Pack): Issue[] {
  const result = platform.validatePack(pack);
  assert.equal(result.ok, false, 'expected the pack to be refused');
  return [...result.issues];
}

describe('a pack over the real plugins (every field and node type)', () => {
  it('is accepted', () => {
    const result = platform.validatePack(budgetPack());
    assert.deepEqual(result.issues, []);
  });

  it('covers every installed field and node type', () => {
    const pack = budgetPack();
    const used = new Set<string>();
    for (const table of pack.tables as {
      fields: { type: string; config?: { fields?: { type: string }[] } }[];
    }[]) {
      for (const field of table.fields) {
        used.add(field.type);
        for (const column of field.config?.fields ?? []) used.add(column.type);
      }
    }
    assert.deepEqual(
      [...platform.fieldTypes.ids()].filter((type) => !used.has(type)),
      [],
    );
    const nodes = new Set(flow(pack).nodes.map((one) => one.type as string));
    assert.deepEqual(
      [...platform.nodeTypes.ids()].filter((type) => !nodes.has(type)),
      [],
    );
  });

  it('type-checks a write-back mapping against the target field', () => {
    const pack = budgetPack();
    (node(pack, 'deduct').config as { mapping: Record<string, string> }).mapping.used = 'title';
    const found = issues(pack);
    assert.deepEqual(
      found.map((one) => [one.path, one.code]),
      [['/flows/1/nodes/7/config/mapping/used', 'expression.result_type']],
    );
    assert.match(found[0]!.message.en, /must give decimal, but gives string/);
  });

  it('type-checks a guard with the target record', () => {
    const pack = budgetPack();
    (node(pack, 'deduct').config as { guard: { rule: string } }).guard.rule =
      'target.left >= amount';
    const [found] = issues(pack);
    assert.equal(found?.path, '/flows/1/nodes/7/config/guard/rule');
    assert.match(found!.message.en, /No such key: left/);
  });

  it('names a countersign share out of range and a notify recipient that holds no people', () => {
    const pack = budgetPack();
    node(pack, 'cfoReview').config = {
      assignees: [{ kind: 'role', role: 'cfo' }],
      rule: { kind: 'share', percent: 0 },
    };
    node(pack, 'tellManager').config = { recipients: [{ kind: 'field', field: 'title' }] };
    assert.deepEqual(
      issues(pack).map((one) => [one.path, one.code]),
      [
        ['/flows/1/nodes/4/config/rule/percent', 'schema.minimum'],
        ['/flows/1/nodes/5/config/recipients/0/field', 'assignee.notPeople'],
      ],
    );
  });

  it('checks sub-table columns, computed expressions and dictionaries through the field types', () => {
    const pack = budgetPack();
    const expense = (pack.tables as { fields: Record<string, unknown>[] }[])[1]!;
    const items = expense.fields.find((one) => one.id === 'items')!;
    (items.config as { fields: Record<string, unknown>[] }).fields[3]!.config = {
      expression: 'price * amount',
      resultType: 'money',
    };
    expense.fields.find((one) => one.id === 'channel')!.config = { dictionary: 'regions' };
    const found = issues(pack);
    assert.ok(
      found.some(
        (one) =>
          one.path.startsWith('/tables/1/fields/17/config') &&
          /Unknown variable: amount/.test(one.message.en),
      ),
      JSON.stringify(found),
    );
    assert.ok(
      found.some(
        (one) =>
          one.path.startsWith('/tables/1/fields/10/config') && /regions/.test(one.message.en),
      ),
      JSON.stringify(found),
    );
  });

  it('validates demo records with the real field types, down to sub-table cells', () => {
    const pack = budgetPack();
    const expense = (pack.demo as { expense: Record<string, unknown>[] }).expense[0]!;
    expense.amount = 12000.5;
    (expense.items as Record<string, unknown>[])[1]!.price = '1.005';
    expense.start = '2026-02-30';
    assert.deepEqual(
      issues(pack).map((one) => one.path),
      ['/demo/expense/0/amount', '/demo/expense/0/start', '/demo/expense/0/items/1/price'],
    );
  });

  it('gives linkage and branch expressions the fields of the table, typed', () => {
    const app = { ...platform.loadPack(budgetPack()), id: 'marketing-budget' };
    const env = platform.expressions(app, 'expense');
    const rule = env.compile('amount > 10000 || urgent', 'bool');
    assert.equal(rule.evaluate({ amount: '10000.00', urgent: false }), false);
    assert.equal(rule.evaluate({ amount: '10000.01' }), true);
    const lines = env.compile('items.map(r, r.qty).size()');
    assert.equal(lines.evaluate({ items: [{ qty: 1 }, { qty: 2 }] }), 2n);
  });
});
