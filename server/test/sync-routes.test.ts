import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { call } from './accounts-helpers.ts';
import {
  act,
  budgetLine,
  type FlowWorld,
  itemOf,
  myTask,
  startExpense,
  startFlowWorld,
} from './flows-helpers.ts';

let world: FlowWorld;
let line: string;
before(async () => {
  world = await startFlowWorld();
  line = await budgetLine(world, '1000.00');
});

type Doc = { id: string; kind: string; rev: string; body: Record<string, unknown> };
type Pull = { docs: Doc[]; removed: string[] };
type Result = {
  id: string;
  status: string;
  error?: { code: string; field?: string };
  server?: unknown;
};

const pull = async (as: FlowWorld['alice'], known: Record<string, string> = {}) => {
  const answer = await call(world.server.app, 'POST', '/api/sync/pull', { as, body: { known } });
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  return answer.json as unknown as Pull;
};

const push = async (as: FlowWorld['alice'], commands: unknown[]) => {
  const answer = await call(world.server.app, 'POST', '/api/sync/push', { as, body: { commands } });
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  return (answer.json as { results: Result[] }).results;
};

const inbox = async (as: FlowWorld['alice'], box: string) =>
  (await call(world.server.app, 'GET', `/api/inbox?box=${box}`, { as })).json.items as Record<
    string,
    unknown
  >[];

describe('offline sync: pull', () => {
  it("gives a person their inbox, the items in it as they may see them, and their apps' definitions", async () => {
    const started = itemOf(await startExpense(world, { budgetLine: line, title: '离线同步一' }));
    const mine = await pull(world.boss);
    const kinds = new Set(mine.docs.map((doc) => doc.kind));
    assert.deepEqual([...kinds].sort(), ['app', 'inbox', 'item']);
    const entry = mine.docs.find((doc) => doc.kind === 'inbox' && doc.body.instance === started.id);
    assert.equal(entry?.body.box, 'todo');
    assert.equal(entry?.body.title, '离线同步一');
    assert.ok(
      mine.docs.some((doc) => doc.id === `item:${started.id}`),
      'the item comes along',
    );
    // at finance's node the internal note is hidden, and so it is in finance's copy
    const task = await myTask(world, world.boss, started.id);
    assert.equal((await act(world, world.boss, started.id, { type: 'approve', task })).status, 200);
    const finance = await pull(world.fin1);
    const item = finance.docs.find((doc) => doc.id === `item:${started.id}`);
    assert.ok(item, 'the item is in the copy of the finance people holding its task');
    const values = (item.body.record as { values: Record<string, unknown> }).values;
    assert.equal(values.title, '离线同步一');
    assert.equal(values.secret, undefined);
    assert.ok(mine.docs.some((doc) => doc.id === 'app:spend@1'));
  });

  it('sends only what changed since, and names what left the working set', async () => {
    const first = await pull(world.boss);
    const known = Object.fromEntries(first.docs.map((doc) => [doc.id, doc.rev]));
    const again = await pull(world.boss, { ...known, 'item:gone': 'x' });
    assert.deepEqual(again.docs, []);
    assert.deepEqual(again.removed, ['item:gone']);
    const started = itemOf(await startExpense(world, { budgetLine: line, title: '离线同步二' }));
    const later = await pull(world.boss, known);
    const ids = later.docs.map((doc) => doc.id);
    assert.ok(ids.includes(`item:${started.id}`));
    assert.ok(!ids.includes('app:spend@1'), 'an unchanged definition is not sent again');
  });

  it("holds nothing of other people's: a colleague's draft and item stay out", async () => {
    const draft = await call(world.server.app, 'POST', '/api/apps/spend/flows/expense/items', {
      as: world.alice,
      body: { values: { title: '只属于 alice', amount: '5.00', budgetLine: line }, submit: false },
    });
    assert.equal(draft.status, 201);
    const other = await pull(world.fin1);
    assert.ok(!other.docs.some((doc) => doc.id === `item:${itemOf(draft).id}`));
    assert.ok(!other.docs.some((doc) => JSON.stringify(doc.body).includes('只属于 alice')));
  });

  it('refuses an oversized known list naming /known, and needs a session', async () => {
    const known = Object.fromEntries(Array.from({ length: 20001 }, (_, i) => [`x${i}`, 'r']));
    const answer = await call(world.server.app, 'POST', '/api/sync/pull', {
      as: world.boss,
      body: { known },
    });
    assert.equal(answer.status, 400);
    assert.equal((answer.json.error as { field: string }).field, '/known');
    const anonymous = await call(world.server.app, 'POST', '/api/sync/pull', {
      body: { known: {} },
    });
    assert.equal(anonymous.status, 401);
  });
});

describe('offline sync: push', () => {
  it('applies queued writes in order, each once: a resend after a cut connection adds nothing', async () => {
    const commands = [
      {
        id: randomUUID(),
        kind: 'start',
        app: 'spend',
        flow: 'expense',
        values: { title: '离线一', amount: '10.00', budgetLine: line },
      },
      {
        id: randomUUID(),
        kind: 'start',
        app: 'spend',
        flow: 'expense',
        values: { title: '离线二', amount: '20.00', budgetLine: line },
      },
    ];
    const first = await push(world.alice, commands);
    assert.deepEqual(
      first.map((one) => one.status),
      ['applied', 'applied'],
    );
    // the answer was lost: the browser sends the same outbox again
    const again = await push(world.alice, commands);
    assert.deepEqual(
      again.map((one) => one.status),
      ['applied', 'applied'],
    );
    const submitted = await inbox(world.alice, 'submitted');
    for (const title of ['离线一', '离线二']) {
      assert.equal(submitted.filter((entry) => entry.title === title).length, 1, title);
    }
  });

  it('re-validates: a value that breaks a rule is rejected naming the field, and the rest still land', async () => {
    const results = await push(world.alice, [
      {
        id: randomUUID(),
        kind: 'start',
        app: 'spend',
        flow: 'expense',
        values: { title: '坏金额', amount: 'abc', budgetLine: line },
      },
      {
        id: randomUUID(),
        kind: 'start',
        app: 'spend',
        flow: 'expense',
        values: { title: '好金额', amount: '3.00', budgetLine: line },
      },
    ]);
    assert.equal(results[0]!.status, 'rejected');
    assert.equal(results[0]!.error?.field, '/values/amount');
    assert.equal(results[1]!.status, 'applied');
    assert.equal(
      (await inbox(world.alice, 'submitted')).filter((e) => e.title === '坏金额').length,
      0,
    );
  });

  it('re-checks the flow: an approval of a task someone else already handled is a conflict with the server version', async () => {
    const item = itemOf(await startExpense(world, { budgetLine: line, title: '抢着审批' }));
    const task = await myTask(world, world.boss, item.id);
    // the head approves offline; meanwhile the same task is approved online
    const online = await act(world, world.boss, item.id, { type: 'approve', task });
    assert.equal(online.status, 200);
    const [result] = await push(world.boss, [
      {
        id: randomUUID(),
        kind: 'command',
        item: item.id,
        command: { type: 'approve', task, opinion: '离线同意' },
      },
    ]);
    assert.equal(result!.status, 'conflict');
    assert.equal(result!.error?.code, 'task_closed');
    assert.equal((result!.server as { status: string }).status, 'running');
  });

  it('re-authorises: a command on a task of someone else is refused', async () => {
    const item = itemOf(await startExpense(world, { budgetLine: line, title: '不是你的' }));
    const task = await myTask(world, world.boss, item.id);
    const [result] = await push(world.fin1, [
      { id: randomUUID(), kind: 'command', item: item.id, command: { type: 'approve', task } },
    ]);
    assert.notEqual(result!.status, 'applied');
    const still = itemOf(
      await call(world.server.app, 'GET', `/api/flow-items/${item.id}`, { as: world.boss }),
    );
    assert.equal(
      still.mine.filter((one) => one.kind === 'approve').length,
      1,
      'the task is still open',
    );
  });

  it('creates master records, validated as online', async () => {
    const [made, bad] = await push(world.fin1, [
      {
        id: randomUUID(),
        kind: 'create',
        app: 'spend',
        table: 'budget',
        values: { name: '离线预算', total: '50.00', used: '0.00', remaining: '50.00' },
      },
      {
        id: randomUUID(),
        kind: 'create',
        app: 'spend',
        table: 'budget',
        values: { total: '5.00' },
      },
    ]);
    assert.equal(made!.status, 'applied');
    assert.equal(bad!.status, 'rejected');
    assert.equal(bad!.error?.field, '/values/name');
  });

  it('refuses a malformed command naming it, before anything is applied', async () => {
    const answer = await call(world.server.app, 'POST', '/api/sync/push', {
      as: world.alice,
      body: { commands: [{ id: 'x', kind: 'drop-database' }] },
    });
    assert.equal(answer.status, 400);
    assert.match(String((answer.json.error as { field?: string }).field), /^\/commands\/0/);
  });
});
