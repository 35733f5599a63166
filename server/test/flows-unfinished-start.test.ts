/**
 * A flow start is two writes: the record, then its instance. A server killed between them
 * leaves a record of the flow's table that no item shows. Such a record is kept with the flow
 * that started it, and the owed-effects sweep makes it its initiator's draft (待发), to submit
 * or delete; records made otherwise, and starts still writing their instance, are left alone.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { newId } from '@tessera/runtime';
import { instanceDocId } from '@tessera/runtime/flow-store';
import { createOwedSweeper } from '../src/flows/owed-sweeper.ts';
import { STARTS_CHECKPOINT_ID } from '../src/flows/unfinished-starts.ts';
import type { RecordFields } from '../src/records/record-document.ts';
import { call } from './accounts-helpers.ts';
import { act, type FlowWorld, itemOf, startExpense, startFlowWorld } from './flows-helpers.ts';

let world: FlowWorld;
before(async () => {
  world = await startFlowWorld();
});

const inbox = async (as: FlowWorld['alice'], box: string) =>
  (await call(world.server.app, 'GET', `/api/inbox?box=${box}`, { as })).json.items as {
    instance: string;
  }[];

/** What a start killed after its record leaves: the record as the start stores it, alone. */
async function cutOffStart(secondsAgo: number, startedFlow: string | null = 'expense') {
  const at = new Date(Date.now() - secondsAgo * 1000).toISOString();
  const id = newId('record');
  const alice = world.alice.user.id;
  await world.server.storage.create<RecordFields>({
    _id: id,
    type: 'record',
    schemaVersion: 1,
    app: 'spend',
    table: 'expense',
    appVersion: 1,
    values: { title: '被中断的报销', amount: '80.00', secret: 'hush' },
    createdAt: at,
    createdBy: alice,
    updatedAt: at,
    updatedBy: alice,
    ...(startedFlow === null ? {} : { startedFlow }),
  });
  return id.slice('record:'.length);
}

const sweeper = (graceMs?: number) =>
  createOwedSweeper({
    storage: world.server.storage,
    now: Date.now,
    instanceId: 'server-a',
    flows: world.flows,
    leaseMs: 1,
    ...(graceMs === undefined ? {} : { starts: { graceMs } }),
  });

describe('a flow start cut off between its record and its instance', () => {
  it('keeps the flow on the record a start makes', async () => {
    const started = itemOf(await startExpense(world, { amount: '10.00' }));
    const record = await world.server.storage.get<RecordFields>(`record:${started.id}`);
    assert.equal(record?.startedFlow, 'expense');
  });

  it("is made its initiator's draft by the sweep, which she can submit; made once", async () => {
    const item = await cutOffStart(60);
    assert.equal(await world.server.storage.get(instanceDocId(item)), undefined);
    assert.ok((await sweeper().runOnce()) >= 1);
    const drafts = await inbox(world.alice, 'draft');
    assert.ok(
      drafts.some((entry) => entry.instance === item),
      'in her drafts',
    );
    assert.equal(await sweeper().runOnce(), 0, 'a second sweep makes nothing');

    const submitted = await act(world, world.alice, item, { type: 'submit' });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.json));
    assert.equal(itemOf(submitted).status, 'running');
    assert.ok((await inbox(world.boss, 'todo')).some((entry) => entry.instance === item));
  });

  it('leaves a start still within its grace, and records no start made, alone', async () => {
    const young = await cutOffStart(1);
    const plain = await cutOffStart(60, null);
    await sweeper(15_000).runOnce();
    assert.equal(await world.server.storage.get(instanceDocId(young)), undefined, 'young');
    assert.equal(await world.server.storage.get(instanceDocId(plain)), undefined, 'not a start');
    // once older than the grace, the next sweep finishes it (the checkpoint looked back)
    assert.ok((await sweeper(0).runOnce()) >= 1);
    assert.ok(await world.server.storage.get(instanceDocId(young)));
    assert.equal(await world.server.storage.get(instanceDocId(plain)), undefined);
    const checkpoint = await world.server.storage.get<{ until: string }>(STARTS_CHECKPOINT_ID);
    assert.ok(checkpoint && Date.parse(checkpoint.until) > Date.now() - 5_000);
  });
});
