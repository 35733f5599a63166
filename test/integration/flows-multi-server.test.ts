/**
 * Flow commands racing across two Tessera processes on one pouchdb-server: two legal reviewers
 * approve the same item at the same moment, one via server A and one via B. Exactly one wins,
 * the other is told 409 task_closed, and the director's task is created once. A command sent
 * with one Idempotency-Key to both servers at once completes once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Answer, request, type Session, signIn } from './support/api-client.ts';
import {
  scratchDir,
  startPouchServer,
  startTessera,
  stopAll,
  type TesseraProcess,
} from './support/processes.ts';
import { publishExampleApp } from './support/records.ts';

const APP = 'flowrace';
const ITEMS = 10;
const PASSWORD = 'correct horse battery staple';

interface Task {
  id: string;
  node: string;
  assignee: string;
  status: string;
  kind: string;
}
interface Item {
  id: string;
  status: string;
  tasks: Task[];
  mine: Task[];
}

const item = (answer: Answer) => answer.json as unknown as Item;

describe('flow commands racing on two servers', { timeout: 300_000 }, () => {
  let a: TesseraProcess;
  let b: TesseraProcess;
  const people: Record<string, Session> = {};

  before(async () => {
    const couch = await startPouchServer();
    const env = { COUCHDB_URL: couch.url, COUCHDB_DATABASE: 'tessera-flows' };
    a = await startTessera(await scratchDir('flows-a'), env);
    b = await startTessera(await scratchDir('flows-b'), env);
    const admin = await signIn(a.url, 'admin', a.adminPassword!);
    await publishExampleApp(a.url, admin, APP);
    const ids: Record<string, string> = {};
    for (const username of ['lena', 'lars', 'dora']) {
      const made = await request(a.url, 'POST', '/api/users', {
        session: admin,
        body: { username, password: PASSWORD, roles: ['user'] },
      });
      assert.equal(made.status, 201, JSON.stringify(made.json));
      ids[username] = String(made.json.id);
    }
    const roles = await request(a.url, 'PUT', `/api/apps/${APP}/roles`, {
      session: admin,
      body: {
        roles: { legal: { users: [ids.lena, ids.lars] }, director: { users: [ids.dora] } },
        rows: { contract: { legal: 'all', director: 'all' } },
      },
    });
    assert.equal(roles.status, 200, JSON.stringify(roles.json));
    for (const [username, server] of [
      ['lena', a],
      ['lars', b],
      ['dora', a],
    ] as const) {
      people[username] = await signIn(server.url, username, PASSWORD);
    }
  });
  after(stopAll);

  const start = async (title: string) => {
    const answer = await request(a.url, 'POST', `/api/apps/${APP}/flows/contract_approval/items`, {
      session: people.dora!,
      body: { values: { title, amount: '1000.00', owner: people.dora!.userId } },
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.json));
    return item(answer);
  };
  const openTaskOf = (found: Item, user: string, node: string) =>
    found.tasks.find(
      (task) => task.assignee === user && task.node === node && task.status === 'open',
    )!.id;

  it(`${ITEMS} items, each approved by both reviewers at once via A and B: one wins each time`, async () => {
    const items = await Promise.all(
      Array.from({ length: ITEMS }, (_, index) => start(`并发合同 ${index + 1}`)),
    );
    const answers = await Promise.all(
      items.map((one) =>
        Promise.all([
          request(a.url, 'POST', `/api/flow-items/${one.id}/commands`, {
            session: people.lena!,
            body: {
              type: 'approve',
              task: openTaskOf(one, people.lena!.userId, 'legal_review'),
              opinion: 'A',
            },
          }),
          request(b.url, 'POST', `/api/flow-items/${one.id}/commands`, {
            session: people.lars!,
            body: {
              type: 'approve',
              task: openTaskOf(one, people.lars!.userId, 'legal_review'),
              opinion: 'B',
            },
          }),
        ]),
      ),
    );
    for (const [index, pair] of answers.entries()) {
      const statuses = pair.map((answer) => answer.status).sort();
      assert.deepEqual(
        statuses,
        [200, 409],
        `item ${index}: ${JSON.stringify(pair.map((p) => p.json))}`,
      );
      assert.equal(pair.find((answer) => answer.status === 409)?.json.error?.code, 'task_closed');
      const stored = item(
        await request(b.url, 'GET', `/api/flow-items/${items[index]!.id}`, {
          session: people.dora!,
        }),
      );
      const legal = stored.tasks.filter((task) => task.node === 'legal_review');
      assert.deepEqual(legal.map((task) => task.status).sort(), ['approved', 'cancelled']);
      const director = stored.tasks.filter((task) => task.node === 'director_approval');
      assert.equal(director.length, 1, 'the next task is created once');
      assert.equal(director[0]?.status, 'open');
    }
    // the director finishes half of them through B; they end once
    for (const one of items.slice(0, ITEMS / 2)) {
      const current = item(
        await request(b.url, 'GET', `/api/flow-items/${one.id}`, { session: people.dora! }),
      );
      const done = await request(b.url, 'POST', `/api/flow-items/${one.id}/commands`, {
        session: people.dora!,
        body: {
          type: 'approve',
          task: openTaskOf(current, people.dora!.userId, 'director_approval'),
        },
      });
      assert.equal(item(done).status, 'approved');
    }
    const submitted = await request(a.url, 'GET', '/api/inbox?box=submitted&limit=100', {
      session: people.dora!,
    });
    const statuses = (submitted.json.items as { instance: string; status: string }[]).filter(
      (entry) => items.some((one) => one.id === entry.instance),
    );
    assert.equal(statuses.length, ITEMS);
    assert.equal(statuses.filter((entry) => entry.status === 'approved').length, ITEMS / 2);
  });

  it('one approval sent with one Idempotency-Key to both servers at once completes once', async () => {
    const one = await start('幂等合同');
    const task = openTaskOf(one, people.lena!.userId, 'legal_review');
    const send = (server: TesseraProcess) =>
      request(server.url, 'POST', `/api/flow-items/${one.id}/commands`, {
        session: people.lena!,
        body: { type: 'approve', task },
        headers: { 'Idempotency-Key': 'approve-once' },
      });
    const [first, second] = await Promise.all([send(a), send(b)]);
    assert.deepEqual(
      [first.status, second.status],
      [200, 200],
      JSON.stringify([first.json, second.json]),
    );
    const stored = item(
      await request(a.url, 'GET', `/api/flow-items/${one.id}`, { session: people.dora! }),
    );
    assert.equal(stored.tasks.filter((t) => t.node === 'director_approval').length, 1);
    const entries = (stored as unknown as { timeline: { action: string; node?: string }[] })
      .timeline;
    assert.equal(
      entries.filter((e) => e.action === 'approved' && e.node === 'legal_review').length,
      1,
    );
  });
});
