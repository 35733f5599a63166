import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Stored } from '../../src/index.ts';
import type { SuiteContext } from './storage-suite.ts';

interface Upload {
  name: string;
  note?: string;
}

/** Bytes that text encodings would mangle: every byte value, a NUL, invalid UTF-8. */
const awkwardBytes = () => {
  const bytes = new Uint8Array(256 * 3 + 1);
  for (let index = 0; index < bytes.length; index++) bytes[index] = (index * 7) % 256;
  return bytes;
};

export function attachmentTests({ withStorage }: SuiteContext) {
  it('stores bytes with a document and reads them back exactly, with their type', () =>
    withStorage(async (storage) => {
      const data = awkwardBytes();
      const made = await storage.create<Upload>(
        { type: 'upload', name: '扫描件.pdf' },
        { attachments: { content: { contentType: 'application/pdf', data } } },
      );
      assert.match(made.rev, /^1-/, 'document and bytes are one revision');
      const read = await storage.getAttachment(made.id, 'content');
      assert.ok(read);
      assert.equal(read.contentType, 'application/pdf');
      assert.deepEqual(new Uint8Array(read.data), data);
      const doc = await storage.get<Upload>(made.id);
      assert.equal(doc?.name, '扫描件.pdf');
    }));

  it('keeps the bytes through update and mutate of the document', () =>
    withStorage(async (storage) => {
      const data = new TextEncoder().encode('%PDF-1.4 hello');
      const made = await storage.create<Upload>(
        { type: 'upload', name: 'a.pdf' },
        { attachments: { content: { contentType: 'application/pdf', data } } },
      );
      const doc = await storage.get<Upload>(made.id);
      assert.ok(doc);
      await storage.update<Upload>({ ...doc, note: 'updated' });
      await storage.mutate<Upload>(made.id, (current) => ({ ...current, note: 'mutated' }));
      const after = await storage.get<Upload>(made.id);
      assert.equal(after?.note, 'mutated');
      const read = await storage.getAttachment(made.id, 'content');
      assert.deepEqual(read && new Uint8Array(read.data), data);
    }));

  it('answers undefined for a missing document, a missing attachment and a deleted document', () =>
    withStorage(async (storage) => {
      assert.equal(await storage.getAttachment('upload:none', 'content'), undefined);
      const plain = await storage.create<Upload>({ type: 'upload', name: 'none' });
      assert.equal(await storage.getAttachment(plain.id, 'content'), undefined);
      const made = await storage.create<Upload>(
        { type: 'upload', name: 'gone' },
        { attachments: { content: { contentType: 'text/plain', data: new Uint8Array([1]) } } },
      );
      assert.equal(await storage.getAttachment(made.id, 'other'), undefined);
      await storage.remove(made.id, made.rev);
      assert.equal(await storage.getAttachment(made.id, 'content'), undefined);
    }));

  it('writes bytes once under an idempotency key, and stores an empty file', () =>
    withStorage(async (storage) => {
      const file = { contentType: 'application/octet-stream', data: new Uint8Array(0) };
      const create = () =>
        storage.create<Upload>(
          { type: 'upload', name: 'empty.bin' },
          { idempotencyKey: 'upload-1', attachments: { content: file } },
        );
      const [first, second] = await Promise.all([create(), create()]);
      assert.deepEqual([first.id, first.rev], [second.id, second.rev]);
      assert.equal([first, second].filter((one) => one.replayed).length, 1, 'one call wrote it');
      const read = await storage.getAttachment(first!.id, 'content');
      assert.equal(read?.data.byteLength, 0);
      const doc = await storage.get<Stored<Upload>>(first!.id);
      assert.equal(doc?.name, 'empty.bin');
    }));
}
