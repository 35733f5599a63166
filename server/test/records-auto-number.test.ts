import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { call, signIn, startTestServer } from './accounts-helpers.ts';
import { contract, RECORDS, recordsApp } from './records-helpers.ts';

// Shanghai is UTC+8: 2026-12-31T17:00Z is already 1 January 2027 there.
const server = await startTestServer({ timeZone: 'Asia/Shanghai' });
const { app, clock } = server;
after(() => assert.deepEqual(server.storage.warnings, []));
let admin = await signIn(app, 'admin', server.admin.password);

/** Moves the clock (a session would expire over months) and signs in again. */
const at = async (iso: string) => {
  clock.now = Date.parse(iso);
  admin = await signIn(app, 'admin', server.admin.password);
};

const definition = recordsApp() as { tables: { fields: Record<string, unknown>[] }[] };
definition.tables[0]!.fields.push({
  id: 'no',
  type: 'auto-number',
  label: { en: 'Contract no.', 'zh-CN': '合同编号' },
  config: { pattern: 'HT-{yyyy}{MM}-{seq:3}' },
});
assert.equal((await call(app, 'POST', '/api/apps', { as: admin, body: definition })).status, 201);
const published = await call(app, 'POST', '/api/apps/contracts/publish', { as: admin, body: {} });
assert.equal(published.status, 201, JSON.stringify(published.json));

type Item = { id: string; _rev: string; values: Record<string, unknown> };

const create = async (title: string) => {
  const answer = await call(app, 'POST', RECORDS, { as: admin, body: contract(title) });
  assert.equal(answer.status, 201, JSON.stringify(answer.json));
  return answer.json as Item;
};

describe('auto-numbers of records', () => {
  it('numbers records in order, one counter per month in the configured time zone', async () => {
    await at('2026-11-30T15:59:00Z'); // 23:59 on 30 November in Shanghai
    assert.equal((await create('a')).values.no, 'HT-202611-001');
    assert.equal((await create('b')).values.no, 'HT-202611-002');
    await at('2026-11-30T16:01:00Z'); // 00:01 on 1 December in Shanghai
    assert.equal((await create('c')).values.no, 'HT-202612-001');
    await at('2026-12-31T17:00:00Z');
    assert.equal((await create('d')).values.no, 'HT-202701-001');
  });

  it('hands out each number once when many creates race', async () => {
    await at('2027-02-10T02:00:00Z');
    const made = await Promise.all(Array.from({ length: 25 }, (_, i) => create(`r${i}`)));
    const numbers = made.map((one) => one.values.no as string).sort();
    const expected = Array.from(
      { length: 25 },
      (_, i) => `HT-202702-${String(i + 1).padStart(3, '0')}`,
    );
    assert.deepEqual(numbers, expected);
  });

  it('refuses a number given by the client, naming the field', async () => {
    const answer = await call(app, 'POST', RECORDS, {
      as: admin,
      body: { values: { ...contract('x').values, no: 'HT-202702-999' } },
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.json.error?.field, '/values/no');
  });

  it('keeps the number when the record is changed, and refuses changing it', async () => {
    await at('2027-03-01T02:00:00Z');
    const made = await create('kept');
    assert.equal(made.values.no, 'HT-202703-001');
    const changed = await call(app, 'PATCH', `${RECORDS}/${made.id}`, {
      as: admin,
      body: { _rev: made._rev, values: { title: 'renamed' } },
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.json));
    assert.equal((changed.json as Item).values.no, 'HT-202703-001');
    const forced = await call(app, 'PATCH', `${RECORDS}/${made.id}`, {
      as: admin,
      body: { _rev: (changed.json as Item)._rev, values: { no: 'HT-202703-777' } },
    });
    assert.equal(forced.status, 400);
    assert.equal(forced.json.error?.field, '/values/no');
  });

  it('uses no number for a record the platform refuses', async () => {
    await at('2027-04-01T02:00:00Z');
    const refused = await call(app, 'POST', RECORDS, {
      as: admin,
      body: { values: { title: 'no amount', amount: 'lots', owner: 'zhang.wei' } },
    });
    assert.equal(refused.status, 400);
    assert.equal((await create('first of April')).values.no, 'HT-202704-001');
  });
});
