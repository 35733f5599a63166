import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { call } from './accounts-helpers.ts';
import { download, type FileEntry, pdfBytes, upload, uploadPath } from './files-helpers.ts';
import { contract, createRecord, RECORDS, startRecordsWorld } from './records-helpers.ts';

const world = await startRecordsWorld();
const { server, admin } = world;
const { app } = server;
after(() => assert.deepEqual(server.storage.warnings, []));

describe('uploading a file and attaching it to a record', () => {
  it('round-trips the bytes, a Chinese name and the stored entry', async () => {
    const bytes = pdfBytes(300);
    const sent = await upload(app, admin, {
      name: '合同 扫描件.pdf',
      type: 'application/pdf',
      bytes,
    });
    assert.equal(sent.status, 201, JSON.stringify(sent.json));
    const entry = sent.json as unknown as FileEntry;
    assert.match(entry.id, /^file:[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.deepEqual(
      { ...entry, id: '' },
      {
        id: '',
        name: '合同 扫描件.pdf',
        size: 300,
        type: 'application/pdf',
      },
    );
    const record = await createRecord(world, admin, {
      values: { ...contract('with a scan').values, scan: [entry] },
    });
    assert.deepEqual(record.values.scan, [entry]);
    const got = await download(app, admin, entry.id);
    assert.equal(got.status, 200);
    assert.deepEqual(got.bytes, bytes);
    assert.equal(got.headers.get('content-type'), 'application/pdf');
    assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
    assert.match(got.headers.get('content-security-policy') ?? '', /^sandbox/);
    const disposition = got.headers.get('content-disposition') ?? '';
    assert.match(disposition, /^attachment; /);
    const encoded = /filename\*=UTF-8''(\S+)/.exec(disposition)?.[1] ?? '';
    assert.equal(decodeURIComponent(encoded), '合同 扫描件.pdf');
    const meta = await call(app, 'GET', `/api/files/${entry.id}/meta`, { as: admin });
    assert.equal(meta.status, 200);
    assert.equal(meta.json.record, record.id);
    assert.equal(meta.json.field, 'scan');
    assert.match(String(meta.json.sha256), /^[0-9a-f]{64}$/);
  });

  it('stores what the server measured, whatever the client claims in the record', async () => {
    const sent = await upload(app, admin, {
      name: 'real.pdf',
      type: 'application/pdf',
      bytes: pdfBytes(40),
    });
    const entry = sent.json as unknown as FileEntry;
    const lying = { id: entry.id, name: 'other.exe', size: 1, type: 'application/x-msdownload' };
    const record = await createRecord(world, admin, {
      values: { ...contract('lies').values, scan: [lying] },
    });
    assert.deepEqual(record.values.scan, [entry]);
    const onlyId = await upload(app, admin, {
      name: 'b.pdf',
      type: 'application/pdf',
      bytes: pdfBytes(9),
    });
    const patched = await call(app, 'PATCH', `${RECORDS}/${record.id}`, {
      as: admin,
      body: { _rev: record._rev, values: { scan: [lying, { id: onlyId.json.id }] } },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.json));
    assert.deepEqual((patched.json.values as { scan: unknown }).scan, [entry, onlyId.json]);
  });

  it('refuses a file over maxSize with 413 naming the rule', async () => {
    const sent = await upload(app, admin, {
      name: 'big.pdf',
      type: 'application/pdf',
      bytes: pdfBytes(4097),
    });
    assert.equal(sent.status, 413);
    assert.equal(sent.json.error?.code, 'file_too_large');
    assert.equal(sent.json.error?.field, '/file');
    assert.equal((sent.json.error as { rule?: string }).rule, 'maxSize');
    assert.match(sent.json.error?.message ?? '', /maxSize 4096/);
    const fits = await upload(app, admin, {
      name: 'fits.pdf',
      type: 'application/pdf',
      bytes: pdfBytes(4096),
    });
    assert.equal(fits.status, 201);
  });

  it('refuses a kind of file the field does not accept, in the request language', async () => {
    const sent = await upload(app, admin, {
      name: 'notes.txt',
      type: 'text/plain',
      bytes: new TextEncoder().encode('hello'),
      path: `${uploadPath()}?locale=zh-CN`,
    });
    assert.equal(sent.status, 400);
    assert.equal(sent.json.error?.code, 'file_type_refused');
    assert.match(sent.json.error?.message ?? '', /不是此字段允许的文件类型/);
  });

  it('refuses a declared type the file name contradicts', async () => {
    const html = new TextEncoder().encode('<script>alert(1)</script>');
    for (const [name, type] of [
      ['evil.html', 'image/png'],
      ['evil', 'image/png'],
      ['evil.html', 'application/pdf'],
    ] as const) {
      const sent = await upload(app, admin, { name, type, bytes: html });
      assert.equal(sent.status, 400, `${name} as ${type}`);
      assert.equal(sent.json.error?.code, 'file_type_mismatch');
    }
    const image = await upload(app, admin, { name: 'photo.JPG', type: 'image/jpeg', bytes: html });
    assert.equal(image.status, 201);
    const undeclared = await upload(app, admin, {
      name: 'scan.pdf',
      type: 'application/octet-stream',
      bytes: pdfBytes(5),
    });
    assert.equal(
      undeclared.json.type,
      'application/pdf',
      'the name decides when nothing is declared',
    );
  });

  it('refuses a body without one file part, and an unknown or non-attachment field', async () => {
    const text = await app.request(uploadPath(), {
      method: 'POST',
      headers: {
        cookie: `tessera_session=${admin.cookie}`,
        origin: 'http://localhost',
        'x-csrf-token': admin.csrf,
      },
      body: (() => {
        const form = new FormData();
        form.append('file', 'just text');
        return form;
      })(),
    });
    assert.equal(text.status, 400);
    assert.equal(((await text.json()) as { error: { field: string } }).error.field, '/file');
    for (const field of ['title', 'nope']) {
      const sent = await upload(app, admin, {
        name: 'a.pdf',
        type: 'application/pdf',
        bytes: pdfBytes(),
        path: uploadPath(field),
      });
      assert.equal(sent.status, 404, field);
    }
  });

  it('refuses record entries that are not uploaded files, naming the pointer', async () => {
    const answer = await call(app, 'POST', RECORDS, {
      as: admin,
      body: {
        values: {
          ...contract('fake').values,
          scan: [
            {
              id: 'file:01ARZ3NDEKTSV4RRFFQ69G5FAV',
              name: 'x.pdf',
              size: 1,
              type: 'application/pdf',
            },
          ],
        },
      },
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.json.error?.code, 'invalid_file');
    assert.equal(answer.json.error?.field, '/values/scan/0/id');
  });

  it('is declared in the OpenAPI document with its multipart body', async () => {
    const doc = await call(app, 'GET', '/api/openapi.json');
    const paths = doc.json.paths as Record<
      string,
      Record<string, { requestBody?: { content: object } }>
    >;
    const post = paths['/api/apps/{app}/tables/{table}/fields/{field}/files']?.post;
    assert.ok(post?.requestBody?.content && 'multipart/form-data' in post.requestBody.content);
    assert.ok(paths['/api/files/{id}']?.get);
  });

  it('a flow start checks and stores the entry the server measured, as a plain create does', async () => {
    // the flow's approvers: whoever holds its roles (nobody until now)
    const held = { users: [admin.user.id] };
    const roles = await call(app, 'PUT', '/api/apps/contracts/roles', {
      as: admin,
      body: { roles: { legal: held, director: held }, rows: {} },
    });
    assert.equal(roles.status, 200, JSON.stringify(roles.json));
    const sent = await upload(app, admin, {
      name: 'start.pdf',
      type: 'application/pdf',
      bytes: pdfBytes(64),
    });
    const entry = sent.json as unknown as FileEntry;
    const lying = { id: entry.id, name: 'start.exe', size: 2, type: 'application/x-msdownload' };
    const started = await call(app, 'POST', '/api/apps/contracts/flows/contract_approval/items', {
      as: admin,
      body: { values: { ...contract('started with a scan').values, scan: [lying] } },
    });
    assert.equal(started.status, 201, JSON.stringify(started.json));
    const record = String((started.json as { record?: { id?: string } }).record?.id ?? '');
    const stored = await server.storage.get<{ values: { scan?: unknown } }>(record);
    assert.deepEqual(stored?.values.scan, [entry]);
    const meta = await call(app, 'GET', `/api/files/${entry.id}/meta`, { as: admin });
    assert.equal(meta.json.record, record, 'the file is attached to the started record');
  });
});
