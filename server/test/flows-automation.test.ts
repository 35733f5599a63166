import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createFlowTimers } from '../src/flows/flow-timers.ts';
import { call } from './accounts-helpers.ts';
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
before(async () => {
  world = await startFlowWorld();
});

describe('flow timers, simulation and analytics over the API', () => {
  it('a deadline passes: the task is marked overdue, the holders and the director are told, once', async () => {
    const item = itemOf(
      await startExpense(world, { budgetLine: await budgetLine(world, '900.00') }),
    );
    await act(world, world.boss, item.id, {
      type: 'approve',
      task: await myTask(world, world.boss, item.id),
    });
    const timers = (instanceId: string) =>
      createFlowTimers({
        storage: world.server.storage,
        now: () => world.server.clock.now,
        instanceId,
        flows: world.flows,
      });
    const a = timers('server-a');
    const b = timers('server-b');
    assert.equal(await a.runOnce(), 0, 'nothing is due yet');
    world.server.clock.advance(2 * 60 * 60 * 1000 + 1000);
    const ran = await Promise.all([a.runOnce(), b.runOnce()]);
    assert.equal(ran[0] + ran[1], 2, 'two finance tasks, each deadline fired by one server');
    const view = itemOf(
      await call(world.server.app, 'GET', `/api/flow-items/${item.id}`, { as: world.fin1 }),
    );
    const finance = (view.tasks as { node: string; overdue?: boolean }[]).filter(
      (task) => task.node === 'finance',
    );
    assert.deepEqual(
      finance.map((task) => task.overdue),
      [true, true],
    );
    const counts = (await call(world.server.app, 'GET', '/api/inbox/counts', { as: world.fin1 }))
      .json;
    assert.equal(counts.overdue, 1);
    const notices = await world.server.storage.find<{
      user: string;
      reason: string;
      instance: string;
    }>({
      index: 'notices-by-user',
      selector: { type: 'notice', user: world.dir.user.id },
    });
    assert.equal(
      notices.docs.filter((one) => one.instance === item.id && one.reason === 'overdue').length,
      2,
    );
    assert.equal(await a.runOnce(), 0, 'a fired timer is gone');
    const mine = await call(world.server.app, 'GET', '/api/notices', { as: world.dir });
    const overdue = (
      mine.json.items as { id: string; reason: string; instance: string; title?: string }[]
    ).filter((one) => one.instance === item.id && one.reason === 'overdue');
    assert.equal(overdue.length, 2);
    assert.equal(overdue[0]!.title, '出差', "a notice names its item's title");
    const read = await call(
      world.server.app,
      'POST',
      `/api/notices/${encodeURIComponent(overdue[0]!.id)}/read`,
      { as: world.dir },
    );
    assert.equal(read.status, 200);
    assert.ok(read.json.readAt);
    const foreign = await call(
      world.server.app,
      'POST',
      `/api/notices/${encodeURIComponent(overdue[0]!.id)}/read`,
      { as: world.alice },
    );
    assert.equal(foreign.status, 404, "someone else's notice is not found");
  });

  it('simulates the draft: path, assignees and the write-back preview, with nothing written', async () => {
    const line = await budgetLine(world, '300.00');
    const before = await world.server.storage.get(line);
    const answer = await call(world.server.app, 'POST', '/api/apps/spend/flows/expense/simulate', {
      as: world.admin,
      body: {
        values: { title: 'Sim', amount: '40.00', budgetLine: line },
        initiator: world.alice.user.id,
      },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    const result = answer.json as {
      ok: boolean;
      outcome: string;
      assignees: Record<string, string[]>;
      previews: { node: string; values?: Record<string, string> }[];
    };
    assert.equal(result.ok, true);
    assert.equal(result.outcome, 'approved');
    assert.deepEqual(result.assignees.head, [world.boss.user.id]);
    assert.deepEqual(
      result.assignees.finance?.sort(),
      [world.fin1.user.id, world.fin2.user.id].sort(),
    );
    assert.deepEqual(result.previews[0]?.values?.remaining, '260.00');
    assert.deepEqual(await world.server.storage.get(line), before, 'the budget line is untouched');
    const refused = await call(world.server.app, 'POST', '/api/apps/spend/flows/expense/simulate', {
      as: world.alice,
      body: { values: {} },
    });
    assert.equal(refused.status, 403, 'simulation is a designer tool');
  });

  it('simulation reports a write-back that would fail when the item runs, naming node and field', async () => {
    const simulated = async (values: Record<string, unknown>, flow = 'expense') => {
      const answer = await call(
        world.server.app,
        'POST',
        `/api/apps/spend/flows/${flow}/simulate`,
        {
          as: world.admin,
          body: { values, initiator: world.alice.user.id },
        },
      );
      assert.equal(answer.status, 200, JSON.stringify(answer.json));
      return answer.json as {
        ok: boolean;
        findings: { code: string; field: string; message: { en: string } }[];
        previews: { node: string; refused?: { code: string } }[];
      };
    };
    const fields = (result: Awaited<ReturnType<typeof simulated>>) =>
      result.findings.map((one) => [one.code, one.field]);
    const nothing = await simulated({ title: 'Sim', amount: '40.00' });
    assert.equal(nothing.ok, false, 'a recordId that gives nothing fails the run');
    assert.deepEqual(fields(nothing), [['write-back.no-record', '/nodes/deduct/config/recordId']]);
    const gone = await simulated({ title: 'Sim', amount: '40.00', budgetLine: 'record:gone' });
    assert.deepEqual(fields(gone), [['write-back.no-target', '/nodes/deduct/config/recordId']]);
    assert.match(gone.findings[0]!.message.en, /deduct.*record:gone/);
    const line = await budgetLine(world, '30.00');
    const over = await simulated({ title: 'Sim', amount: '40.00', budgetLine: line });
    assert.deepEqual(fields(over), [['write-back.guard', '/nodes/deduct/config/guard/rule']]);
    assert.equal(over.previews[0]?.refused?.code, 'write-back.guard');

    const draft = spendApp() as { flows: Record<string, unknown>[] };
    draft.flows.push({
      id: 'archive',
      label: { en: 'Archive', 'zh-CN': '归档' },
      table: 'expense',
      form: 'expenseForm',
      nodes: [
        { id: 'start', type: 'start' },
        {
          id: 'file',
          type: 'write-back',
          config: {
            target: 'budget',
            mode: 'create',
            mapping: { name: 'title', total: 'amount / decimal("0")' },
          },
        },
        {
          id: 'stub',
          type: 'write-back',
          config: { target: 'budget', mode: 'create', mapping: { total: 'amount' } },
        },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { id: 'a1', from: 'start', to: 'file' },
        { id: 'a2', from: 'file', to: 'stub' },
        { id: 'a3', from: 'stub', to: 'end' },
      ],
    });
    const saved = await call(world.server.app, 'PUT', '/api/apps/spend/draft', {
      as: world.admin,
      body: draft,
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.json));
    const divided = await simulated({ title: 'Sim', amount: '40.00' }, 'archive');
    assert.equal(divided.ok, false, 'a mapping dividing by zero fails the run');
    assert.deepEqual(fields(divided), [
      ['write-back.expression', '/nodes/file/config/mapping/total'],
      ['write-back.invalid', '/nodes/stub/config/mapping/name'],
    ]);
    const enough = await simulated({ title: 'Sim', amount: '30.00', budgetLine: line });
    assert.equal(enough.ok, true, JSON.stringify(enough.findings));
    assert.deepEqual(enough.findings, []);
  });

  it('withdraw before anyone acted, then analytics over the items', async () => {
    const item = itemOf(
      await startExpense(world, { budgetLine: await budgetLine(world, '900.00') }),
    );
    const withdrawn = await act(world, world.alice, item.id, {
      type: 'withdraw',
      opinion: '写错了',
    });
    assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.json));
    assert.equal(itemOf(withdrawn).status, 'draft');
    const answer = await call(world.server.app, 'GET', '/api/apps/spend/flows/expense/analytics', {
      as: world.admin,
    });
    assert.equal(answer.status, 200);
    const { flows, nodes } = answer.json as {
      flows: { count: number; running: number }[];
      nodes: { node: string; count: number }[];
    };
    assert.ok((flows[0]?.count ?? 0) >= 2);
    assert.ok(nodes.some((node) => node.node === 'head' && node.count >= 1));
  });
});

describe('sub-flows over the API', () => {
  it('the parent waits for its child item, started for the drafter, and moves on when it ends', async () => {
    const started = await call(world.server.app, 'POST', '/api/apps/spend/flows/purchase/items', {
      as: world.alice,
      body: { values: { title: '服务器', amount: '9000.00' } },
    });
    assert.equal(started.status, 201, JSON.stringify(started.json));
    const parent = itemOf(started);
    assert.equal(parent.status, 'running');
    const todo = (await call(world.server.app, 'GET', '/api/inbox?box=todo', { as: world.dir }))
      .json.items as { instance: string; flow: string; initiator: string; record: string }[];
    const child = todo.find(
      (entry) => entry.flow === 'review' && entry.instance.startsWith(parent.id),
    );
    assert.ok(child, JSON.stringify(todo));
    assert.equal(child.initiator, world.alice.user.id, 'the child is the drafter’s item');
    const childItem = itemOf(
      await call(world.server.app, 'GET', `/api/flow-items/${child.instance}`, { as: world.dir }),
    );
    assert.equal((childItem.record as { values: { title: string } }).values.title, '评审：服务器');
    await act(world, world.dir, child.instance, {
      type: 'approve',
      task: await myTask(world, world.dir, child.instance),
    });
    const after = itemOf(
      await call(world.server.app, 'GET', `/api/flow-items/${parent.id}`, { as: world.alice }),
    );
    assert.equal(after.status, 'approved');
    const subflowEnded = (after.timeline as { action: string; outcome?: string }[]).find(
      (e) => e.action === 'subflowEnded',
    );
    assert.equal(subflowEnded?.outcome, 'approved');
  });
});
