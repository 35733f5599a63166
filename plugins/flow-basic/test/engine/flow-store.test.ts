import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConflictError, createPouchStorage, type PouchStorage } from '@tessera/runtime';
import { FlowError, type FlowInstance, prepareFlow } from '@tessera/runtime/flow';
import {
  createFlowStore,
  type InboxEntry,
  OWING_INDEXES,
  type OwedApplier,
  type TimerEntry,
  taskEntryId,
  timerId,
} from '@tessera/runtime/flow-store';
import {
  approval,
  appWith,
  chain,
  DEDUCT,
  END,
  handlers,
  organisation,
  platform,
  START,
} from './world.ts';

const app = appWith([
  {
    id: 'flow',
    nodes: [
      START,
      approval('a', { assignees: [{ kind: 'role', role: 'legal' }], deadline: { after: 'P1D' } }),
      approval('b', { assignees: [{ kind: 'user', users: ['ceo'] }] }),
      DEDUCT,
      END,
    ],
    edges: chain('start', 'a', 'b', 'deduct', 'end'),
  },
]);
const flow = prepareFlow({
  app,
  flow: 'flow',
  handlers,
  expressions: platform.expressions(app, 'expense'),
});
const context = {
  now: '2026-12-01T02:00:00.000Z',
  values: { title: 'Trip', amount: '100.00', budgetLine: 'b1' },
  organisation,
};

let storage: PouchStorage;
before(async () => {
  storage = await createPouchStorage({ kind: 'memory', name: `flow-store-${Date.now()}` });
});
after(() => storage.close());

const openTask = (instance: FlowInstance, user: string) =>
  instance.tasks.find((task) => task.assignee === user && task.status === 'open')!.id;

describe('flow store: commands committed with compare-and-swap', () => {
  it('stores the instance, its inbox entries and its timers', async () => {
    const store = createFlowStore({ storage });
    await store.create(flow, { id: 's1', version: 1, record: 'r1', initiator: 'alice' }, context);
    const draft = await storage.get<InboxEntry>(taskEntryId('s1.t2'));
    assert.deepEqual([draft?.user, draft?.box], ['alice', 'draft']);
    const { instance } = await store.act(
      flow,
      's1',
      { type: 'submit', actor: 'alice', key: 'k1' },
      context,
    );
    assert.equal((await storage.get<InboxEntry>(taskEntryId('s1.t2')))?.box, 'done');
    const carol = await storage.get<InboxEntry>(taskEntryId(openTask(instance, 'carol')));
    assert.deepEqual(
      [carol?.box, carol?.node, carol?.due],
      ['todo', 'a', '2026-12-02T02:00:00.000Z'],
    );
    const submitted = await storage.get<InboxEntry>('inbox:s1:submitted');
    assert.deepEqual([submitted?.user, submitted?.status], ['alice', 'running']);
    const timer = await storage.get<TimerEntry>(timerId(`${openTask(instance, 'carol')}:overdue`));
    assert.equal(timer?.at, '2026-12-02T02:00:00.000Z');
    assert.equal(timer?.command.type, 'deadline');
    const stored = await store.get('s1');
    assert.equal(stored?.status, 'running');
  });

  it('two approvals racing on the same instance: the first wins, the copy of the other is cancelled', async () => {
    const store = createFlowStore({ storage });
    await store.create(flow, { id: 's2', version: 1, record: 'r2', initiator: 'alice' }, context);
    const { instance } = await store.act(flow, 's2', { type: 'submit', actor: 'alice' }, context);
    const settled = await Promise.allSettled([
      store.act(
        flow,
        's2',
        { type: 'approve', actor: 'carol', task: openTask(instance, 'carol') },
        context,
      ),
      store.act(
        flow,
        's2',
        { type: 'approve', actor: 'dave', task: openTask(instance, 'dave') },
        context,
      ),
    ]);
    const won = settled.filter((one) => one.status === 'fulfilled');
    const lost = settled.filter((one): one is PromiseRejectedResult => one.status === 'rejected');
    assert.equal(won.length, 1);
    assert.equal(lost.length, 1);
    assert.ok(lost[0]!.reason instanceof FlowError);
    assert.equal((lost[0]!.reason as FlowError).code, 'task.closed');
    const final = (await store.get('s2'))!;
    assert.equal(
      final.tasks.filter((task) => task.node === 'b').length,
      1,
      'the next task is created once',
    );
    assert.equal(
      final.tasks.filter((task) => task.node === 'a' && task.status === 'approved').length,
      1,
    );
  });

  it('the same command with the same key, twice at once, completes once', async () => {
    const store = createFlowStore({ storage });
    await store.create(flow, { id: 's3', version: 1, record: 'r3', initiator: 'alice' }, context);
    const { instance } = await store.act(flow, 's3', { type: 'submit', actor: 'alice' }, context);
    const command = {
      type: 'approve' as const,
      actor: 'carol',
      task: openTask(instance, 'carol'),
      key: 'same',
    };
    const [one, two] = await Promise.all([
      store.act(flow, 's3', command, context),
      store.act(flow, 's3', command, context),
    ]);
    assert.deepEqual([one.replayed, two.replayed].sort(), [false, true]);
    const final = (await store.get('s3'))!;
    assert.equal(final.tasks.filter((task) => task.node === 'b').length, 1);
  });

  it('a write-back is reserved before the commit, refused by its guard, applied once after', async () => {
    const log: string[] = [];
    let refuse = false;
    const writeBack: OwedApplier = {
      async reserve(owed) {
        if (refuse) {
          throw new FlowError('expression.failed', {
            en: 'the budget line has 50.00 left',
            'zh-CN': '预算余额仅剩 50.00',
          });
        }
        log.push(`reserve ${owed.node}`);
      },
      async apply(owed) {
        log.push(`apply ${owed.node} ${String(owed.values.amount)}`);
      },
      async release(owed) {
        log.push(`release ${owed.node}`);
      },
    };
    const store = createFlowStore({ storage, appliers: { writeBack } });
    await store.create(flow, { id: 's4', version: 1, record: 'r4', initiator: 'alice' }, context);
    let { instance } = await store.act(flow, 's4', { type: 'submit', actor: 'alice' }, context);
    ({ instance } = await store.act(
      flow,
      's4',
      { type: 'approve', actor: 'carol', task: openTask(instance, 'carol') },
      context,
    ));
    refuse = true;
    const task = openTask(instance, 'ceo');
    await assert.rejects(
      store.act(flow, 's4', { type: 'approve', actor: 'ceo', task }, context),
      /50.00 left/,
    );
    assert.equal((await store.get('s4'))?.status, 'running', 'nothing was committed');
    refuse = false;
    await store.act(flow, 's4', { type: 'approve', actor: 'ceo', task, key: 'final' }, context);
    await store.act(flow, 's4', { type: 'approve', actor: 'ceo', task, key: 'final' }, context);
    const final = (await store.get('s4'))!;
    assert.equal(final.status, 'approved');
    assert.deepEqual(final.owed, [], 'nothing owed once applied');
    assert.deepEqual(log, ['reserve deduct', 'apply deduct 100.00']);
  });

  it('an effect left owed by a crash is applied by the roll-forward', async () => {
    const applied: string[] = [];
    const noAppliers = createFlowStore({ storage });
    await noAppliers.create(
      flow,
      { id: 's5', version: 1, record: 'r5', initiator: 'alice' },
      context,
    );
    let { instance } = await noAppliers.act(
      flow,
      's5',
      { type: 'submit', actor: 'alice' },
      context,
    );
    ({ instance } = await noAppliers.act(
      flow,
      's5',
      { type: 'approve', actor: 'dave', task: openTask(instance, 'dave') },
      context,
    ));
    await noAppliers.act(
      flow,
      's5',
      { type: 'approve', actor: 'ceo', task: openTask(instance, 'ceo') },
      context,
    );
    assert.equal((await noAppliers.get('s5'))?.owed.length, 1);
    const store = createFlowStore({
      storage,
      appliers: { writeBack: { apply: async (owed) => void applied.push(owed.id) } },
    });
    await store.rollForward('s5');
    await store.rollForward('s5');
    assert.equal(applied.length, 1);
    assert.deepEqual((await store.get('s5'))?.owed, []);
  });

  it('an apply that fails after the commit: the command stands, the effect stays owed and is listed, the roll-forward settles it', async () => {
    await storage.ensureIndexes(OWING_INDEXES);
    let failures = 2;
    const applied: string[] = [];
    const unsettled: string[] = [];
    const store = createFlowStore({
      storage,
      appliers: {
        writeBack: {
          apply: async (owed) => {
            if (failures > 0) {
              failures -= 1;
              throw new ConflictError('budget:b1');
            }
            applied.push(owed.id);
          },
        },
      },
      onUnsettled: (id) => unsettled.push(id),
    });
    await store.create(flow, { id: 's6', version: 1, record: 'r6', initiator: 'alice' }, context);
    let { instance } = await store.act(flow, 's6', { type: 'submit', actor: 'alice' }, context);
    ({ instance } = await store.act(
      flow,
      's6',
      { type: 'approve', actor: 'dave', task: openTask(instance, 'dave') },
      context,
    ));
    const done = await store.act(
      flow,
      's6',
      { type: 'approve', actor: 'ceo', task: openTask(instance, 'ceo'), key: 'ceo-ok' },
      context,
    );
    assert.equal(done.instance.status, 'approved', 'the committed command is answered as such');
    assert.deepEqual(unsettled, ['s6']);
    assert.equal((await store.get('s6'))?.owed.length, 1);
    assert.ok((await store.owing()).includes('s6'), 'listed for the sweeper');
    await assert.rejects(store.rollForward('s6'), ConflictError);
    await store.rollForward('s6');
    assert.equal(applied.length, 1);
    assert.deepEqual((await store.get('s6'))?.owed, []);
    assert.ok(!(await store.owing()).includes('s6'), 'no longer listed once settled');
    const again = await store.act(
      flow,
      's6',
      { type: 'approve', actor: 'ceo', task: openTask(instance, 'ceo'), key: 'ceo-ok' },
      context,
    );
    assert.ok(again.replayed);
    assert.equal(applied.length, 1, 'a replay applies nothing twice');
  });
});
