import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { checkFieldRights, createPlatform, nodeFieldRights } from '@tessera/core';
import { fieldBasic } from '@tessera/plugin-field-basic';
import {
  createFormRuntime,
  type FormRuntime,
  type FormRuntimeOptions,
} from '../src/forms/index.ts';
import { expenseApp, expenseForm } from './form-fixture.ts';

const platform = createPlatform({ plugins: [fieldBasic] });
const open: FormRuntime[] = [];
const start = (extra: Partial<FormRuntimeOptions> = {}) => {
  const runtime = createFormRuntime({
    platform,
    app: expenseApp,
    form: expenseForm,
    locale: 'en',
    now: () => new Date('2026-03-01T08:00:00Z'),
    ...extra,
  });
  open.push(runtime);
  return runtime;
};
afterEach(() => {
  for (const runtime of open.splice(0)) runtime.dispose();
});
const codes = (issues: readonly { path: string; code: string }[]) =>
  issues.map((one) => `${one.path} ${one.code}`);

describe('form runtime', () => {
  it('uses a fixture the platform accepts (apart from rights for a node of a flow it lacks)', () => {
    const result = platform.validateApp({ ...expenseApp, forms: [{ ...expenseForm, rights: {} }] });
    assert.deepEqual(result.ok ? [] : codes(result.issues), []);
  });

  it('shows and requires a field by a rule, and keeps its value while the rule hides it', () => {
    const runtime = start({ lazy: false });
    assert.equal(runtime.fieldState('reason').visible, false);
    runtime.setValue('amount', '2000.00');
    assert.deepEqual(
      { ...runtime.fieldState('reason'), errors: undefined },
      { visible: true, required: true, readOnly: false, right: 'edit', errors: undefined },
    );
    assert.deepEqual(codes(runtime.validate()), [
      '/title record.required',
      '/reason form.required',
    ]);
    runtime.setValue('reason', 'A conference abroad');
    runtime.setValue('amount', '10.00');
    assert.equal(runtime.fieldState('reason').visible, false);
    assert.equal(runtime.form.query('reason').take()?.display, 'hidden');
    assert.equal(runtime.values().reason, 'A conference abroad');
  });

  it('makes a field read-only by a rule and mirrors it onto the formily field', () => {
    const runtime = start();
    runtime.ensureSection('main');
    assert.equal(runtime.fieldState('category').readOnly, false);
    runtime.setValue('urgent', true);
    assert.equal(runtime.fieldState('category').readOnly, true);
    assert.equal(runtime.form.query('category').take()?.pattern, 'readOnly');
  });

  it('recomputes value rules and computed fields, mapping CEL decimals to stored text', () => {
    const runtime = start();
    runtime.setValue('amount', '12.34');
    assert.equal(runtime.values().doubled, '24.68');
    assert.equal(runtime.values().withTax, '13.57');
    runtime.setValue('amount', '0.10');
    assert.deepEqual([runtime.values().doubled, runtime.values().withTax], ['0.20', '0.11']);
    assert.equal(runtime.fieldState('withTax').readOnly, true);
  });

  it('applies node rights: hidden fields are not shown or created, read fields are read-only', () => {
    const values = { title: 'Trip', amount: '5000.00', reason: 'secret', urgent: true };
    const runtime = start({ node: 'approve', values, lazy: false });
    assert.equal(runtime.fieldState('reason').visible, false);
    assert.equal(runtime.form.query('reason').take(), undefined);
    assert.equal(runtime.fieldState('title').readOnly, true);
    assert.equal(runtime.fieldState('title').right, 'read');
    assert.equal(runtime.fieldState('approverNote').readOnly, false);
    assert.equal(runtime.values().doubled, undefined, 'a value rule does not write a read field');
    runtime.setValue('approverNote', 'OK');
    assert.deepEqual(runtime.submitValues(), { approverNote: 'OK' });
    const rights = nodeFieldRights(expenseForm, 'approve', 'edit');
    assert.deepEqual(
      checkFieldRights(rights, values, { ...values, ...runtime.submitValues() }),
      [],
    );
  });

  it('gives exactly platform.validateRecord issues for the values, in the chosen language', () => {
    const values = {
      title: 'x'.repeat(30),
      amount: '1.234',
      due: '2026-02-30',
      lines: [
        { qty: 1.5, price: '2' },
        { item: 'ok', qty: 1 },
      ],
    };
    for (const locale of ['en', 'zh-CN'] as const) {
      const runtime = start({ values, locale });
      const server = platform.validateRecord(expenseApp, 'claims', runtime.values(), locale);
      assert.ok(server.length >= 4);
      assert.deepEqual(runtime.validate(), server);
      assert.deepEqual(runtime.fieldState('title').errors, [
        server.find((one) => one.path === '/title')?.message[locale],
      ]);
    }
  });

  it('adds, moves and removes rows, recomputing row cells and the totals', () => {
    const runtime = start();
    runtime.addRow('lines', { item: 'Pen', qty: 2, price: '1.50' });
    runtime.addRow('lines', { item: 'Ink', qty: 1, price: '0.25' });
    const totals = () =>
      runtime.totals('lines').map((one) => `${one.column} ${one.fn} ${one.value}`);
    assert.deepEqual(totals(), ['total sum 3.25', 'qty sum 3']);
    runtime.setValue('lines.1.qty', 4);
    assert.equal(runtime.valueAt('lines.1.total'), '1.00');
    assert.deepEqual(totals(), ['total sum 4.00', 'qty sum 6']);
    runtime.moveRow('lines', 1, 0);
    assert.equal(runtime.valueAt('lines.0.item'), 'Ink');
    runtime.removeRow('lines', 0);
    assert.deepEqual(totals(), ['total sum 3.00', 'qty sum 2']);
    assert.equal(runtime.totals('lines')[0]?.text, 'CN¥3.00');
  });

  it('refuses row edits on a sub-table the node may only read', () => {
    const runtime = start({ node: 'approve', values: { lines: [{ item: 'a' }] } });
    assert.equal(runtime.addRow('lines'), false);
    assert.equal((runtime.values().lines as unknown[]).length, 1);
  });

  it('creates fields lazily, per section and once', () => {
    const runtime = start();
    assert.equal(runtime.createdFields(), 0);
    runtime.ensureSection('main');
    runtime.ensureSection('main');
    assert.equal(runtime.createdFields(), 9);
    runtime.ensureSection('items');
    assert.equal(runtime.createdFields(), 10);
  });

  it('disposes: unmounts the formily form and stops reacting', () => {
    const runtime = start();
    runtime.setValue('amount', '1.00');
    runtime.dispose();
    assert.equal(runtime.disposed, true);
    assert.equal(runtime.form.unmounted, true);
    runtime.form.setValuesIn('amount', '5.00');
    assert.equal(runtime.values().doubled, '2.00', 'no recomputation after dispose');
    assert.throws(() => runtime.setValue('amount', '3.00'), /disposed/);
  });

  it('starts a new record from defaults and marks unreadable input as an issue', () => {
    const runtime = start();
    assert.deepEqual(runtime.values().lines, []);
    runtime.setInputIssue('amount', { en: 'not money', 'zh-CN': '不是金额' });
    assert.deepEqual(runtime.fieldState('amount').errors, ['not money']);
    assert.ok(codes(runtime.validate()).includes('/amount form.input'));
    runtime.setInputIssue('amount', undefined);
    assert.ok(!codes(runtime.validate()).includes('/amount form.input'));
  });

  it('keeps a 1,000-field form to the fields of the sections shown', () => {
    const fields = Array.from({ length: 1000 }, (_, i) => ({
      id: `f${i}`,
      type: 'number',
      label: `Field ${i}`,
    }));
    const sections = Array.from({ length: 10 }, (_, s) => ({
      id: `s${s}`,
      tab: `Tab ${s}`,
      items: fields.slice(s * 100, s * 100 + 100).map((one) => ({ field: one.id })),
    }));
    const app = {
      ...expenseApp,
      tables: [{ id: 'big', label: 'Big', kind: 'master' as const, fields }],
      forms: [],
    };
    const form = {
      id: 'big',
      label: 'Big',
      table: 'big',
      sections,
      rules: [{ id: 'r', field: 'f999', visible: 'f0 > 10' }],
    };
    const runtime = start({ app, form });
    runtime.ensureSection('s0');
    assert.equal(runtime.createdFields(), 100);
    assert.equal(runtime.fieldState('f999').visible, false);
    runtime.setValue('f0', 11);
    assert.equal(runtime.fieldState('f999').visible, true);
  });
});
