import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, patchFresh, signIn, startTestServer } from './accounts-helpers.ts';

const server = await startTestServer();
const { app } = server;
const admin = await signIn(app, 'admin', server.admin.password);
const create = (body: Record<string, unknown>) =>
  call(app, 'POST', '/api/departments', { as: admin, body });

describe('look-alike department names', () => {
  it('takes a name with an invisible character as the same name', async () => {
    const sales = await create({ name: '销售部' });
    assert.equal(sales.status, 201);
    for (const name of ['销售\u200B部', '\uFEFF销售部', '销\u00AD售部', '销售部\u2069']) {
      const twin = await create({ name });
      assert.equal(twin.status, 409, JSON.stringify(name));
      assert.equal(twin.json.error?.code, 'name_taken');
      assert.equal(twin.json.error?.field, '/name');
    }
  });

  it('stores the normalised name, and checks a rename the same way', async () => {
    const made = await create({ name: 'Ｍarketing\u200D' });
    assert.equal(made.status, 201);
    assert.equal(made.json.name, 'Marketing');
    const other = await create({ name: 'Support' });
    const renamed = await patchFresh(app, admin, `/api/departments/${other.json.id}`, {
      name: 'Mar\u200Bketing',
    });
    assert.equal(renamed.status, 409);
    assert.equal(renamed.json.error?.code, 'name_taken');
  });

  it('matches an imported row to the stored department despite an invisible character', async () => {
    assert.equal((await create({ name: '采购部' })).status, 201);
    const answer = await app.request('/api/import/departments', {
      method: 'POST',
      headers: {
        cookie: `tessera_session=${admin.cookie}`,
        origin: 'http://localhost',
        'x-csrf-token': admin.csrf,
        'content-type': 'text/csv',
      },
      body: 'name,code\n采购\u200C部,BUY\n',
    });
    const report = (await answer.json()) as { created: number; updated: number; errors: unknown[] };
    assert.equal(answer.status, 200, JSON.stringify(report));
    assert.deepEqual([report.created, report.updated, report.errors], [0, 1, []]);
  });
});
