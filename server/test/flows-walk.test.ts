import assert from 'node:assert/strict';
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
before(async () => {
  world = await startFlowWorld();
});

const budget = async (id: string) =>
  (
    await call(world.server.app, 'GET', `/api/apps/spend/tables/budget/records/${id}`, {
      as: world.fin1,
    })
  ).json.values as Record<string, string>;

const inbox = async (as: FlowWorld['alice'], box: string) =>
  (await call(world.server.app, 'GET', `/api/inbox?box=${box}`, { as })).json.items as Record<
    string,
    unknown
  >[];

describe('flow items over the API', () => {
  it('walks start → department head → finance → budget write-back → end', async () => {
    const line = await budgetLine(world, '1000.00');
    const started = await startExpense(world, { budgetLine: line, amount: '120.50' });
    assert.equal(started.status, 201, JSON.stringify(started.json));
    const item = itemOf(started);
    assert.equal(item.status, 'running');
    const todo = await inbox(world.boss, 'todo');
    assert.ok(todo.some((entry) => entry.instance === item.id && entry.node === 'head'));
    assert.equal(
      (
        await act(world, world.boss, item.id, {
          type: 'approve',
          task: await myTask(world, world.boss, item.id),
          opinion: '同意',
        })
      ).status,
      200,
    );
    assert.ok((await inbox(world.boss, 'done')).some((entry) => entry.instance === item.id));
    const approved = await act(world, world.fin2, item.id, {
      type: 'approve',
      task: await myTask(world, world.fin2, item.id),
    });
    assert.equal(approved.status, 200, JSON.stringify(approved.json));
    assert.equal(itemOf(approved).status, 'approved');
    assert.deepEqual(await budget(line), {
      name: 'Q4 travel',
      total: '1000.00',
      used: '120.50',
      remaining: '879.50',
    });
    const submitted = await inbox(world.alice, 'submitted');
    assert.equal(submitted.find((entry) => entry.instance === item.id)?.status, 'approved');
    const view = itemOf(
      await call(world.server.app, 'GET', `/api/flow-items/${item.id}`, { as: world.alice }),
    );
    const timeline = (view.timeline as { action: string; node?: string; opinion?: string }[]).map(
      (e) => `${e.action}@${e.node ?? ''}`,
    );
    assert.ok(
      timeline.includes('approved@head') && timeline.includes('ended@end'),
      timeline.join(),
    );
    const diagram = view.diagram as { nodes: { id: string; state: string }[] };
    assert.deepEqual(
      diagram.nodes.map((node) => node.state),
      ['done', 'done', 'done', 'done', 'done'],
    );
  });

  it('a guard that fails refuses the approval with its message; nothing changes', async () => {
    const line = await budgetLine(world, '50.00');
    const item = itemOf(await startExpense(world, { budgetLine: line, amount: '80.00' }));
    await act(world, world.boss, item.id, {
      type: 'approve',
      task: await myTask(world, world.boss, item.id),
    });
    const task = await myTask(world, world.fin1, item.id);
    const refused = await call(world.server.app, 'POST', `/api/flow-items/${item.id}/commands`, {
      as: world.fin1,
      body: { type: 'approve', task },
      headers: { 'accept-language': 'zh-CN' },
    });
    assert.equal(refused.status, 409, JSON.stringify(refused.json));
    assert.equal(refused.json.error?.code, 'write_back_guard');
    assert.match(String(refused.json.error?.message), /金额超出预算余额/);
    assert.equal(refused.json.error?.field, '/nodes/deduct/config/guard/rule');
    assert.equal(
      itemOf(await call(world.server.app, 'GET', `/api/flow-items/${item.id}`, { as: world.fin1 }))
        .status,
      'running',
    );
    const stored = await world.server.storage.get<{
      flowReservations?: unknown[];
      values: unknown;
    }>(line);
    assert.deepEqual(stored?.values, {
      name: 'Q4 travel',
      total: '1000.00',
      used: '0.00',
      remaining: '50.00',
    });
    assert.deepEqual(stored?.flowReservations ?? [], []);
  });

  it('two finance people approving at once: one wins, the other gets 409, the budget moves once', async () => {
    const line = await budgetLine(world, '1000.00');
    const item = itemOf(await startExpense(world, { budgetLine: line, amount: '10.00' }));
    await act(world, world.boss, item.id, {
      type: 'approve',
      task: await myTask(world, world.boss, item.id),
    });
    const [one, two] = await Promise.all([
      act(world, world.fin1, item.id, {
        type: 'approve',
        task: await myTask(world, world.fin1, item.id),
      }),
      act(world, world.fin2, item.id, {
        type: 'approve',
        task: await myTask(world, world.fin2, item.id),
      }),
    ]);
    assert.deepEqual([one.status, two.status].sort(), [200, 409]);
    const loser = one.status === 409 ? one : two;
    assert.equal(loser.json.error?.code, 'task_closed');
    assert.equal((await budget(line)).used, '10.00');
  });

  it('a retried approval with the same Idempotency-Key completes once', async () => {
    const line = await budgetLine(world, '1000.00');
    const item = itemOf(await startExpense(world, { budgetLine: line, amount: '7.00' }, 'start-7'));
    const again = itemOf(
      await startExpense(world, { budgetLine: line, amount: '7.00' }, 'start-7'),
    );
    assert.equal(again.id, item.id, 'a retried start starts nothing more');
    await act(world, world.boss, item.id, {
      type: 'approve',
      task: await myTask(world, world.boss, item.id),
    });
    const task = await myTask(world, world.fin1, item.id);
    const first = await act(world, world.fin1, item.id, { type: 'approve', task }, 'k-fin');
    const second = await act(world, world.fin1, item.id, { type: 'approve', task }, 'k-fin');
    assert.deepEqual([first.status, second.status], [200, 200]);
    assert.equal((await budget(line)).used, '7.00');
  });

  it('hides what the node may not see and refuses edits it may not make', async () => {
    const item = itemOf(
      await startExpense(world, { budgetLine: await budgetLine(world, '500.00') }),
    );
    await act(world, world.boss, item.id, {
      type: 'approve',
      task: await myTask(world, world.boss, item.id),
    });
    const seen = itemOf(
      await call(world.server.app, 'GET', `/api/flow-items/${item.id}`, { as: world.fin1 }),
    );
    const record = seen.record as { _rev: string; values: Record<string, unknown> };
    assert.equal(record.values.secret, undefined, 'hidden at the finance node');
    assert.equal(record.values.title, '出差');
    assert.deepEqual((seen.rights as { fields: Record<string, string> }).fields, {
      title: 'read',
      amount: 'read',
      budgetLine: 'read',
      secret: 'hidden',
      note: 'edit',
    });
    const task = await myTask(world, world.fin1, item.id);
    const refused = await act(world, world.fin1, item.id, {
      type: 'approve',
      task,
      values: { amount: '1.00' },
      rev: record._rev,
    });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error?.field, '/values/amount');
    const edited = await act(world, world.fin1, item.id, {
      type: 'approve',
      task,
      values: { note: '已核对' },
      rev: record._rev,
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.json));
    const after = itemOf(
      await call(world.server.app, 'GET', `/api/flow-items/${item.id}`, { as: world.alice }),
    );
    assert.equal((after.record as { values: Record<string, unknown> }).values.note, '已核对');
    const done = itemOf(
      await call(world.server.app, 'GET', `/api/flow-items/${item.id}`, { as: world.fin1 }),
    );
    const doneValues = (done.record as { values: Record<string, unknown> }).values;
    assert.equal(doneValues.secret, undefined, 'still hidden from finance once its step is done');
    assert.equal(doneValues.note, '已核对');
    assert.equal((done.rights as { fields: Record<string, string> }).fields.secret, 'hidden');
    assert.equal((done.rights as { fields: Record<string, string> }).fields.note, 'read');
  });

  it('return to the drafter, straight back on resubmission', async () => {
    const item = itemOf(await startExpense(world, {}));
    await act(world, world.boss, item.id, {
      type: 'approve',
      task: await myTask(world, world.boss, item.id),
    });
    const task = await myTask(world, world.fin1, item.id);
    const returned = await act(world, world.fin1, item.id, {
      type: 'return',
      task,
      to: 'drafter',
      resubmit: 'straight',
      opinion: '缺发票',
    });
    assert.equal(returned.status, 200, JSON.stringify(returned.json));
    assert.ok((await inbox(world.alice, 'draft')).some((entry) => entry.instance === item.id));
    const notices = (await call(world.server.app, 'GET', '/api/notices', { as: world.alice })).json
      .items as { reason: string; instance: string }[];
    assert.ok(
      notices.some((one) => one.reason === 'returned' && one.instance === item.id),
      'the drafter is told the item came back',
    );
    const resubmitted = await act(world, world.alice, item.id, { type: 'submit' });
    assert.equal(resubmitted.status, 200);
    const open = (itemOf(resubmitted).tasks as { node: string; status: string }[]).filter(
      (t) => t.status === 'open',
    );
    assert.deepEqual(
      [...new Set(open.map((t) => t.node))],
      ['finance'],
      'the head is not asked again',
    );
  });

  it('an item its flow cannot route is refused naming the node, and nothing is stored', async () => {
    const records = async () =>
      (
        await call(world.server.app, 'GET', '/api/apps/spend/tables/expense/records?limit=1000', {
          as: world.dir,
        })
      ).json.items as unknown[];
    const before = (await records()).length;
    // fin1's department (Finance) has no head for the first node
    const refused = await call(world.server.app, 'POST', '/api/apps/spend/flows/expense/items', {
      as: world.fin1,
      body: { values: { title: '无人审批', amount: '5.00' } },
    });
    assert.equal(refused.status, 422, JSON.stringify(refused.json));
    assert.equal(refused.json.error?.code, 'assignee_unresolved');
    assert.equal(refused.json.error?.field, '/nodes/head/config/assignees');
    assert.equal((await records()).length, before, 'no record was made');
    assert.deepEqual(await inbox(world.fin1, 'draft'), [], 'no draft was left behind');
    const invalid = await call(world.server.app, 'POST', '/api/apps/spend/flows/expense/items', {
      as: world.alice,
      body: { values: { title: '缺金额' } },
    });
    assert.deepEqual([invalid.status, invalid.json.error?.field], [400, '/values/amount']);
    assert.equal((await records()).length, before);
  });

  it('bad commands are refused naming the field', async () => {
    const item = itemOf(await startExpense(world, {}));
    const noTask = await act(world, world.boss, item.id, { type: 'approve' });
    assert.deepEqual([noTask.status, noTask.json.error?.field], [400, '/task']);
    assert.match(noTask.json.error?.message ?? '', /task/);
    const noTo = await act(world, world.boss, item.id, { type: 'transfer', task: 'x' });
    assert.deepEqual([noTo.status, noTo.json.error?.field], [400, '/to']);
    const unknownType = await act(world, world.boss, item.id, { type: 'approveAll' });
    assert.deepEqual([unknownType.status, unknownType.json.error?.field], [400, '/type']);
    const notYours = await act(world, world.fin1, item.id, {
      type: 'approve',
      task: await myTask(world, world.boss, item.id),
    });
    assert.deepEqual([notYours.status, notYours.json.error?.code], [403, 'task_notYours']);
    const unknown = await call(world.server.app, 'GET', '/api/flow-items/nope', {
      as: world.alice,
    });
    assert.equal(unknown.status, 404);
    const outsider = await call(world.server.app, 'GET', `/api/flow-items/${item.id}`, {
      as: world.dir,
    });
    assert.equal(outsider.status, 200, 'the director reads every expense (row scope all)');
  });
});
