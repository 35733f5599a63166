import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPlatform, formatDecimalText } from '@tessera/core';
import { fieldBasic } from '@tessera/plugin-field-basic';
import { formatCell } from '../src/pages/data/cell-format.ts';

const context = { locale: 'zh-CN' as const, platform: createPlatform({ plugins: [fieldBasic] }) };

describe('view cells', () => {
  it('shows a user by name when the directory named them, else by id', () => {
    const people = { 'user:1': '陈晓' };
    const column = { field: 'salesperson', type: 'user' };
    assert.equal(formatCell('user:1', column, { ...context, people }), '陈晓');
    assert.equal(formatCell('user:2', column, { ...context, people }), 'user:2');
    assert.equal(formatCell(['user:1', 'user:2'], column, { ...context, people }), '陈晓, user:2');
  });

  it('writes money exactly, grouped as the locale does', () => {
    assert.equal(formatDecimalText('1234567.5', 'zh-CN'), '1,234,567.50');
    assert.equal(
      formatCell('300000.00', { field: 'amount', type: 'money' }, context),
      '300,000.00',
    );
  });

  it("shows each row's cell of a sub-table column as the column's type shows it", () => {
    const app = {
      schemaVersion: 1,
      id: 'shop',
      label: 'Shop',
      tables: [
        {
          id: 'orders',
          label: 'Orders',
          kind: 'master',
          fields: [
            {
              id: 'lines',
              type: 'sub-table',
              label: 'Lines',
              config: { fields: [{ id: 'paid', type: 'boolean', label: 'Paid' }] },
            },
          ],
        },
      ],
    } as never;
    const column = { field: 'lines.paid', type: 'boolean' };
    assert.equal(formatCell([true, false], column, { ...context, app, table: 'orders' }), '是, 否');
  });
});
