import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call } from './accounts-helpers.ts';
import { act, budgetLine, itemOf, myTask, startExpense, startFlowWorld } from './flows-helpers.ts';
import { exampleLookup } from './webhooks-helpers.ts';

describe('flow webhook events', () => {
  it('a walk through the flow owes a delivery per subscribed event, once each', async () => {
    const world = await startFlowWorld({ lookup: exampleLookup });
    const hook = await call(world.server.app, 'POST', '/api/webhooks', {
      as: world.admin,
      body: {
        url: 'https://hooks.erp.example/flows',
        events: ['flow.submitted', 'task.completed', 'flow.ended'],
        app: 'spend',
      },
    });
    assert.equal(hook.status, 201, JSON.stringify(hook.json));
    const item = itemOf(
      await startExpense(world, { budgetLine: await budgetLine(world, '500.00') }),
    );
    await act(world, world.boss, item.id, {
      type: 'approve',
      task: await myTask(world, world.boss, item.id),
    });
    const task = await myTask(world, world.fin1, item.id);
    await act(world, world.fin1, item.id, { type: 'approve', task }, 'same');
    await act(world, world.fin1, item.id, { type: 'approve', task }, 'same');
    const deliveries = await call(
      world.server.app,
      'GET',
      `/api/webhooks/${hook.json.id}/deliveries?limit=100`,
      { as: world.admin },
    );
    const events = (deliveries.json.items as { event: string }[]).map((one) => one.event).sort();
    // submitted once; the head's and finance's tasks completed (the replay adds none); the end once
    assert.deepEqual(events, ['flow.ended', 'flow.submitted', 'task.completed', 'task.completed']);
  });
});
