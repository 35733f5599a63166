import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { call, makeUser, signIn } from './accounts-helpers.ts';
import {
  contract,
  createRecord,
  RECORDS,
  recordsApp,
  startRecordsWorld,
} from './records-helpers.ts';

const world = await startRecordsWorld();
const { server, admin } = world;
const { app } = server;
after(() => assert.deepEqual(server.storage.warnings, []));

type Item = { id: string; _rev: string; values: Record<string, unknown> };

describe('records over the API', () => {
  it('creates, reads and lists records newest first, a cursor page at a time', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await createRecord(world, admin, contract(`c${i}`))).id);
    const first = await call(app, 'GET', `${RECORDS}/${made[0]}`, { as: admin });
    assert.equal(first.status, 200);
    assert.equal(first.json.app, 'contracts');
    assert.equal(first.json.table, 'contract');
    assert.equal(first.json.appVersion, 1);
    assert.equal(first.json.createdBy, admin.user.id);
    assert.deepEqual((first.json.values as Record<string, unknown>).title, 'c0');

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await call(app, 'GET', `${RECORDS}${query}`, { as: admin });
      assert.equal(page.status, 200, JSON.stringify(page.json));
      seen.push(...(page.json.items as Item[]).map((item) => item.id));
      cursor = page.json.next as string | undefined;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(seen, [...made].reverse());

    const tampered = await call(app, 'GET', `${RECORDS}?cursor=bm9wZQ`, { as: admin });
    assert.equal(tampered.status, 400);
    assert.equal(tampered.json.error?.field, '?cursor');
  });

  it('answers 404 for unknown apps, unpublished apps and unknown tables', async () => {
    const none = await call(app, 'POST', '/api/apps/nope/tables/contract/records', {
      as: admin,
      body: contract('x'),
    });
    assert.equal(none.status, 404);
    assert.match(none.json.error?.message ?? '', /nope/);
    const draft = await call(app, 'POST', '/api/apps', {
      as: admin,
      body: recordsApp('drafty'),
    });
    assert.equal(draft.status, 201);
    const unpublished = await call(app, 'GET', '/api/apps/drafty/tables/contract/records', {
      as: admin,
    });
    assert.equal(unpublished.status, 404);
    assert.match(unpublished.json.error?.message ?? '', /drafty/);
    const table = await call(app, 'GET', '/api/apps/contracts/tables/nope/records', { as: admin });
    assert.equal(table.status, 404);
  });

  it('validates values with the platform and names the field', async () => {
    const missing = await call(app, 'POST', RECORDS, {
      as: admin,
      body: { values: { amount: '10.00', owner: 'zhang.wei' } },
    });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error?.code, 'invalid_record');
    assert.equal(missing.json.error?.field, '/values/title');

    const amount = await call(app, 'POST', RECORDS, {
      as: admin,
      body: { values: { ...contract('x').values, amount: 'lots' } },
    });
    assert.equal(amount.json.error?.field, '/values/amount');

    const derived = await call(app, 'POST', RECORDS, {
      as: admin,
      body: { values: { ...contract('x').values, gross: '1.00' } },
    });
    assert.equal(derived.status, 400);
    assert.equal(derived.json.error?.field, '/values/gross');

    for (const key of ['nope', 'createdBy']) {
      const unknown = await call(app, 'POST', RECORDS, {
        as: admin,
        body: { values: { ...contract('x').values, [key]: 'x' } },
      });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.json.error?.field, `/values/${key}`);
    }
    const shape = await call(app, 'POST', RECORDS, { as: admin, body: { title: 'x' } });
    assert.equal(shape.status, 400);
  });

  it('recomputes computed fields on the server; a failing expression leaves no value', async () => {
    const made = await createRecord(world, admin, contract('not a number', '100.00'));
    assert.equal(made.values.gross, '113.00');
    assert.equal('titleTwice' in made.values, false);

    const numeric = await createRecord(world, admin, contract('21', '10.00'));
    assert.equal(numeric.values.titleTwice, 42);
    const changed = await call(app, 'PATCH', `${RECORDS}/${numeric.id}`, {
      as: admin,
      body: { _rev: numeric._rev, values: { amount: '200.00' } },
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.json));
    const values = changed.json.values as Record<string, unknown>;
    assert.equal(values.gross, '226.00');
    assert.equal(values.titleTwice, 42);
    assert.equal(values.title, '21');
  });

  it('sanitises rich text before storing it', async () => {
    const made = await createRecord(world, admin, {
      values: {
        ...contract('rich').values,
        notes: '<p onclick="steal()">Hello <b>there</b><script>alert(1)</script></p>',
      },
    });
    const notes = String(made.values.notes);
    assert.match(notes, /Hello <b>there<\/b>/);
    assert.doesNotMatch(notes, /script|onclick|alert/);
  });

  it('creates one record for one Idempotency-Key, however many requests race', async () => {
    const before = await call(app, 'GET', `${RECORDS}?limit=1000`, { as: admin });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(app, 'POST', RECORDS, {
          as: admin,
          body: contract('once'),
          headers: { 'Idempotency-Key': 'submit-42' },
        }),
      ),
    );
    assert.deepEqual(
      answers.map((one) => one.status),
      [201, 201, 201, 201, 201],
    );
    const ids = new Set(answers.map((one) => one.json.id));
    assert.equal(ids.size, 1);
    const replays = answers.filter((one) => one.headers.get('idempotent-replayed') === 'true');
    assert.equal(replays.length, 4);
    const afterwards = await call(app, 'GET', `${RECORDS}?limit=1000`, { as: admin });
    assert.equal(
      (afterwards.json.items as Item[]).length,
      (before.json.items as Item[]).length + 1,
    );
    const history = await call(app, 'GET', `/api/records/${[...ids][0]}/audit`, { as: admin });
    assert.deepEqual(
      (history.json.items as { action: string }[]).map((one) => one.action),
      ['record.create'],
    );
    const bad = await call(app, 'POST', RECORDS, {
      as: admin,
      body: contract('x'),
      headers: { 'Idempotency-Key': 'a b' },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error?.field, 'Idempotency-Key');
  });

  it('refuses a change or deletion made with a stale revision (409 naming the record)', async () => {
    const made = await createRecord(world, admin, contract('rev'));
    const first = await call(app, 'PATCH', `${RECORDS}/${made.id}`, {
      as: admin,
      body: { _rev: made._rev, values: { title: 'rev 2' } },
    });
    assert.equal(first.status, 200);
    const stale = await call(app, 'PATCH', `${RECORDS}/${made.id}`, {
      as: admin,
      body: { _rev: made._rev, values: { title: 'rev 3' } },
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.json.error?.code, 'conflict');
    assert.match(stale.json.error?.message ?? '', new RegExp(made.id));
    const staleDelete = await call(app, 'DELETE', `${RECORDS}/${made.id}?rev=${made._rev}`, {
      as: admin,
    });
    assert.equal(staleDelete.status, 409);
    const now = await call(app, 'GET', `${RECORDS}/${made.id}`, { as: admin });
    assert.equal((now.json.values as Record<string, unknown>).title, 'rev 2');
    const noRev = await call(app, 'PATCH', `${RECORDS}/${made.id}`, {
      as: admin,
      body: { values: { title: 'blind' } },
    });
    assert.equal(noRev.status, 400);
    assert.equal(noRev.json.error?.field, '/_rev');
  });

  it('keeps the audit trail of a record: create, update, delete with before and after', async () => {
    const made = await createRecord(world, admin, contract('audited', '50.00'));
    const changed = await call(app, 'PATCH', `${RECORDS}/${made.id}`, {
      as: admin,
      body: { _rev: made._rev, values: { amount: '60.00', signDate: '2024-05-06' } },
    });
    assert.equal(changed.status, 200);
    const deleted = await call(app, 'DELETE', `${RECORDS}/${made.id}?rev=${changed.json._rev}`, {
      as: admin,
    });
    assert.equal(deleted.status, 200);
    assert.equal((await call(app, 'GET', `${RECORDS}/${made.id}`, { as: admin })).status, 404);

    const history = await call(app, 'GET', `/api/records/${made.id}/audit`, { as: admin });
    assert.equal(history.status, 200);
    type Entry = {
      action: string;
      actor: string;
      before?: { values: Record<string, unknown> };
      after?: { values: Record<string, unknown> };
    };
    const entries = history.json.items as Entry[];
    assert.deepEqual(
      entries.map((one) => one.action),
      ['record.delete', 'record.update', 'record.create'],
    );
    const [removal, update, creation] = entries as [Entry, Entry, Entry];
    assert.equal(creation.before, undefined);
    assert.equal(creation.after?.values.amount, '50.00');
    assert.equal(creation.after?.values.gross, '56.50');
    assert.equal(update.before?.values.amount, '50.00');
    assert.equal(update.after?.values.amount, '60.00');
    assert.equal(update.after?.values.gross, '67.80');
    assert.equal(removal.before?.values.amount, '60.00');
    assert.equal(removal.after, undefined);
    assert.ok(entries.every((one) => one.actor === admin.user.id));
    assert.equal(
      (await call(app, 'GET', '/api/records/user:nope/audit', { as: admin })).status,
      404,
    );
  });

  it('lets only holders of an app role create; others see just what they made', async () => {
    await makeUser(server, admin, { username: 'no.role', roles: ['user'] });
    const outsider = await signIn(app, 'no.role', 'correct horse battery');
    const refused = await call(app, 'POST', RECORDS, { as: outsider, body: contract('x') });
    assert.equal(refused.status, 403);
    assert.match(refused.json.error?.message ?? '', /contracts/);
    const list = await call(app, 'GET', RECORDS, { as: outsider });
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.items, []);
    assert.equal((await call(app, 'GET', RECORDS)).status, 401);
  });
});
