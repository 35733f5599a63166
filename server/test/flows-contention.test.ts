/**
 * Guarded write-backs under contention (decision 11, issue: an approval answered 409 may still
 * be committed): many approvals against one budget line at once. Every item whose approval was
 * committed has its write-back applied, the ledger adds up, no reservation is left behind, and
 * an answer never says "conflict" for a command that was committed.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { MutateChange, MutateOptions, StoragePort } from '@tessera/runtime';
import { createOwedSweeper, OWED_BACKFILL_ID, OWED_LEASE_ID } from '../src/flows/owed-sweeper.ts';
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

interface Line {
  values: Record<string, string>;
  flowReservations?: unknown[];
  flowEffects?: string[];
}

const cents = (money: string) => Math.round(Number(money) * 100);

/** Items started and approved by the department head: each waits for finance. */
async function waitingForFinance(line: string, count: number, amount: string) {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const item = itemOf(await startExpense(world, { budgetLine: line, amount }));
    const head = await act(world, world.boss, item.id, {
      type: 'approve',
      task: await myTask(world, world.boss, item.id),
    });
    assert.equal(head.status, 200, JSON.stringify(head.json));
    ids.push(item.id);
  }
  return ids;
}

describe('guarded write-backs under contention', () => {
  for (const round of [1, 2, 3]) {
    it(`round ${round}: 20 approvals of 50.00 on a line of 1000.00 at once — every committed one is applied`, async () => {
      const line = await budgetLine(world, '1000.00');
      const ids = await waitingForFinance(line, 20, '50.00');
      const tasks = await Promise.all(ids.map((id) => myTask(world, world.fin1, id)));
      const answers = await Promise.all(
        ids.map((id, index) => act(world, world.fin1, id, { type: 'approve', task: tasks[index] })),
      );
      const approved: string[] = [];
      for (const [index, answer] of answers.entries()) {
        const stored = itemOf(
          await call(world.server.app, 'GET', `/api/flow-items/${ids[index]}`, { as: world.fin1 }),
        );
        // what the answer says is what happened
        if (answer.status === 200) {
          assert.equal(stored.status, 'approved', `item ${index} answered 200`);
          approved.push(ids[index]!);
        } else {
          assert.equal(stored.status, 'running', `item ${index} answered ${answer.status}`);
          assert.equal(answer.json.error?.code, 'write_back_guard', JSON.stringify(answer.json));
        }
      }
      assert.equal(approved.length, 20, 'the line holds exactly 20 × 50.00');
      const doc = await world.server.storage.get<Line>(line);
      assert.equal(cents(doc!.values.used!), approved.length * 5000);
      assert.equal(cents(doc!.values.remaining!), 100000 - approved.length * 5000);
      assert.deepEqual(doc!.flowReservations ?? [], [], 'no reservation is left');
      for (const id of approved) {
        const instance = await world.flows.store.get(id);
        assert.deepEqual(instance?.owed, [], `item ${id} owes nothing`);
      }
    });
  }

  it('over-subscribed: 30 approvals of 50.00 on 1000.00 — 20 commit, 10 are refused by the guard, nothing else', async () => {
    const line = await budgetLine(world, '1000.00');
    const ids = await waitingForFinance(line, 30, '50.00');
    const tasks = await Promise.all(ids.map((id) => myTask(world, world.fin2, id)));
    const answers = await Promise.all(
      ids.map((id, index) => act(world, world.fin2, id, { type: 'approve', task: tasks[index] })),
    );
    const statuses = answers.map((answer) => answer.status);
    assert.equal(statuses.filter((status) => status === 200).length, 20, statuses.join());
    assert.equal(statuses.filter((status) => status === 409).length, 10, statuses.join());
    for (const answer of answers.filter((one) => one.status === 409))
      assert.equal(answer.json.error?.code, 'write_back_guard');
    const doc = await world.server.storage.get<Line>(line);
    assert.equal(doc!.values.remaining, '0.00');
    assert.equal(doc!.values.used, '1000.00');
    assert.deepEqual(doc!.flowReservations ?? [], []);
  });

  it('a write-back that keeps losing its races after the commit: answered 200, left owed, settled by the sweeper', async () => {
    const line = await budgetLine(world, '100.00');
    const [id] = await waitingForFinance(line, 1, '60.00');
    const storage = world.server.storage as StoragePort & { mutate: StoragePort['mutate'] };
    const mutate = storage.mutate.bind(storage);
    let lost = 0;
    let reserved = false;
    // the reservation gets through; every write of the line after it loses (as if 100 other
    // servers wrote it first): another write lands between each read and the write
    storage.mutate = <T>(doc: string, change: MutateChange<T>, options?: MutateOptions) => {
      if (doc !== line) return mutate<T>(doc, change, options);
      if (!reserved) {
        reserved = true;
        return mutate<T>(doc, change, options);
      }
      return mutate<T>(
        doc,
        async (current) => {
          const next = await change(current);
          if (next) {
            lost += 1;
            await storage.update<T>(current);
          }
          return next;
        },
        options,
      );
    };
    let answer: Awaited<ReturnType<typeof act>>;
    try {
      answer = await act(world, world.fin1, id!, {
        type: 'approve',
        task: await myTask(world, world.fin1, id!),
      });
    } finally {
      storage.mutate = mutate;
    }
    assert.ok(lost > 1, 'the apply was retried');
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    assert.equal(itemOf(answer).status, 'approved');
    const held = await world.server.storage.get<Line>(line);
    assert.equal(held!.values.used, '0.00', 'not applied yet');
    assert.equal(held!.flowReservations?.length, 1, 'still held for the owed effect');
    // a second approval of the remaining 40.00 is possible only once the first is settled
    const sweeper = createOwedSweeper({
      storage: world.server.storage,
      now: Date.now,
      instanceId: 'server-a',
      flows: world.flows,
    });
    const other = createOwedSweeper({
      storage: world.server.storage,
      now: Date.now,
      instanceId: 'server-b',
      flows: world.flows,
    });
    assert.equal(await sweeper.runOnce(), 1);
    assert.equal(await other.runOnce(), 0, 'the other server waits for the lease');
    const settled = await world.server.storage.get<Line>(line);
    assert.deepEqual(settled!.values, {
      name: 'Q4 travel',
      total: '1000.00',
      used: '60.00',
      remaining: '40.00',
    });
    assert.deepEqual(settled!.flowReservations ?? [], []);
    assert.deepEqual((await world.flows.store.get(id!))?.owed, []);
    assert.equal(await sweeper.runOnce(), 0, 'nothing left to settle');
    const [next] = await waitingForFinance(line, 1, '40.00');
    const exact = await act(world, world.fin1, next!, {
      type: 'approve',
      task: await myTask(world, world.fin1, next!),
    });
    assert.equal(exact.status, 200, JSON.stringify(exact.json));
    assert.equal((await world.server.storage.get<Line>(line))!.values.remaining, '0.00');
  });

  it('an effect owed again after its target forgot its id is not applied twice', async () => {
    const line = await budgetLine(world, '100.00');
    const [id] = await waitingForFinance(line, 1, '10.00');
    const approved = await act(world, world.fin1, id!, {
      type: 'approve',
      task: await myTask(world, world.fin1, id!),
    });
    assert.equal(approved.status, 200, JSON.stringify(approved.json));
    const applied = (await world.server.storage.get<Line>(line))!;
    assert.equal(applied.values.used, '10.00');
    const [effectId] = applied.flowEffects ?? [];
    assert.ok(effectId);
    // the target remembers the last 200 effect ids: this one dropped out, and its instance owes
    // it again (the settle after the apply was lost), so the sweeper rolls it forward once more
    await world.server.storage.mutate<Record<string, unknown>>(line, (current) => ({
      ...current,
      flowEffects: ['someone-else'],
    }));
    await world.server.storage.mutate<Record<string, unknown>>(`flowinstance:${id}`, (current) => ({
      ...current,
      owes: true,
      owed: [
        {
          id: effectId,
          type: 'writeBack',
          node: 'deduct',
          values: { amount: '10.00', budgetLine: line, title: '出差', secret: 'hush' },
        },
      ],
    }));
    const sweeper = createOwedSweeper({
      storage: world.server.storage,
      now: Date.now,
      instanceId: 'server-d',
      flows: world.flows,
    });
    const lease = await world.server.storage.get(OWED_LEASE_ID);
    if (lease) await world.server.storage.remove(lease._id, lease._rev);
    assert.ok((await sweeper.runOnce()) >= 1);
    assert.deepEqual((await world.flows.store.get(id!))?.owed, []);
    assert.equal((await world.server.storage.get<Line>(line))!.values.used, '10.00', 'once');
  });

  it('instances stored before the owing mark are found once and settled', async () => {
    const line = await budgetLine(world, '100.00');
    const [id] = await waitingForFinance(line, 1, '10.00');
    await act(world, world.fin1, id!, {
      type: 'approve',
      task: await myTask(world, world.fin1, id!),
    });
    // as an older build stored it: owing a write-back, without the mark
    const effect = {
      id: 'e-old',
      type: 'writeBack',
      node: 'deduct',
      values: { amount: '10.00', budgetLine: line, title: 'old', secret: 'hush' },
    };
    const stored = await world.server.storage.mutate<Record<string, unknown>>(
      `flowinstance:${id}`,
      (current) => {
        const { owes: _owes, ...rest } = current;
        return { ...rest, owed: [effect] } as typeof current;
      },
    );
    assert.ok(stored);
    // and held on its target, as every build reserved a write-back before committing it
    await world.server.storage.mutate<Record<string, unknown>>(line, (current) => ({
      ...current,
      flowReservations: [
        {
          effect: effect.id,
          instance: id,
          node: effect.node,
          version: 1,
          flow: 'expense',
          values: effect.values,
          at: new Date().toISOString(),
        },
      ],
    }));
    assert.ok(!(await world.flows.store.owing()).includes(id!));
    const sweeper = createOwedSweeper({
      storage: world.server.storage,
      now: Date.now,
      instanceId: 'server-c',
      flows: world.flows,
    });
    // a database of an older build: not yet looked through, and no sweeper holding the lease
    const mark = await world.server.storage.get(OWED_BACKFILL_ID);
    if (mark) await world.server.storage.remove(mark._id, mark._rev);
    const lease = await world.server.storage.get(OWED_LEASE_ID);
    if (lease) await world.server.storage.remove(lease._id, lease._rev);
    assert.ok((await sweeper.runOnce()) >= 1);
    assert.deepEqual((await world.flows.store.get(id!))?.owed, []);
    assert.equal((await world.server.storage.get<Line>(line))!.values.used, '20.00');
  });
});
