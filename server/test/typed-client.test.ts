/**
 * The typed client (`@tessera/runtime/client`) against the server, both made from the one API
 * contract (`@tessera/core/api`): a record's whole life through it, a refusal as a
 * TesseraApiError naming the field, and — checked by the compiler when `npm test` type-checks
 * this file — a wrong path parameter, body or answer field does not compile.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { api } from '@tessera/core/api';
import { type Client, createClient, TesseraApiError, tableClient } from '@tessera/runtime/client';
import ts from 'typescript';
import { ORIGIN } from './accounts-helpers.ts';
import { type RecordsWorld, startRecordsWorld } from './records-helpers.ts';

let world: RecordsWorld;
let client: Client<typeof api>;
before(async () => {
  world = await startRecordsWorld();
  const { app } = world.server;
  client = createClient(api, {
    baseUrl: ORIGIN,
    // the session of a browser: its cookie, and the CSRF token and Origin on writes
    headers: () => ({
      cookie: `tessera_session=${world.admin.cookie}`,
      origin: ORIGIN,
      'x-csrf-token': world.admin.csrf,
    }),
    fetch: (input, init) => Promise.resolve(app.request(String(input), init)),
  });
});

const where = { app: 'contracts', table: 'contract' };

describe('the typed client', () => {
  it('creates, reads, changes, lists, shows the history of and deletes a record', async () => {
    const made = await client.records.create({
      params: where,
      body: { values: { title: '采购合同', amount: '100.00', owner: 'zhang.wei' } },
      idempotencyKey: 'typed-client-1',
    });
    assert.match(made.id, /^record:/);
    assert.equal(made.values.gross, '113.00', 'computed on the server');
    const again = await client.records.create({
      params: where,
      body: { values: { title: '采购合同', amount: '100.00', owner: 'zhang.wei' } },
      idempotencyKey: 'typed-client-1',
    });
    assert.equal(again.id, made.id, 'the key made it once');

    const read = await client.records.get({ params: { ...where, id: made.id } });
    assert.equal(read._rev, made._rev);
    const changed = await client.records.update({
      params: { ...where, id: made.id },
      body: { _rev: read._rev, values: { amount: '200.00' } },
    });
    assert.equal(changed.values.gross, '226.00');

    const page = await client.records.list({ params: where, query: { limit: '10' } });
    assert.ok(page.items.some((one) => one.id === made.id));
    const history = await client.records.history({ params: { id: made.id } });
    assert.deepEqual(
      history.items.map((entry) => entry.action),
      ['record.update', 'record.create'],
    );
    const gone = await client.records.remove({
      params: { ...where, id: made.id },
      query: { rev: changed._rev },
    });
    assert.equal(gone.deleted, true);
  });

  it('rejects a refusal with the server code, message and field', async () => {
    const refused = await client.records
      .create({ params: where, body: { values: { amount: 'lots' } } })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    assert.ok(refused instanceof TesseraApiError, String(refused));
    assert.equal(refused.status, 400);
    assert.equal(refused.code, 'invalid_record');
    assert.ok(refused.field?.startsWith('/values/'), refused.field);

    // a key is a header: refused before sending, not reported as a lost connection
    await assert.rejects(
      client.records.create({
        params: where,
        body: { values: { title: '键' } },
        idempotencyKey: '合同-1',
      }),
      (error: unknown) => error instanceof TypeError && /合同-1.*ASCII/.test(error.message),
    );

    const missing = await client.records
      .get({ params: { ...where, id: 'record:nothing' } })
      .catch((error: unknown) => error);
    assert.ok(missing instanceof TesseraApiError);
    assert.equal(missing.status, 404);
  });

  it('does not compile a wrong path parameter, body or answer field', () => {
    // never run: the compiler checks these lines when the tests are type-checked
    const wrong = async () => {
      // @ts-expect-error a record's path needs its app and table
      await client.records.get({ params: { id: 'record:x' } });
      // @ts-expect-error the body of a change needs the revision read
      await client.records.update({ params: { ...where, id: 'x' }, body: { values: {} } });
      const record = await client.records.get({ params: { ...where, id: 'x' } });
      // @ts-expect-error a record has no `title` of its own: it is in values
      record.title;
    };
    assert.equal(typeof wrong, 'function');
  });

  it("gives one table's records typed by the app's generated declarations", async () => {
    interface Contract {
      title?: string;
      amount?: string;
      owner?: string;
    }
    const contracts = tableClient<{ contract: Contract }, 'contract'>(
      client,
      'contracts',
      'contract',
    );
    const made = await contracts.create(
      { title: '框架协议', amount: '50.00', owner: 'zhang.wei' },
      { idempotencyKey: 'table-client-1' },
    );
    assert.equal(made.values.title, '框架协议');
    const changed = await contracts.update(made.id, made._rev, { amount: '60.00' });
    assert.equal((await contracts.get(made.id)).values.amount, '60.00');
    const page = await contracts.list({ limit: 5 });
    assert.ok(page.items.some((one) => one.id === made.id));
    await contracts.remove(made.id, changed._rev);
    await assert.rejects(contracts.get(made.id), TesseraApiError);

    // the declarations the server generates plug in: a wrong field or value does not compile
    const types = await world.server.app.request('/api/apps/contracts/versions/1/types', {
      headers: { cookie: `tessera_session=${world.admin.cookie}` },
    });
    assert.equal(types.status, 200);
    const dir = await mkdtemp(join(tmpdir(), 'tessera-table-client-'));
    try {
      await writeFile(join(dir, 'contracts.ts'), await types.text());
      const program = join(dir, 'program.ts');
      await writeFile(
        program,
        [
          "import { api } from '@tessera/core/api';",
          "import { createClient, tableClient } from '@tessera/runtime/client';",
          "import type { Tables } from './contracts.ts';",
          "const tessera = createClient(api, { baseUrl: 'http://127.0.0.1:3000', token: 't' });",
          "const contracts = tableClient<Tables, 'contract'>(tessera, 'contracts', 'contract');",
          "export const made = contracts.create({ title: '采购合同', amount: '100.00' });",
          'export const title = async (id: string) => (await contracts.get(id)).values.title;',
          '// @ts-expect-error there is no field "titel"',
          "export const misspelt = contracts.create({ titel: '采购合同' });",
          '// @ts-expect-error money is sent as a string',
          'export const number = contracts.create({ amount: 100 });',
          '// @ts-expect-error the app has no table "contrakt"',
          "export const table = tableClient<Tables, 'contrakt'>(tessera, 'contracts', 'contrakt');",
          '',
        ].join('\n'),
      );
      const source = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
      const compiled = ts.createProgram([program], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        allowImportingTsExtensions: true,
        skipLibCheck: true,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
        types: [],
        paths: {
          '@tessera/core': [source('core/src/index.ts')],
          '@tessera/core/api': [source('core/src/api/index.ts')],
          '@tessera/runtime/client': [source('runtime/src/client/tessera-client.ts')],
        },
      });
      const diagnostics = ts.getPreEmitDiagnostics(compiled);
      const text = ts.formatDiagnostics(diagnostics, {
        getCanonicalFileName: (name) => name,
        getCurrentDirectory: () => dir,
        getNewLine: () => '\n',
      });
      assert.equal(diagnostics.length, 0, text);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
