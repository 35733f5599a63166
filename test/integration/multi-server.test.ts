/**
 * Stateless servers, for real: two Tessera processes on one pouchdb-server behave as one —
 * the first admin is made once, sessions are shared, concurrent updates of the same records
 * are each applied or answered 409 (never lost silently), and concurrent publishes number
 * their versions 1…n once each. For records of a published app, written by a non-admin user
 * through an app role: of two updates via A and B from one `_rev`, one is applied and audited
 * once, the other is a 409; a create sent with one `Idempotency-Key` via both makes one record.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Answer, listAll, request, type Session, signIn } from './support/api-client.ts';
import {
  scratchDir,
  startPouchServer,
  startTessera,
  stopAll,
  type TesseraProcess,
} from './support/processes.ts';
import {
  actionCounts,
  appRoleUser,
  exampleApp,
  publishExampleApp,
  type RecordItem,
  recordHistory,
  recordsPath,
} from './support/records.ts';

interface Department {
  id: string;
  _rev: string;
  name: string;
  head?: string;
}

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

  /** The example app published as `race_records`, and a non-admin user holding its `legal` role. */
  let recordsWorld: Promise<{ path: string; clerk: Session }> | undefined;
  const records = () => {
    recordsWorld ??= (async () => {
      await publishExampleApp(a.url, session, 'race_records');
      const clerk = await appRoleUser(b.url, session, 'race_records', 'race.clerk', 'all');
      return { path: recordsPath('race_records'), clerk };
    })();
    return recordsWorld;
  };
  const statusSummary = (answers: readonly Answer[]) => {
    const counts = new Map<number, number>();
    for (const answer of answers) counts.set(answer.status, (counts.get(answer.status) ?? 0) + 1);
    return [...counts].map(([status, n]) => `${n}×${status}`).join(', ');
  };

  it('applies one of two concurrent record updates via A and B from the same _rev, audited once', async (t) => {
    const { path, clerk } = await records();
    const N = 20;
    const made: RecordItem[] = [];
    for (let batch = 0; batch < N / 5; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          request(a.url, 'POST', path, {
            session: clerk,
            body: {
              values: { title: `Record ${batch * 5 + i}`, amount: '100.00', owner: 'zhang.wei' },
            },
          }),
        ),
      );
      for (const answer of answers) {
        assert.equal(answer.status, 201, JSON.stringify(answer.json));
        made.push(answer.json as unknown as RecordItem);
      }
    }
    assert.equal(made.length, N);

    // Per record, at the same moment, from the revision both clients read: A and B change it.
    const writes = made.flatMap((record, i) => [
      {
        id: record.id,
        server: a,
        via: 'A',
        body: { _rev: record._rev, values: { title: `Record ${i} by A`, amount: '111.00' } },
      },
      {
        id: record.id,
        server: b,
        via: 'B',
        body: { _rev: record._rev, values: { title: `Record ${i} by B`, amount: '222.00' } },
      },
    ]);
    const answers = await Promise.all(
      writes.map((write) =>
        request(write.server.url, 'PATCH', `${path}/${encodeURIComponent(write.id)}`, {
          session: clerk,
          body: write.body,
        }),
      ),
    );
    t.diagnostic(`concurrent PATCHes of ${N} records via A and B: ${statusSummary(answers)}`);
    for (const [index, answer] of answers.entries()) {
      const write = writes[index]!;
      assert.ok(
        answer.status === 200 || answer.status === 409,
        `${write.id} via ${write.via}: ${answer.status} ${JSON.stringify(answer.json)}`,
      );
      if (answer.status === 409) {
        assert.equal(answer.json.error?.code, 'conflict', `${write.id} via ${write.via}`);
        assert.equal(answer.json.error?.field, '/_rev', `${write.id} via ${write.via}`);
      }
    }

    const problems: string[] = [];
    for (const [i, record] of made.entries()) {
      const pair = [answers[2 * i]!, answers[2 * i + 1]!];
      const statuses = pair.map((answer) => answer.status);
      if (statuses.sort().join() !== '200,409') {
        problems.push(`${record.id}: A ${pair[0]!.status}, B ${pair[1]!.status} (want one 200)`);
        continue;
      }
      const winner = pair[0]!.status === 200 ? 0 : 1;
      const won = writes[2 * i + winner]!;
      const [fromA, fromB] = await Promise.all(
        [a, b].map((server) =>
          request(server.url, 'GET', `${path}/${encodeURIComponent(record.id)}`, {
            session: clerk,
          }),
        ),
      );
      assert.equal(fromA?.status, 200, JSON.stringify(fromA?.json));
      assert.deepEqual(fromA?.json, fromB?.json, `${record.id}: both servers read the same`);
      const stored = fromA?.json as unknown as RecordItem;
      const { title, amount } = stored.values;
      if (title !== won.body.values.title || amount !== won.body.values.amount) {
        problems.push(
          `${record.id}: stored ${JSON.stringify({ title, amount })}, winner via ${won.via} ` +
            `wrote ${JSON.stringify(won.body.values)}`,
        );
      }
      if (stored._rev !== pair[winner]!.json._rev) {
        problems.push(
          `${record.id}: stored _rev ${stored._rev}, winner got ${pair[winner]!.json._rev}`,
        );
      }
      if (stored.updatedBy !== clerk.userId)
        problems.push(`${record.id}: updatedBy ${stored.updatedBy}`);

      // The record's history (the user's route, via the other server) and the admin audit log.
      const history = await recordHistory(b.url, clerk, record.id);
      const counts = actionCounts(history);
      if (counts['record.create'] !== 1 || counts['record.update'] !== 1 || history.length !== 2) {
        problems.push(`${record.id}: history ${JSON.stringify(counts)} (want 1 create, 1 update)`);
      } else {
        const update = history.find((entry) => entry.action === 'record.update')!;
        if (update.after?.values?.title !== won.body.values.title) {
          problems.push(
            `${record.id}: the update entry shows ${update.after?.values?.title}, not the winner's`,
          );
        }
        if (update.before?.values?.title !== `Record ${i}`) {
          problems.push(
            `${record.id}: the update entry's before is ${update.before?.values?.title}`,
          );
        }
        if (update.actor !== clerk.userId) problems.push(`${record.id}: actor ${update.actor}`);
      }
      const audit = await request(
        a.url,
        'GET',
        `/api/audit?subject=${encodeURIComponent(record.id)}`,
        {
          session,
        },
      );
      assert.equal(audit.status, 200, JSON.stringify(audit.json));
      const logged = (audit.json.entries as { id: string; action: string }[]).map((e) => e.id);
      if (
        logged.sort().join() !==
        history
          .map((entry) => entry.id)
          .sort()
          .join()
      ) {
        problems.push(`${record.id}: /api/audit lists ${logged.join()}, the history route others`);
      }
    }
    assert.deepEqual(problems, [], `${problems.length} of ${N} records:\n${problems.join('\n')}`);
    assert.equal(answers.filter((answer) => answer.status === 200).length, N);
  });

  it('makes one record of a create sent with the same Idempotency-Key via A and B at once', async (t) => {
    const { path, clerk } = await records();
    const K = 10;
    const keys = Array.from({ length: K }, (_, i) => `twin-create-${i}-${Date.now()}`);
    const values = (i: number) => ({ title: `Keyed ${i}`, amount: '42.00', owner: 'zhang.wei' });
    const send = (server: TesseraProcess, i: number) =>
      request(server.url, 'POST', path, {
        session: clerk,
        headers: { 'Idempotency-Key': keys[i]! },
        body: { values: values(i) },
      });
    // All 2K requests at the same moment: key i once via A and once via B.
    const answers = await Promise.all(keys.flatMap((_, i) => [send(a, i), send(b, i)]));
    t.diagnostic(`${K} keys sent via A and B at once: ${statusSummary(answers)}`);

    const problems: string[] = [];
    const ids: string[] = [];
    for (let i = 0; i < K; i++) {
      const [fromA, fromB] = [answers[2 * i]!, answers[2 * i + 1]!];
      if (fromA.status !== 201 || fromB.status !== 201) {
        problems.push(
          `${keys[i]}: A ${fromA.status} ${JSON.stringify(fromA.json)}, ` +
            `B ${fromB.status} ${JSON.stringify(fromB.json)}`,
        );
        continue;
      }
      if (fromA.json.id !== fromB.json.id || fromA.json._rev !== fromB.json._rev) {
        problems.push(
          `${keys[i]}: A made ${fromA.json.id}@${fromA.json._rev}, ` +
            `B made ${fromB.json.id}@${fromB.json._rev}`,
        );
        continue;
      }
      const replayed = [fromA, fromB].filter(
        (answer) => answer.headers.get('idempotent-replayed') === 'true',
      ).length;
      if (replayed !== 1) problems.push(`${keys[i]}: ${replayed} of 2 answers marked replayed`);
      ids.push(fromA.json.id as string);
    }
    assert.deepEqual(problems, [], `${problems.length} of ${K} keys:\n${problems.join('\n')}`);

    // One record per key, listed by both servers (cursor pages), each created once in the log.
    const [listA, listB] = await Promise.all(
      [a, b].map((server) => listAll<RecordItem>(server.url, path, clerk, 7)),
    );
    assert.deepEqual(
      listA?.items.map((item) => item.id),
      listB?.items.map((item) => item.id),
      'both servers list the same records',
    );
    for (let i = 0; i < K; i++) {
      const same = listA!.items.filter((item) => item.values.title === `Keyed ${i}`);
      assert.deepEqual(
        same.map((item) => item.id),
        [ids[i]],
        `${keys[i]}: records titled "Keyed ${i}"`,
      );
      const counts = actionCounts(await recordHistory(a.url, clerk, ids[i]!));
      assert.deepEqual(counts, { 'record.create': 1 }, `${ids[i]}: history`);
    }

    // A later retry with the key, via either server, answers the same record again.
    const again = await send(b, 0);
    assert.equal(again.status, 201, JSON.stringify(again.json));
    assert.equal(again.json.id, ids[0]);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    const total = (await listAll<RecordItem>(a.url, path, clerk, 50)).items.length;
    assert.equal(total, listA!.items.length, 'the retry made no record');
  });
});
