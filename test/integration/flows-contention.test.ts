/**
 * Guarded write-backs racing across two Tessera processes on one pouchdb-server (decision 11,
 * ADR 0028): twenty finance approvals of 50.00 on one budget line of 1000.00, fired at once
 * through servers A and B, repeated; then a round where A is killed with SIGKILL mid-burst.
 * Every item that answered 200 is approved and has its effect; the ledger adds up to the
 * approved items; no reservation and no owed effect is left once the sweeper of the surviving
 * (or restarted) server has run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request, type Session } from './support/api-client.ts';
import {
  scratchDir,
  startPouchServer,
  startTessera,
  stopAll,
  type TesseraProcess,
} from './support/processes.ts';
import { ok, setUpSpend, signInSpend } from './support/spend-world.ts';

const ITEMS = 20;

interface Item {
  id: string;
  status: string;
  mine: { id: string; kind: string }[];
}
interface Ledger {
  values: { used: string; remaining: string };
}

const cents = (money: string) => Math.round(Number(money) * 100);

describe('guarded write-backs racing on two servers', { timeout: 600_000 }, () => {
  let a: TesseraProcess;
  let b: TesseraProcess;
  let env: Record<string, string>;
  let aDir: string;
  const people: Record<string, Session> = {};

  before(async () => {
    const couch = await startPouchServer();
    env = { COUCHDB_URL: couch.url, COUCHDB_DATABASE: 'tessera-contention' };
    aDir = await scratchDir('contention-a');
    a = await startTessera(aDir, env);
    b = await startTessera(await scratchDir('contention-b'), env);
    await setUpSpend(a.url, a.adminPassword!);
    Object.assign(people, await signInSpend(a.url));
  });
  after(stopAll);

  const line = async () =>
    String(
      ok(
        await request(b.url, 'POST', '/api/apps/spend/tables/budget/records', {
          session: people.fin!,
          body: { values: { name: '差旅', total: '1000.00', used: '0.00', remaining: '1000.00' } },
        }),
        201,
        'line',
      ).id,
    );

  const item = async (server: TesseraProcess, id: string, as: Session) =>
    ok(
      await request(server.url, 'GET', `/api/flow-items/${id}`, { session: as }),
      200,
      id,
    ) as unknown as Item;

  /** Items of 50.00 on the line, approved by the department head: each waits for finance. */
  const waiting = async (budgetLine: string) => {
    const ids: string[] = [];
    for (let index = 0; index < ITEMS; index += 1) {
      const started = ok(
        await request(a.url, 'POST', '/api/apps/spend/flows/expense/items', {
          session: people.alice!,
          body: { values: { title: `差旅 ${index}`, amount: '50.00', budgetLine } },
        }),
        201,
        'start',
      ) as unknown as Item;
      const task = (await item(a, started.id, people.boss!)).mine[0]!.id;
      ok(
        await request(b.url, 'POST', `/api/flow-items/${started.id}/commands`, {
          session: people.boss!,
          body: { type: 'approve', task },
        }),
        200,
        'head',
      );
      ids.push(started.id);
    }
    return ids;
  };

  const burst = async (ids: readonly string[], servers: readonly TesseraProcess[]) => {
    const tasks = await Promise.all(
      ids.map(async (id) => (await item(b, id, people.fin!)).mine.find((t) => t.kind !== 'cc')!.id),
    );
    return Promise.all(
      ids.map((id, index) =>
        request(servers[index % servers.length]!.url, 'POST', `/api/flow-items/${id}/commands`, {
          session: people.fin!,
          body: { type: 'approve', task: tasks[index] },
        }).catch((error: unknown) => ({
          status: 0,
          json: { error: { code: 'no_answer', message: String(error) } },
        })),
      ),
    );
  };

  /** Waits (bounded) until no instance of `ids` owes anything, then checks the ledger. */
  const settled = async (server: TesseraProcess, budgetLine: string, ids: readonly string[]) => {
    let approved: string[] = [];
    for (let round = 0; round < 120; round += 1) {
      const ledger = (
        await request(server.url, 'GET', `/api/apps/spend/tables/budget/records/${budgetLine}`, {
          session: people.fin!,
        })
      ).json as unknown as Ledger;
      const items = await Promise.all(ids.map((id) => item(server, id, people.fin!)));
      approved = items.filter((one) => one.status === 'approved').map((one) => one.id);
      if (cents(ledger.values.used) === approved.length * 5000) return { ledger, approved };
      await new Promise((done) => setTimeout(done, 1000));
    }
    assert.fail(`the ledger never matched the ${approved.length} approved items`);
  };

  for (const round of [1, 2]) {
    it(`round ${round}: ${ITEMS} approvals of 50.00 on 1000.00 through A and B at once`, async () => {
      const budgetLine = await line();
      const ids = await waiting(budgetLine);
      const answers = await burst(ids, [a, b]);
      for (const [index, answer] of answers.entries()) {
        const stored = await item(b, ids[index]!, people.fin!);
        if (answer.status === 200) assert.equal(stored.status, 'approved', `item ${index}`);
        else
          assert.equal(stored.status, 'running', `item ${index}: ${JSON.stringify(answer.json)}`);
      }
      const { ledger, approved } = await settled(b, budgetLine, ids);
      assert.equal(approved.length, ITEMS, answers.map((one) => one.status).join());
      assert.equal(ledger.values.remaining, '0.00');
      const raw = (
        await request(b.url, 'GET', `/api/apps/spend/tables/budget/records/${budgetLine}`, {
          session: people.fin!,
        })
      ).json as Record<string, unknown>;
      assert.equal(raw.flowReservations, undefined, 'reservations are not shown');
    });
  }

  it('kill -9 of A mid-burst: what was committed is settled by the restarted A, nothing is lost', async () => {
    const budgetLine = await line();
    const ids = await waiting(budgetLine);
    const answers = burst(ids, [a, b]);
    await new Promise((done) => setTimeout(done, 150));
    await a.kill9();
    const statuses = (await answers).map((one) => one.status);
    // A comes back on the same data directory; its sweeper rolls forward what A owed
    a = await startTessera(aDir, env);
    const { ledger, approved } = await settled(a, budgetLine, ids);
    assert.equal(cents(ledger.values.remaining), 100000 - approved.length * 5000, statuses.join());
    for (const [index, status] of statuses.entries())
      if (status === 200) assert.ok(approved.includes(ids[index]!), `item ${index} answered 200`);
    // every item still running can be approved now, up to the line's total; a hold that A
    // made but never committed is let go once it is a minute old, so a refusal is retried
    let left = ids.filter((id) => !approved.includes(id));
    for (let round = 0; left.length > 0 && round < 40; round += 1) {
      const rest = await burst(left, [a, b]);
      for (const answer of rest) {
        if (answer.status !== 200)
          assert.equal(answer.json.error?.code, 'write_back_guard', JSON.stringify(answer.json));
      }
      left = left.filter((_, index) => rest[index]!.status !== 200);
      if (left.length > 0) await new Promise((done) => setTimeout(done, 5000));
    }
    assert.deepEqual(left, [], 'every item could be approved in the end');
    const end = await settled(b, budgetLine, ids);
    assert.equal(end.approved.length, ITEMS);
    assert.equal(end.ledger.values.remaining, '0.00');
  });
});
