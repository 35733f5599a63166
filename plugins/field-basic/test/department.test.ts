import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { departmentField } from '../src/index.ts';
import { codes, field, valueCtx } from './helpers.ts';

const ctx = valueCtx();

describe('department', () => {
  it('holds a department id, or a list of them when multiple', () => {
    assert.equal(departmentField.holds, 'department');
    assert.deepEqual(departmentField.validate('d-sales', field('department', {}), ctx), []);
    assert.deepEqual(codes(departmentField.validate(3, field('department', {}), ctx)), [
      ' department.type',
    ]);
    const many = field('department', { multiple: true });
    assert.deepEqual(departmentField.validate(['d-1', 'd-2'], many, ctx), []);
    assert.deepEqual(codes(departmentField.validate(['d-1', 'd-1'], many, ctx)), [
      '/1 department.duplicate',
    ]);
    assert.equal(departmentField.form.format(['d-1', 'd-2'], many as never, 'en'), 'd-1, d-2');
  });
});
