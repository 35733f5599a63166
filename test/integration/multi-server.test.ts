/**
 * Stateless servers, for real: two Tessera processes on one pouchdb-server behave as one —
 * the first admin is made once, sessions are shared, concurrent updates of the same records
 * are each applied or answered 409 (never lost silently), and concurrent publishes number
 * their versions 1…n once each.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listAll, request, type Session, signIn } from './support/api-client.ts';
import {
  root,
  scratchDir,
  startPouchServer,
  startTessera,
  stopAll,
  type TesseraProcess,
} from './support/processes.ts';

interface Department {
  id: string;
  _rev: string;
  name: string;
  head?: string;
}

const exampleApp = () => {
  const pack = JSON.parse(
    readFileSync(join(root, 'server/src/web/example-pack.json'), 'utf8'),
  ) as Record<string, unknown>;
  const { tables, forms, flows, views, roles, label } = pack;
  return { schemaVersion: 1, id: 'contracts', label, tables, forms, flows, views, roles };
};

describe('two Tessera servers on one pouchdb-server', { timeout: 240_000 }, () => {
  let a: TesseraProcess;
  let b: TesseraProcess;
  /** The server that made the first admin, and the other one. */
  let printer: TesseraProcess;
  let other: TesseraProcess;
  let session: Session;

  before(async () => {
    const couch = await startPouchServer();
    const env = { COUCHDB_URL: couch.url, COUCHDB_DATABASE: 'tessera-multi' };
    // Started at the same moment: both race for the first-admin bootstrap.
    [a, b] = await Promise.all([
      startTessera(await scratchDir('server-a'), env),
      startTessera(await scratchDir('server-b'), env),
    ]);
  });
  after(stopAll);

  it('makes the first admin exactly once, and shares sessions both ways', async () => {
    const printers = [a, b].filter((server) => /Admin login:/.test(server.output()));
    assert.equal(printers.length, 1, `outputs:\n${a.output()}\n---\n${b.output()}`);
    printer = printers[0]!;
    other = printer === a ? b : a;
    assert.match(other.output(), /Sign in as an admin at /);
    assert.ok(printer.adminPassword);

    // The password one server printed signs in on the other; the cookie works on both.
    session = await signIn(other.url, 'admin', printer.adminPassword);
    for (const server of [printer, other]) {
      const me = await request(server.url, 'GET', '/api/auth/me', { session });
      assert.equal(me.status, 200, JSON.stringify(me.json));
    }
    // A write with the cookie and CSRF token of a session made on the other server.
    const made = await request(printer.url, 'POST', '/api/departments', {
      session,
      body: { name: 'Shared session HQ' },
    });
    assert.equal(made.status, 201, JSON.stringify(made.json));

    // A session made on one server and ended on the other is over on both.
    const second = await signIn(printer.url, 'admin', printer.adminPassword);
    assert.equal(
      (await request(other.url, 'GET', '/api/auth/me', { session: second })).status,
      200,
    );
    const out = await request(other.url, 'POST', '/api/auth/logout', { session: second });
    assert.equal(out.status, 200);
    assert.equal(out.json.signedOut, true);
    for (const server of [printer, other]) {
      const me = await request(server.url, 'GET', '/api/auth/me', { session: second });
      assert.equal(me.status, 401, `${server.url} still accepts an ended session`);
    }
    assert.equal((await request(a.url, 'GET', '/api/auth/me', { session })).status, 200);
  });

  it('applies one of two concurrent renames made from the same revision and refuses the other (409)', async (t) => {
    const made: { id: string; rev: string }[] = [];
    for (let batch = 0; batch < 4; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          request(a.url, 'POST', '/api/departments', {
            session,
            body: { name: `Race ${batch * 5 + i}` },
          }),
        ),
      );
      for (const answer of answers) {
        assert.equal(answer.status, 201, JSON.stringify(answer.json));
        made.push({ id: answer.json.id as string, rev: answer.json._rev as string });
      }
    }
    assert.equal(made.length, 20);

    // Per department, at the same moment, from the revision both clients read: A renames it and
    // B renames it. Exactly one is applied; the other is told it read a stale revision.
    const writes = made.flatMap(({ id, rev }, i) => [
      { id, server: a, body: { _rev: rev, name: `Race ${i} by A` } },
      { id, server: b, body: { _rev: rev, name: `Race ${i} by B` } },
    ]);
    const answers = await Promise.all(
      writes.map((write) =>
        request(write.server.url, 'PATCH', `/api/departments/${encodeURIComponent(write.id)}`, {
          session,
          body: write.body,
        }),
      ),
    );
    const statuses = new Map<number, number>();
    for (const [index, answer] of answers.entries()) {
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      assert.ok(
        answer.status === 200 || answer.status === 409,
        `${JSON.stringify(writes[index]?.body)}: ${answer.status} ${JSON.stringify(answer.json)}`,
      );
      if (answer.status === 409) {
        assert.equal(answer.json.error?.code, 'conflict');
        assert.equal(answer.json.error?.field, '/_rev');
      }
    }

    for (const [i, { id }] of made.entries()) {
      const pair = [answers[2 * i]!, answers[2 * i + 1]!];
      assert.deepEqual(
        pair.map((answer) => answer.status).sort(),
        [200, 409],
        `renames of ${id}: exactly one applied, the other refused`,
      );
      const winner = pair[0]!.status === 200 ? 0 : 1;
      const winnerBody = writes[2 * i + winner]!.body;
      const [fromA, fromB] = await Promise.all(
        [a, b].map((server) =>
          request(server.url, 'GET', `/api/departments/${encodeURIComponent(id)}`, { session }),
        ),
      );
      assert.deepEqual(fromA?.json, fromB?.json, 'both servers read the same state');
      const final = fromA?.json as unknown as Department;
      assert.equal(final.name, winnerBody.name, "the final name is the winner's");
      assert.equal(final._rev, pair[winner]!.json._rev, "the stored revision is the winner's");

      // The loser reads again and retries from the new revision: applied, the rename kept.
      const loser = writes[2 * i + 1 - winner]!;
      const retried = await request(
        loser.server.url,
        'PATCH',
        `/api/departments/${encodeURIComponent(id)}`,
        { session, body: { _rev: final._rev, head: session.userId } },
      );
      assert.equal(retried.status, 200, JSON.stringify(retried.json));
      assert.equal(retried.json.name, winnerBody.name);
      assert.equal(retried.json.head, session.userId);
      assert.notEqual(retried.json._rev, final._rev);
    }
    const summary = [...statuses].map(([status, n]) => `${n}×${status}`).join(', ');
    t.diagnostic(`concurrent PATCHes of 20 departments via A and B: ${summary}`);
    assert.equal(statuses.get(200), 20, 'one rename of each department was applied');

    // Both servers list every department, by cursor pages, the same way.
    const [listA, listB] = await Promise.all(
      [a, b].map((server) => listAll<Department>(server.url, '/api/departments', session, 7)),
    );
    assert.deepEqual(listA?.items, listB?.items);
    assert.equal(listA?.items.length, 21);
  });

  it('numbers 10 concurrent publishes via A and B as versions 1…10, once each', async () => {
    const created = await request(a.url, 'POST', '/api/apps', { session, body: exampleApp() });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        request((i % 2 === 0 ? a : b).url, 'POST', '/api/apps/contracts/publish', {
          session,
          body: { note: `publish ${i}` },
        }),
      ),
    );
    for (const answer of answers) assert.equal(answer.status, 201, JSON.stringify(answer.json));
    const numbers = answers.map((answer) => answer.json.version as number).sort((x, y) => x - y);
    assert.deepEqual(numbers, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const listed = await request(b.url, 'GET', '/api/apps/contracts/versions', { session });
    const versions = listed.json.versions as { version: number; note?: string }[];
    assert.deepEqual(
      versions.map((one) => one.version),
      [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
    );
    for (const answer of answers) {
      const same = versions.find((one) => one.version === answer.json.version);
      assert.equal(same?.note, answer.json.note, 'each version is the publish that claimed it');
    }
    const app = await request(a.url, 'GET', '/api/apps/contracts', { session });
    assert.equal((app.json.app as { latestVersion: number }).latestVersion, 10);
  });
});
