import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { instanceDocId } from '@tessera/runtime/flow-store';
import { createFlowTimers } from '../src/flows/flow-timers.ts';
import { type Answer, call, makeUser, type Session, signIn } from './accounts-helpers.ts';
import {
  act,
  budgetLine,
  type FlowWorld,
  itemOf,
  myTask,
  spendApp,
  startExpense,
  startFlowWorld,
} from './flows-helpers.ts';

let world: FlowWorld;
let line: string;
/** Alice's colleague: staff like her, so with an app role, but rows of her own only. */
let carol: Session;
/** In a department with no role in the app at all. */
let owen: Session;

const ok = (answer: Answer, status: number) => {
  assert.equal(answer.status, status, JSON.stringify(answer.json));
  return answer.json;
};

before(async () => {
  world = await startFlowWorld();
  const { app } = world.server;
  // the finance node also reminds an hour before its deadline: two timer keys per task
  const definition = spendApp() as { flows: { id: string; nodes: Record<string, unknown>[] }[] };
  const finance = definition.flows[0]!.nodes.find((node) => node.id === 'finance')!;
  const config = finance.config as { deadline: Record<string, unknown> };
  config.deadline = { ...config.deadline, remindBefore: 'PT1H' };
  ok(await call(app, 'PUT', '/api/apps/spend/draft', { as: world.admin, body: definition }), 200);
  ok(await call(app, 'POST', '/api/apps/spend/publish', { as: world.admin, body: {} }), 201);
  const department = ok(
    await call(app, 'POST', '/api/departments', { as: world.admin, body: { name: 'Outside' } }),
    201,
  );
  const person = async (username: string, dept: unknown) => {
    await makeUser(world.server, world.admin, {
      username,
      roles: ['user'],
      department: String(dept),
    });
    return signIn(app, username, 'correct horse battery');
  };
  carol = await person('carol', world.alice.user.department);
  owen = await person('owen', department.id);
  line = await budgetLine(world, '100000.00');
});

const read = (as: Session, id: string) =>
  call(world.server.app, 'GET', `/api/flow-items/${id}`, { as });

/** The stored instance: its revision and the keys of the commands it has seen. */
const stored = async (id: string) =>
  (await world.server.storage.get<{ commands: Record<string, number> }>(instanceDocId(id)))!;

describe('a flow command is authorised as a read is', () => {
  it("an outsider's comment, urge, approve … answers 404 as a read does, and changes nothing", async () => {
    const started = await startExpense(world, { budgetLine: line, title: '外人勿动' });
    const id = itemOf(started).id;
    ok(
      await act(world, world.boss, id, {
        type: 'approve',
        task: await myTask(world, world.boss, id),
      }),
      200,
    );
    const task = await myTask(world, world.fin1, id);
    const before = { doc: await stored(id), item: ok(await read(world.alice, id), 200) };
    const commands = [
      { type: 'comment', opinion: '路过' },
      { type: 'urge' },
      { type: 'approve', task },
      { type: 'reject', task },
      { type: 'return', task, to: 'drafter' },
      { type: 'transfer', task, to: carol.user.id },
      { type: 'addSigner', task, users: [carol.user.id], placement: 'after' },
      { type: 'withdraw' },
      { type: 'read', task },
    ];
    for (const outsider of [carol, owen]) {
      const refused = ok(await read(outsider, id), 404);
      for (const command of commands) {
        const answer = await act(world, outsider, id, command);
        assert.equal(answer.status, 404, `${outsider.user.username} ${command.type}`);
        assert.deepEqual(
          answer.json,
          refused,
          'the same answer as a read: nothing tells it exists',
        );
      }
    }
    assert.equal((await stored(id))._rev, before.doc._rev, 'the instance is not written');
    assert.deepEqual(ok(await read(world.alice, id), 200), before.item);
  });

  it("a draft (待发) is its drafter's alone: nobody else reads it or acts on it, admins included", async () => {
    const drafted = await call(world.server.app, 'POST', '/api/apps/spend/flows/expense/items', {
      as: world.alice,
      body: { values: { title: '草稿', amount: '9.00', budgetLine: line }, submit: false },
    });
    const id = String(ok(drafted, 201).id);
    const rev = (await stored(id))._rev;
    for (const other of [world.admin, world.dir, world.boss, carol]) {
      const refused = ok(await read(other, id), 404);
      for (const command of [{ type: 'comment', opinion: '看看' }, { type: 'submit' }]) {
        const answer = await act(world, other, id, command);
        assert.deepEqual([answer.status, answer.json], [404, refused], other.user.username);
      }
    }
    assert.equal((await stored(id))._rev, rev, 'the draft is not written');
    ok(await read(world.alice, id), 200);
    // sent, then withdrawn before anyone acted: a draft again, out of the head's sight
    ok(await act(world, world.alice, id, { type: 'submit' }), 200);
    ok(await read(world.boss, id), 200);
    const withdrawn = ok(await act(world, world.alice, id, { type: 'withdraw' }), 200);
    assert.equal(withdrawn.status, 'draft');
    for (const other of [world.boss, world.admin, world.dir]) ok(await read(other, id), 404);
  });

  it('the answer to a command holds no more than a GET gives the caller', async () => {
    const id = itemOf(await startExpense(world, { budgetLine: line, title: '只看不改' })).id;
    ok(
      await act(world, world.boss, id, {
        type: 'approve',
        task: await myTask(world, world.boss, id),
      }),
      200,
    );
    // the director reads every expense by row scope and holds no task on it
    const answer = ok(await act(world, world.dir, id, { type: 'comment', opinion: '已阅' }), 200);
    assert.deepEqual(answer, ok(await read(world.dir, id), 200));
    // finance holds a task at a node that hides the internal note
    const mine = ok(await act(world, world.fin1, id, { type: 'comment', opinion: '核对中' }), 200);
    assert.equal((mine.record as { values: Record<string, unknown> }).values.secret, undefined);
    assert.deepEqual(mine, ok(await read(world.fin1, id), 200));
  });

  it('a queued command on an item the person cannot see is rejected as not found', async () => {
    const id = itemOf(await startExpense(world, { budgetLine: line, title: '离线外人' })).id;
    const rev = (await stored(id))._rev;
    const pushed = ok(
      await call(world.server.app, 'POST', '/api/sync/push', {
        as: carol,
        body: {
          commands: [
            {
              id: randomUUID(),
              kind: 'command',
              item: id,
              command: { type: 'comment', opinion: '离线' },
            },
          ],
        },
      }),
      200,
    ) as { results: { status: string; error?: { code: string }; server?: unknown }[] };
    const [result] = pushed.results;
    assert.equal(result?.status, 'rejected');
    assert.equal(result?.error?.code, ok(await read(carol, id), 404).error?.code);
    assert.equal(result?.server, undefined);
    assert.equal((await stored(id))._rev, rev);
  });
});

type Pushed = { status: string; result?: Record<string, unknown>; error?: { code: string } };

const push = async (as: Session, commands: Record<string, unknown>[]) =>
  (
    ok(await call(world.server.app, 'POST', '/api/sync/push', { as, body: { commands } }), 200) as {
      results: Pushed[];
    }
  ).results;

const timelineOf = (item: Record<string, unknown>) =>
  (item.timeline as { actor: string; action: string; opinion?: string }[]).map(
    (entry) => `${entry.action}:${entry.actor}:${entry.opinion ?? ''}`,
  );

describe("an idempotency key is its caller's own", () => {
  it("a command under another person's Idempotency-Key is applied as the caller's own", async () => {
    const id = itemOf(await startExpense(world, { budgetLine: line, title: '同一个键' })).id;
    const task = await myTask(world, world.boss, id);
    ok(await act(world, world.boss, id, { type: 'approve', task }, 'shared-key'), 200);
    const comment = { type: 'comment', opinion: '董事看过' };
    const mine = ok(await act(world, world.dir, id, comment, 'shared-key'), 200);
    const dir = `commented:${world.dir.user.id}:董事看过`;
    assert.ok(
      timelineOf(mine).includes(dir),
      "the director's comment is not taken for the head's approval",
    );
    // each person's retry is still a replay of their own command
    ok(await act(world, world.boss, id, { type: 'approve', task }, 'shared-key'), 200);
    const again = ok(await act(world, world.dir, id, comment, 'shared-key'), 200);
    const lines = timelineOf(again);
    assert.equal(lines.filter((one) => one === dir).length, 1);
    assert.equal(lines.filter((one) => one.startsWith(`approved:${world.boss.user.id}`)).length, 1);
  });

  it("a flow start or a record create under another person's key makes the caller's own", async () => {
    const headers = { 'idempotency-key': 'guessable-1' };
    const start = (as: Session, title: string) =>
      call(world.server.app, 'POST', '/api/apps/spend/flows/expense/items', {
        as,
        headers,
        body: { values: { title, amount: '1.00', budgetLine: line } },
      });
    const alices = itemOf(await start(world.alice, 'alice 的'));
    const carols = ok(await start(carol, 'carol 的'), 201);
    assert.notEqual(carols.id, alices.id);
    assert.equal(carols.initiator, carol.user.id);
    assert.equal((carols.record as { values: { title: string } }).values.title, 'carol 的');
    assert.equal(itemOf(await start(carol, 'carol 的')).id, carols.id, 'her retry is a replay');
    const create = (as: Session, name: string) =>
      call(world.server.app, 'POST', '/api/apps/spend/tables/budget/records', {
        as,
        headers,
        body: { values: { name, total: '1.00', used: '0.00', remaining: '1.00' } },
      });
    const alicesRecord = ok(await create(world.alice, 'alice 的预算'), 201);
    const carolsRecord = ok(await create(carol, 'carol 的预算'), 201);
    assert.notEqual(carolsRecord.id, alicesRecord.id);
    assert.equal(carolsRecord.createdBy, carol.user.id);
    assert.equal((carolsRecord.values as { name: string }).name, 'carol 的预算');
  });

  it("an outbox id another person used makes the caller's own item, record and command", async () => {
    const [start, create] = [randomUUID(), randomUUID()];
    const writes = (title: string) => [
      {
        id: start,
        kind: 'start',
        app: 'spend',
        flow: 'expense',
        values: { title, amount: '2.00', budgetLine: line },
      },
      {
        id: create,
        kind: 'create',
        app: 'spend',
        table: 'budget',
        values: { name: title, total: '2.00', used: '0.00', remaining: '2.00' },
      },
    ];
    const alices = await push(world.alice, writes('alice 离线'));
    const carols = await push(carol, writes('carol 离线'));
    assert.deepEqual(
      carols.map((one) => one.status),
      ['applied', 'applied'],
    );
    assert.notEqual(carols[0]?.result?.id, alices[0]?.result?.id);
    assert.equal(carols[0]?.result?.initiator, carol.user.id);
    assert.notEqual(carols[1]?.result?.id, alices[1]?.result?.id);
    assert.deepEqual(carols[1]?.result?.values, {
      name: 'carol 离线',
      total: '2.00',
      used: '0.00',
      remaining: '2.00',
    });

    const id = String(alices[0]?.result?.id);
    const command = randomUUID();
    const task = await myTask(world, world.boss, id);
    const [approved] = await push(world.boss, [
      { id: command, kind: 'command', item: id, command: { type: 'approve', task } },
    ]);
    assert.equal(approved?.status, 'applied');
    const [commented] = await push(world.dir, [
      { id: command, kind: 'command', item: id, command: { type: 'comment', opinion: '离线评论' } },
    ]);
    assert.equal(commented?.status, 'applied');
    assert.ok(
      timelineOf(commented!.result!).includes(`commented:${world.dir.user.id}:离线评论`),
      "the director's queued comment is not taken for the head's approval",
    );
  });

  it("a timer's key sent after the timer fired is not taken for it", async () => {
    const id = itemOf(await startExpense(world, { budgetLine: line, title: '到期' })).id;
    ok(
      await act(world, world.boss, id, {
        type: 'approve',
        task: await myTask(world, world.boss, id),
      }),
      200,
    );
    const task = await myTask(world, world.fin1, id);
    const timers = createFlowTimers({
      storage: world.server.storage,
      now: () => world.server.clock.now,
      instanceId: 'server-a',
      flows: world.flows,
    });
    world.server.clock.advance(2 * 60 * 60 * 1000 + 1000);
    while ((await timers.runOnce()) > 0);
    const keys = [`${task}:remind`, `${task}:overdue`];
    for (const key of keys) assert.ok(key in (await stored(id)).commands, `${key} fired`);
    for (const key of keys) {
      const refused = await act(world, carol, id, { type: 'comment', opinion: '猜' }, key);
      assert.deepEqual([refused.status, refused.json], [404, ok(await read(carol, id), 404)]);
      const answer = ok(
        await act(world, world.dir, id, { type: 'comment', opinion: key }, key),
        200,
      );
      assert.ok(
        timelineOf(answer).includes(`commented:${world.dir.user.id}:${key}`),
        `a comment sent with ${key} is applied, not answered as the timer's replay`,
      );
    }
  });
});
