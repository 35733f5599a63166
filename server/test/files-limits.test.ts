import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../src/index.ts';
import { call } from './accounts-helpers.ts';
import { download, type FileEntry, pdfBytes, upload, uploadPath } from './files-helpers.ts';
import { testPlatform } from './helpers.ts';
import { contract, recordsApp, startRecordsWorld } from './records-helpers.ts';

const MIB = 1024 * 1024;
const world = await startRecordsWorld();
const { server, admin } = world;
const { app } = server;
after(() => assert.deepEqual(server.storage.warnings, []));

/** A second server on the same storage, with a 1000-byte cap on uploads. */
const capped = createApp({
  platform: testPlatform,
  storage: server.storage,
  now: () => server.clock.now,
  maxUploadBytes: 1000,
});

/** `big`: `scan` takes 8 MiB, and rows of `lines` hold an image `receipt` each. */
function bigApp() {
  const definition = recordsApp('big') as { tables: { fields: Record<string, unknown>[] }[] };
  const fields = definition.tables[0]!.fields;
  const scan = fields.find((field) => field.id === 'scan')!;
  scan.config = { maxSize: 8 * MIB };
  fields.push({
    id: 'lines',
    type: 'sub-table',
    label: { en: 'Receipts', 'zh-CN': '票据' },
    config: {
      fields: [
        { id: 'item', type: 'text', label: { en: 'Item', 'zh-CN': '项目' } },
        {
          id: 'receipt',
          type: 'attachment',
          label: { en: 'Receipt', 'zh-CN': '票据' },
          config: { accept: ['image/*'] },
        },
      ],
    },
  });
  return definition;
}

const BIG_RECORDS = '/api/apps/big/tables/contract/records';

describe('upload limits, shared storage and sub-table rows', () => {
  before(async () => {
    const created = await call(app, 'POST', '/api/apps', { as: admin, body: bigApp() });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const published = await call(app, 'POST', '/api/apps/big/publish', { as: admin, body: {} });
    assert.equal(published.status, 201, JSON.stringify(published.json));
  });

  it("refuses a file over the instance's cap with 413 naming it, while reading little", async () => {
    for (const size of [2000, 300 * 1024]) {
      const sent = await upload(capped, admin, {
        name: 'a.pdf',
        type: 'application/pdf',
        bytes: pdfBytes(size),
      });
      assert.equal(sent.status, 413, String(size));
      assert.equal(sent.json.error?.code, 'file_too_large');
      assert.deepEqual(
        [
          (sent.json.error as { rule?: string }).rule,
          (sent.json.error as { limit?: number }).limit,
        ],
        ['instance', 1000],
      );
    }
    const declared = await capped.request(uploadPath(), {
      method: 'POST',
      headers: {
        cookie: `tessera_session=${admin.cookie}`,
        origin: 'http://localhost',
        'x-csrf-token': admin.csrf,
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(10 * MIB),
      },
      body: 'x',
    });
    assert.equal(declared.status, 413, 'a declared length over the limit is refused unread');
  });

  it('serves the bytes from any server on the same storage', async () => {
    const bytes = pdfBytes(500);
    const sent = await upload(capped, admin, {
      name: 'shared.pdf',
      type: 'application/pdf',
      bytes,
    });
    assert.equal(sent.status, 201, JSON.stringify(sent.json));
    const got = await download(app, admin, String(sent.json.id));
    assert.deepEqual(got.bytes, bytes);
  });

  it('takes a file larger than the 5 MB JSON limit when the field allows it', async () => {
    const bytes = pdfBytes(6 * MIB);
    const sent = await upload(app, admin, {
      name: 'large.pdf',
      type: 'application/pdf',
      bytes,
      path: uploadPath('scan', 'big'),
    });
    assert.equal(sent.status, 201, JSON.stringify(sent.json));
    assert.equal(sent.json.size, 6 * MIB);
    const json = await call(app, 'POST', BIG_RECORDS, {
      as: admin,
      body: { values: { ...contract('x').values, notes: 'x'.repeat(6 * MIB) } },
    });
    assert.equal(json.status, 413, 'other routes keep the 5 MB limit');
    assert.equal(json.json.error?.code, 'payload_too_large');
    const got = await download(app, admin, String(sent.json.id));
    assert.equal(got.bytes.byteLength, 6 * MIB);
  });

  it('checks and resolves files in sub-table rows', async () => {
    const path = uploadPath('lines.receipt', 'big');
    const refused = await upload(app, admin, {
      name: 'r.pdf',
      type: 'application/pdf',
      bytes: pdfBytes(),
      path,
    });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error?.code, 'file_type_refused');
    const sent = await upload(app, admin, {
      name: 'receipt.png',
      type: 'image/png',
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      path,
    });
    assert.equal(sent.status, 201, JSON.stringify(sent.json));
    const entry = sent.json as unknown as FileEntry;
    const top = await upload(app, admin, {
      name: 't.pdf',
      type: 'application/pdf',
      bytes: pdfBytes(),
      path: uploadPath('scan', 'big'),
    });
    const misplaced = await call(app, 'POST', BIG_RECORDS, {
      as: admin,
      body: { values: { ...contract('rows').values, lines: [{ item: 'a', receipt: [top.json] }] } },
    });
    assert.equal(misplaced.status, 400, 'a file uploaded for another field');
    assert.equal(misplaced.json.error?.field, '/values/lines/0/receipt/0/id');
    const made = await call(app, 'POST', BIG_RECORDS, {
      as: admin,
      body: {
        values: {
          ...contract('rows').values,
          lines: [{ item: 'a', receipt: [{ ...entry, size: 0, name: 'renamed.png' }] }],
        },
      },
    });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    const values = made.json.values as { lines: { receipt: unknown[] }[] };
    assert.deepEqual(values.lines[0]?.receipt, [entry]);
    const meta = await call(app, 'GET', `/api/files/${entry.id}/meta`, { as: admin });
    assert.equal(meta.json.record, made.json.id);
    assert.equal(meta.json.field, 'lines.receipt');
  });
});
