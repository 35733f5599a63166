import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, type Session } from './accounts-helpers.ts';
import { download, type FileEntry, pdfBytes, upload } from './files-helpers.ts';
import {
  contract,
  createRecord,
  makeDepartment,
  makePerson,
  RECORDS,
  startRecordsWorld,
} from './records-helpers.ts';

const world = await startRecordsWorld();
const { server, admin } = world;
const { app } = server;
after(() => assert.deepEqual(server.storage.warnings, []));

const department = (name: string) => makeDepartment(world, name);
const person = (username: string, departmentId: string) =>
  makePerson(world, username, departmentId);

const scanOf = async (as: Session, name = 'scan.pdf') => {
  const sent = await upload(app, as, { name, type: 'application/pdf', bytes: pdfBytes(64) });
  assert.equal(sent.status, 201, JSON.stringify(sent.json));
  return sent.json as unknown as FileEntry;
};

const withScan = (title: string, scan: unknown[]) => ({
  values: { ...contract(title).values, scan },
});

describe('who may attach and download a file', () => {
  let alice: Session; // east, legal: own
  let bob: Session; // west, legal: own
  let carol: Session; // east, director: department
  let erin: Session; // east, no app role

  before(async () => {
    const east = await department('East');
    const west = await department('West');
    alice = await person('alice', east);
    bob = await person('bob', west);
    carol = await person('carol', east);
    erin = await person('erin', east);
    const saved = await call(app, 'PUT', '/api/apps/contracts/roles', {
      as: admin,
      body: {
        roles: {
          legal: { users: [alice.user.id, bob.user.id] },
          director: { users: [carol.user.id] },
        },
        rows: { contract: { legal: 'own', director: 'department' } },
      },
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.json));
  });

  it('refuses an upload from a user without an app role', async () => {
    const sent = await upload(app, erin, {
      name: 'a.pdf',
      type: 'application/pdf',
      bytes: pdfBytes(),
    });
    assert.equal(sent.status, 403);
    assert.equal(sent.json.error?.code, 'forbidden');
  });

  it('lets only the uploader download a file no record refers to yet', async () => {
    const entry = await scanOf(alice);
    assert.equal((await download(app, alice, entry.id)).status, 200);
    for (const other of [bob, carol, admin]) {
      const got = await download(app, other, entry.id);
      assert.equal(got.status, 404);
      assert.equal(
        (await call(app, 'GET', `/api/files/${entry.id}/meta`, { as: other })).status,
        404,
      );
    }
    assert.equal((await download(app, alice, 'file:01ARZ3NDEKTSV4RRFFQ69G5FAV')).status, 404);
    assert.equal((await download(app, alice, 'record:nothing')).status, 404);
  });

  it("refuses to attach another user's file", async () => {
    const entry = await scanOf(alice);
    const answer = await call(app, 'POST', RECORDS, { as: bob, body: withScan('by bob', [entry]) });
    assert.equal(answer.status, 400);
    assert.equal(answer.json.error?.code, 'invalid_file');
    assert.equal(answer.json.error?.field, '/values/scan/0/id');
    assert.equal((await download(app, bob, entry.id)).status, 404, 'still not his');
  });

  it('once attached, follows the row scope of the record', async () => {
    const entry = await scanOf(alice, '扫描件.pdf');
    const record = await createRecord(world, alice, withScan('by alice', [entry]));
    assert.equal((await download(app, alice, entry.id)).status, 200);
    assert.equal(
      (await download(app, carol, entry.id)).status,
      200,
      'department scope, same department',
    );
    assert.equal((await download(app, admin, entry.id)).status, 200);
    assert.equal((await download(app, bob, entry.id)).status, 404, 'own scope, not his record');
    assert.equal((await download(app, erin, entry.id)).status, 404, 'no role: own records only');
    // attached files are the record's: not a second record's, even for the uploader
    const again = await call(app, 'POST', RECORDS, {
      as: alice,
      body: withScan('second', [entry]),
    });
    assert.equal(again.status, 400);
    assert.equal(again.json.error?.field, '/values/scan/0/id');
    // the record keeps its file through a change, and may gain another one
    const extra = await scanOf(alice, 'extra.pdf');
    const patched = await call(app, 'PATCH', `${RECORDS}/${record.id}`, {
      as: alice,
      body: { _rev: record._rev, values: { scan: [entry, extra], title: 'changed' } },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.json));
    assert.equal((await download(app, carol, extra.id)).status, 200);
  });

  it('lets a record another user may change keep files they did not upload', async () => {
    const entry = await scanOf(carol);
    const record = await createRecord(world, carol, withScan('by carol', [entry]));
    const read = await call(app, 'GET', `${RECORDS}/${record.id}`, { as: admin });
    const patched = await call(app, 'PATCH', `${RECORDS}/${record.id}`, {
      as: admin,
      body: { _rev: read.json._rev, values: { title: 'by carol, edited', scan: [entry] } },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.json));
  });

  it('gives a file raced into two records to one of them; the other saves nothing', async () => {
    const entry = await scanOf(alice, 'raced.pdf');
    const body = withScan('raced', [entry]);
    const answers = await Promise.all(
      [1, 2, 3].map(() => call(app, 'POST', RECORDS, { as: alice, body })),
    );
    const made = answers.filter((answer) => answer.status === 201);
    assert.equal(made.length, 1, JSON.stringify(answers.map((answer) => answer.json)));
    for (const lost of answers.filter((answer) => answer.status !== 201)) {
      assert.ok(['file_taken', 'invalid_file'].includes(lost.json.error?.code ?? ''));
      assert.equal(lost.json.error?.field, '/values/scan/0/id');
    }
    const meta = await call(app, 'GET', `/api/files/${entry.id}/meta`, { as: alice });
    assert.equal(meta.json.record, made[0]?.json.id);
    const list = await call(app, 'GET', `${RECORDS}?limit=100`, { as: alice });
    const raced = (list.json.items as { values: { title: string } }[]).filter(
      (item) => item.values.title === 'raced',
    );
    assert.equal(raced.length, 1, 'the losers were taken back');
  });

  it('answers a retried keyed create with the same record and its files', async () => {
    const entry = await scanOf(alice);
    const headers = { 'idempotency-key': 'files-retry-1' };
    const body = withScan('retried', [entry]);
    const first = await call(app, 'POST', RECORDS, { as: alice, body, headers });
    const second = await call(app, 'POST', RECORDS, { as: alice, body, headers });
    assert.equal(first.status, 201, JSON.stringify(first.json));
    assert.equal(second.status, 201, JSON.stringify(second.json));
    assert.equal(second.json.id, first.json.id);
  });
});
