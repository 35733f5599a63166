import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorOf, exampleApp, examplePack, makeApp, post } from './helpers.ts';

const app = await makeApp();

describe('POST /api/packs/validate', () => {
  it('accepts the example pack the page offers', async () => {
    const { status, json } = await post(app, '/api/packs/validate', examplePack());
    assert.equal(status, 200);
    assert.deepEqual(json, { ok: true, issues: [] });
  });

  it('reports an unknown field type at its JSON pointer, naming the type', async () => {
    const pack = examplePack();
    pack.tables[0]!.fields[2]!.type = 'signature-pad';
    const { status, json } = await post(app, '/api/packs/validate?locale=en', pack);
    assert.equal(status, 200);
    assert.equal(json.ok, false);
    const issues = json.issues as { path: string; code: string; message: string }[];
    const found = issues.find((one) => one.path === '/tables/0/fields/2/type');
    assert.ok(found, JSON.stringify(issues));
    assert.match(found.message, /signature-pad/);
    assert.equal(typeof found.code, 'string');
  });

  it('answers in Chinese with ?locale=zh-CN', async () => {
    const pack = examplePack();
    pack.tables[0]!.fields[2]!.type = 'signature-pad';
    const { json } = await post(app, '/api/packs/validate?locale=zh-CN', pack);
    const issues = json.issues as { path: string; message: string }[];
    const found = issues.find((one) => one.path === '/tables/0/fields/2/type')!;
    assert.match(found.message, /[\u4e00-\u9fff]/);
    assert.match(found.message, /signature-pad/);
  });

  it('follows Accept-Language when no locale is given', async () => {
    const { json } = await post(
      app,
      '/api/packs/validate',
      { schemaVersion: 1 },
      {
        'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
      },
    );
    const issues = json.issues as { message: string }[];
    assert.equal(json.ok, false);
    assert.match(issues[0]!.message, /[\u4e00-\u9fff]/);
  });

  it('reports a missing plugin requirement under /requires', async () => {
    const pack = examplePack();
    pack.requires = { ...(pack.requires as object), '@acme/plugin-signature': '^1.0.0' };
    const { json } = await post(app, '/api/packs/validate', pack);
    const issues = json.issues as { path: string; message: string }[];
    const found = issues.find((one) => one.path === '/requires/@acme~1plugin-signature');
    assert.ok(found, JSON.stringify(issues));
    assert.match(found.message, /not installed/);
  });

  it('refuses a body that is not an object with 400', async () => {
    for (const body of ['[1, 2]', '"pack"', '42', 'null']) {
      const { status, json } = await post(app, '/api/packs/validate', body);
      assert.equal(status, 400, body);
      assert.equal(errorOf(json).code, 'invalid_body');
    }
  });

  it('refuses an unknown locale naming the parameter', async () => {
    const { status, json } = await post(app, '/api/packs/validate?locale=fr', examplePack());
    assert.equal(status, 400);
    assert.equal(errorOf(json).code, 'invalid_locale');
    assert.equal(errorOf(json).field, '?locale');
  });
});

describe('POST /api/apps/validate', () => {
  it('accepts a valid app definition', async () => {
    const { status, json } = await post(app, '/api/apps/validate', exampleApp());
    assert.equal(status, 200);
    assert.deepEqual(json, { ok: true, issues: [] });
  });

  it('reports a flow naming a missing role', async () => {
    const definition = exampleApp();
    definition.roles = [];
    const { status, json } = await post(app, '/api/apps/validate?locale=en', definition);
    assert.equal(status, 200);
    assert.equal(json.ok, false);
    const issues = json.issues as { path: string; message: string }[];
    assert.ok(
      issues.some((one) => one.path.startsWith('/flows/0/nodes/') && /legal/.test(one.message)),
      JSON.stringify(issues),
    );
  });

  it('refuses an array body with 400', async () => {
    const { status, json } = await post(app, '/api/apps/validate', []);
    assert.equal(status, 400);
    assert.equal(errorOf(json).code, 'invalid_body');
    assert.match(errorOf(json).message, /object/);
  });
});
