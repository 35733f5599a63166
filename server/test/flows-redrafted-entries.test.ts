import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { call, type Session } from './accounts-helpers.ts';
import { act, itemOf, myTask, startExpense, startFlowWorld } from './flows-helpers.ts';

const world = await startFlowWorld();
const { app } = world.server;
after(() => assert.deepEqual(world.server.storage.warnings, []));

const titles = async (as: Session, path: string) => {
  const answer = await call(app, 'GET', path, { as });
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  return (answer.json.items as { instance?: string; title?: string }[]).map((one) => one.title);
};

/** Withdraws alice's item (a draft again, hers alone) and renames it. */
async function redraft(id: string, title: string) {
  const withdrawn = await act(world, world.alice, id, { type: 'withdraw' });
  assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.json));
  const rev = (itemOf(withdrawn).record as { _rev: string })._rev;
  const renamed = await act(world, world.alice, id, { type: 'saveDraft', values: { title }, rev });
  assert.equal(renamed.status, 200, JSON.stringify(renamed.json));
  assert.equal((await call(app, 'GET', `/api/flow-items/${id}`, { as: world.boss })).status, 404);
}

describe('entries of an item withdrawn into a draft', () => {
  it("keep the notice of its former approver, without the draft's new title", async () => {
    const started = await startExpense(world, { title: 'Taxi' });
    const id = itemOf(started).id;
    assert.equal((await act(world, world.alice, id, { type: 'urge' })).status, 200);
    assert.ok((await titles(world.boss, '/api/notices')).includes('Taxi'));
    await redraft(id, 'Quiet offer to a rival');
    const seen = await titles(world.boss, '/api/notices');
    assert.equal(seen.length, 1);
    assert.ok(!seen.some((title) => title?.includes('rival')), JSON.stringify(seen));
    assert.deepEqual(await titles(world.alice, '/api/inbox?box=draft'), ['Quiet offer to a rival']);
  });

  it('keep the done entries of people who acted, without the new title, unfound by it', async () => {
    const started = await startExpense(world, { title: 'Hotel' });
    const id = itemOf(started).id;
    assert.equal(
      (
        await act(world, world.boss, id, {
          type: 'approve',
          task: await myTask(world, world.boss, id),
        })
      ).status,
      200,
    );
    const task = await myTask(world, world.fin1, id);
    const returned = await act(world, world.fin1, id, { type: 'return', task, to: 'drafter' });
    assert.equal(returned.status, 200, JSON.stringify(returned.json));
    assert.equal((await act(world, world.alice, id, { type: 'submit' })).status, 200);
    await redraft(id, 'Severance list');
    for (const [as, path] of [
      [world.boss, '/api/inbox?box=done'],
      [world.fin1, '/api/inbox?box=done'],
    ] as const) {
      const seen = await titles(as, path);
      assert.ok(
        seen.length > 0 && !seen.some((title) => title?.includes('Severance')),
        JSON.stringify(seen),
      );
      assert.deepEqual(await titles(as, `${path}&q=Severance`), []);
    }
    const pulled = await call(app, 'POST', '/api/sync/pull', {
      as: world.boss,
      body: { known: {} },
    });
    assert.equal(pulled.status, 200);
    assert.ok(!JSON.stringify(pulled.json).includes('Severance'));
  });
});
