import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attachmentField, subTableField } from '../src/index.ts';
import { field, valueCtx } from './helpers.ts';

const ctx = valueCtx();
const files = attachmentField.files!;
const pdf = { id: 'file:1', name: '合同.pdf', size: 1, type: 'application/pdf' };

describe('the files hooks of attachments and sub-tables', () => {
  it('lists the file ids an attachment value refers to, skipping what is not an entry', () => {
    const value = [pdf, 'junk', { id: 7 }, { id: 'file:2' }];
    assert.deepEqual(files.references(value, field('attachment', {}, { id: 'scan' }), ctx), [
      { path: '/0', id: 'file:1', field: 'scan' },
      { path: '/3', id: 'file:2', field: 'scan' },
    ]);
    assert.deepEqual(files.references('not a list', field('attachment', {}), ctx), []);
  });

  it('gives the upload rules: maxSize (20 MiB by default) and accept', () => {
    const open = files.upload!(field('attachment', {}));
    assert.equal(open.maxSize, 20 * 1024 * 1024);
    assert.ok(open.accepts('anything.bin', 'application/octet-stream'));
    const rules = files.upload!(field('attachment', { maxSize: 10, accept: ['.pdf', 'image/*'] }));
    assert.equal(rules.maxSize, 10);
    assert.ok(rules.accepts('a.PDF', 'application/pdf'));
    assert.ok(rules.accepts('a.png', 'image/png'));
    assert.ok(!rules.accepts('a.txt', 'text/plain'));
  });

  it("finds files in sub-table rows through the columns' own types", () => {
    const lines = field(
      'sub-table',
      {
        fields: [
          { id: 'item', type: 'text', label: 'Item' },
          { id: 'receipt', type: 'attachment', label: 'Receipt' },
        ],
      },
      { id: 'lines' },
    );
    const rows = [{ item: 'a' }, { item: 'b', receipt: [pdf] }, 'junk'];
    assert.deepEqual(subTableField.files?.references(rows, lines, ctx), [
      { path: '/1/receipt/0', id: 'file:1', field: 'lines.receipt' },
    ]);
    assert.equal(subTableField.files?.upload, undefined, 'files are uploaded for the column');
  });
});
