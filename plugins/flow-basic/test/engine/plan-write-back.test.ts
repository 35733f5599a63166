import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planWriteBack, type WriteBackConfigValue, writeBackRecordId } from '../../src/index.ts';
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
});
