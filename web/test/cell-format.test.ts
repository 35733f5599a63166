import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCell, formatMoney } from '../src/pages/data/cell-format.ts';

const context = { locale: 'zh-CN' as const, yes: '是', no: '否' };

describe('view cells', () => {
  it('shows a user by name when the directory named them, else by id', () => {
    const people = { 'user:1': '陈晓' };
    const column = { field: 'salesperson', type: 'user' };
    assert.equal(formatCell('user:1', column, { ...context, people }), '陈晓');
    assert.equal(formatCell('user:2', column, { ...context, people }), 'user:2');
    assert.equal(formatCell(['user:1', 'user:2'], column, { ...context, people }), '陈晓, user:2');
  });

  it('writes money exactly, grouped as the locale does', () => {
    assert.equal(formatMoney('1234567.5', 'zh-CN'), '1,234,567.50');
    assert.equal(
      formatCell('300000.00', { field: 'amount', type: 'money' }, context),
      '300,000.00',
    );
  });
});
