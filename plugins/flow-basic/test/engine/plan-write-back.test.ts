import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createExpressionEnvironment } from '@tessera/core';
import {
  forEachItems,
  MAX_FOR_EACH,
  planWriteBack,
  type WriteBackConfigValue,
  writeBackRecordId,
} from '../../src/index.ts';
import { appWith, platform } from './world.ts';

const app = appWith([]);
const environment = platform.expressions(app, 'expense', 'budget');
const budget = app.tables.find((table) => table.id === 'budget')!;
const fieldOf = (id: string) => {
  const field = budget.fields.find((one) => one.id === id);
  const type = field && platform.fieldTypes.get(field.type);
  return field && type ? { field, type } : undefined;
};
const base = {
  environment,
  now: '2026-12-01T02:00:00.000Z',
  currentUser: { id: 'alice', name: 'Alice', department: 'sales' },
  fieldOf,
};
const deduct: WriteBackConfigValue = {
  target: 'budget',
  mode: 'increment',
  recordId: 'budgetLine',
  mapping: { used: 'amount', remaining: 'decimal("0") - amount' },
  guard: {
    rule: 'target.remaining >= amount',
    message: { en: 'over the remaining budget', 'zh-CN': '超出预算余额' },
  },
};
const line = { name: 'Q4', total: '1000.00', used: '700.00', remaining: '300.00' };

describe('write-back plans (回写)', () => {
  it('increments in decimals, keeping the field scale', () => {
    const plan = planWriteBack({
      ...base,
      config: deduct,
      values: { amount: '120.50' },
      target: line,
    });
    assert.deepEqual(plan, { ok: true, values: { ...line, used: '820.50', remaining: '179.50' } });
  });

  it('refuses with the guard message when the guard does not hold', () => {
    const plan = planWriteBack({
      ...base,
      config: deduct,
      values: { amount: '300.01' },
      target: line,
    });
    assert.deepEqual(plan, {
      ok: false,
      code: 'write-back.guard',
      message: { en: 'over the remaining budget', 'zh-CN': '超出预算余额' },
      field: '/config/guard/rule',
    });
    assert.equal(
      planWriteBack({ ...base, config: deduct, values: { amount: '300.00' }, target: line }).ok,
      true,
    );
  });

  it('creates a record from the mapping, and updates with the target in scope', () => {
    const create = planWriteBack({
      ...base,
      config: { target: 'budget', mode: 'create', mapping: { name: 'title', total: 'amount' } },
      values: { title: 'New line', amount: '50' },
    });
    assert.deepEqual(create, { ok: true, values: { name: 'New line', total: '50.00' } });
    const update = planWriteBack({
      ...base,
      config: {
        target: 'budget',
        mode: 'update',
        recordId: 'budgetLine',
        mapping: { name: 'target.name + " (" + title + ")"' },
      },
      values: { title: 'renamed' },
      target: line,
    });
    assert.deepEqual(update, { ok: true, values: { ...line, name: 'Q4 (renamed)' } });
  });

  it('gives the record id from recordId', () => {
    assert.equal(
      writeBackRecordId({ ...base, config: deduct, values: { budgetLine: 'record:b1' } }),
      'record:b1',
    );
    assert.equal(writeBackRecordId({ ...base, config: deduct, values: {} }), undefined);
  });

  it('plans a forEach item with `row`, `index` and `created` in scope', () => {
    const each = platform.expressions(app, 'expense', 'budget', [
      { name: 'created', type: 'map<string, dyn>' },
      { name: 'row', type: 'dyn' },
      { name: 'index', type: 'int' },
    ]);
    const plan = planWriteBack({
      ...base,
      environment: each,
      config: {
        target: 'budget',
        mode: 'create',
        forEach: 'lines',
        mapping: { name: 'created.head + "/" + string(index) + " " + row.item' },
      },
      values: {},
      created: { head: 'record:h1' },
      row: { item: 'Hotel' },
      index: 2,
    });
    assert.deepEqual(plan, { ok: true, values: { name: 'record:h1/2 Hotel' } });
  });
});

describe('forEach items', () => {
  const environment = createExpressionEnvironment({
    variables: [
      { name: 'lines', type: 'list' },
      { name: 'created', type: 'map<string, dyn>' },
    ],
  });
  const input = (forEach: string, lines: unknown[]) => ({
    config: { target: 'budget', mode: 'create' as const, forEach, mapping: { name: 'x' } },
    values: { lines },
    now: base.now,
    currentUser: base.currentUser,
  });

  it('gives a sub-table field as stored, another list through CEL, an empty list as no items', () => {
    const rows = [{ amount: '1.50' }, { amount: '2.00' }];
    assert.deepEqual(forEachItems(input('lines', rows), environment), { ok: true, items: rows });
    assert.deepEqual(forEachItems(input('lines.map(l, l.amount)', rows), environment), {
      ok: true,
      items: ['1.50', '2.00'],
    });
    assert.deepEqual(forEachItems(input('lines', []), environment), { ok: true, items: [] });
  });

  it(`refuses more than ${MAX_FOR_EACH} items, naming /config/forEach`, () => {
    const many = Array.from({ length: MAX_FOR_EACH + 1 }, () => ({}));
    const found = forEachItems(input('lines', many), environment);
    assert.equal(found.ok, false);
    assert.ok(!found.ok && found.code === 'write-back.too-many');
    assert.ok(!found.ok && found.field === '/config/forEach');
    assert.ok(!found.ok && /1001.*1000/.test(found.message.en));
    assert.equal(forEachItems(input('lines', many.slice(1)), environment).ok, true);
  });
});
