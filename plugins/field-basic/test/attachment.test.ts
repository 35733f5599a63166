import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attachmentField } from '../src/index.ts';
import { codes, field, valueCtx } from './helpers.ts';

const ctx = valueCtx();
const pdf = { id: 'file-1', name: '合同.pdf', size: 1024, type: 'application/pdf' };
const png = { id: 'file-2', name: 'scan.PNG', size: 2048, type: 'image/png' };

describe('attachment', () => {
  it('accepts a list of file entries', () => {
    assert.deepEqual(attachmentField.validate([pdf, png], field('attachment', {}), ctx), []);
    assert.deepEqual(attachmentField.defaultValue(field('attachment', {})), []);
  });

  it('limits the number and size of files', () => {
    const f = field('attachment', { maxFiles: 1, maxSize: 1500 });
    assert.deepEqual(codes(attachmentField.validate([pdf, png], f, ctx)), [
      ' attachment.max-files',
      '/1/size attachment.max-size',
    ]);
    const [big] = attachmentField.validate([png], f, ctx);
    assert.equal(big?.message.en, 'is 2048 bytes; at most 1500 bytes are allowed');
    assert.deepEqual(
      attachmentField.validate([{ ...pdf, size: 20 * 1024 * 1024 }], field('attachment', {}), ctx),
      [],
    );
  });

  it('accepts by extension or MIME type', () => {
    assert.deepEqual(
      attachmentField.validate(
        [pdf, png],
        field('attachment', { accept: ['.pdf', 'image/*'] }),
        ctx,
      ),
      [],
    );
    assert.deepEqual(
      codes(attachmentField.validate([pdf, png], field('attachment', { accept: ['.pdf'] }), ctx)),
      ['/1 attachment.accept'],
    );
    assert.deepEqual(
      codes(attachmentField.validate([png], field('attachment', { accept: ['image/png'] }), ctx)),
      [],
    );
  });

  it('names each broken part of an entry', () => {
    const broken = [
      { id: '', name: 'a', size: -1, type: 'x', extra: 1 },
      'file',
      { ...pdf },
      { ...pdf },
    ];
    assert.deepEqual(codes(attachmentField.validate(broken, field('attachment', {}), ctx)), [
      '/0/extra attachment.unknown-property',
      '/0/id attachment.id',
      '/0/size attachment.size',
      '/1 attachment.item',
      '/3/id attachment.duplicate',
    ]);
    assert.deepEqual(codes(attachmentField.validate({}, field('attachment', {}), ctx)), [
      ' attachment.type',
    ]);
  });

  it('sizes are CEL ints', () => {
    const f = field('attachment', {});
    const cel = attachmentField.toCel([pdf], f) as { size: unknown }[];
    assert.equal(cel[0]?.size, 1024n);
    assert.deepEqual(attachmentField.fromCel(cel, f), [pdf]);
    assert.equal(attachmentField.form.format([pdf, png], f as never, 'en'), '合同.pdf, scan.PNG');
  });
});
