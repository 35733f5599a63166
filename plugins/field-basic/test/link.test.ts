import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { linkField } from '../src/index.ts';
import { codes, field, fieldCtx, table, valueCtx } from './helpers.ts';

const customers = table('customers', [
  { id: 'name', type: 'text', label: 'Name' },
  { id: 'creditLimit', type: 'money', label: 'Credit limit' },
  { id: 'level', type: 'rating', label: 'Level' },
]);
const orders = table('orders', [
  { id: 'customer', type: 'link', label: 'Customer' },
  { id: 'customerName', type: 'text', label: 'Customer name' },
  { id: 'limit', type: 'money', label: 'Limit' },
]);
const ctx = fieldCtx(orders, [customers]);
const link = (config: Parameters<typeof linkField.checkDefinition & {}>[0]['config']) =>
  field('link', config, { id: 'customer' });

describe('link', () => {
  it('holds a record id, or ids when multiple', () => {
    assert.equal(linkField.holds, 'record');
    assert.deepEqual(linkField.validate('rec-1', link({ table: 'customers' }), valueCtx()), []);
    assert.deepEqual(codes(linkField.validate(1, link({ table: 'customers' }), valueCtx())), [
      ' link.type',
    ]);
    assert.deepEqual(
      linkField.validate(['r1', 'r2'], link({ table: 'customers', multiple: true }), valueCtx()),
      [],
    );
    assert.equal(
      linkField.celType(link({ table: 'customers', multiple: true }), ctx),
      'list<string>',
    );
  });

  it('tells the server what it links to and pulls in', () => {
    const { links } = linkField;
    assert.ok(links);
    const pull = [{ from: 'name', to: 'customerName' }];
    const one = link({ table: 'customers', pull });
    assert.equal(links.table(one), 'customers');
    assert.deepEqual(links.pulls(one), pull);
    assert.deepEqual(links.ids('rec-1', one), ['rec-1']);
    assert.deepEqual(links.ids(undefined, one), []);
    const many = link({ table: 'customers', multiple: true, pull });
    assert.deepEqual(links.ids(['r1', 3, '', 'r2'], many), ['r1', 'r2']);
    assert.deepEqual(links.pulls(many), [], 'nothing is pulled from several records');
  });

  it('accepts a sound definition with pulls between fields of the same CEL type', () => {
    const good = link({
      table: 'customers',
      displayField: 'name',
      pull: [
        { from: 'name', to: 'customerName' },
        { from: 'creditLimit', to: 'limit' },
      ],
    });
    assert.deepEqual(linkField.checkDefinition?.(good, ctx), []);
  });

  it('names an unknown table', () => {
    const [unknown] = linkField.checkDefinition?.(link({ table: 'suppliers' }), ctx) ?? [];
    assert.equal(unknown?.path, '/config/table');
    assert.equal(unknown?.code, 'link.table');
    assert.equal(unknown?.message.en, 'table "suppliers" does not exist in this app');
  });

  it('reports unknown display and pull fields, mismatched types and pulls into many', () => {
    const bad = link({
      table: 'customers',
      displayField: 'title',
      pull: [
        { from: 'phone', to: 'customerName' },
        { from: 'name', to: 'nowhere' },
        { from: 'level', to: 'limit' },
        { from: 'name', to: 'customerName' },
      ],
    });
    assert.deepEqual(codes(linkField.checkDefinition?.(bad, ctx) ?? []), [
      '/config/displayField link.display-field',
      '/config/pull/0/from link.pull-from',
      '/config/pull/1/to link.pull-to',
      '/config/pull/2 link.pull-type',
      '/config/pull/3/to link.pull-duplicate',
    ]);
    const many = link({
      table: 'customers',
      multiple: true,
      pull: [{ from: 'name', to: 'customerName' }],
    });
    assert.deepEqual(codes(linkField.checkDefinition?.(many, ctx) ?? []), [
      '/config/pull link.pull-multiple',
    ]);
  });
});
