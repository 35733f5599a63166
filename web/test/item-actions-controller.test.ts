import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiProblem } from '../src/api/api-error.ts';
import type { AppContext } from '../src/app-context/app-context.ts';
import type { FlowItem } from '../src/pages/item/flow-item.ts';
import type { ItemAction } from '../src/pages/item/item-actions.ts';
import { ItemActionsController } from '../src/pages/item/item-actions-controller.ts';

const item = {
  id: 'i1',
  mine: [],
  record: { _rev: '1-a' },
  rights: { fields: {} },
} as unknown as FlowItem;
const comment: ItemAction = { name: 'comment', asks: ['opinion'], final: false };
const approve: ItemAction = { name: 'approve', asks: ['opinion'], final: true, withValues: true };

/** A controller on a fake page whose API answers `act` with `answer`; records what it did. */
function setUp(answer: () => Promise<FlowItem>) {
  const seen = { updates: 0, busyWhileSending: false, went: [] as string[], reloads: 0 };
  const shown: FlowItem[] = [];
  const host = {
    addController: () => undefined,
    removeController: () => undefined,
    requestUpdate: () => {
      seen.updates += 1;
    },
    updateComplete: Promise.resolve(true),
  };
  let controller!: ItemActionsController;
  const ctx = {
    locale: 'en',
    api: {
      call: {
        flows: {
          act: () => {
            seen.busyWhileSending = controller.busy;
            return answer();
          },
        },
      },
    },
    navigate: (path: string) => seen.went.push(path),
    refreshCounts: () => undefined,
    flash: () => undefined,
    offline: () => Promise.reject(new Error('no outbox here')),
  } as unknown as AppContext;
  controller = new ItemActionsController(host, {
    ctx: () => ctx,
    item: () => item,
    values: () => ({}),
    formReady: async () => true,
    show: (answered) => shown.push(answered),
    reload: async () => {
      seen.reloads += 1;
    },
    title: () => 'the item',
    nodeLabel: (node) => node,
  });
  return { controller, seen, shown };
}

describe('the item actions controller', () => {
  it('is busy while the command runs, then shows the answer with a notice', async () => {
    const { controller, seen, shown } = setUp(async () => item);
    await controller.run(comment, { opinion: 'fine' });
    assert.equal(seen.busyWhileSending, true);
    assert.equal(controller.busy, false);
    assert.deepEqual(shown, [item]);
    assert.equal(controller.notice, 'Comment added.');
    assert.ok(seen.updates > 0, 'the page re-renders');
  });

  it('opens a dialog for an action that asks, and goes home after one that ends the task', async () => {
    const { controller, seen } = setUp(async () => item);
    await controller.start(approve);
    assert.equal(controller.pending, approve);
    await controller.run(approve, { opinion: 'ok' });
    assert.equal(controller.pending, undefined, 'the dialog closes');
    assert.deepEqual(seen.went, ['/']);
  });

  it('shows a refusal in the open dialog, or on the page when none is open', async () => {
    const refusal = () => Promise.reject(new ApiProblem(400, 'invalid_body', 'opinion too long'));
    const { controller } = setUp(refusal);
    await controller.start(approve);
    await controller.run(approve, {});
    assert.equal(controller.dialogProblem, 'opinion too long');
    assert.equal(controller.problem, undefined);
    controller.cancel();
    await controller.run(comment, {});
    assert.equal(controller.problem, 'opinion too long');
  });

  it('reads the item again when someone acted meanwhile (409), and says so', async () => {
    const { controller, seen } = setUp(() =>
      Promise.reject(new ApiProblem(409, 'task_closed', 'The task is closed.')),
    );
    await controller.run(comment, {});
    assert.equal(seen.reloads, 1);
    assert.equal(
      controller.notice,
      'The task is closed. Someone else changed this item just now; it was loaded again.',
    );
    assert.equal(controller.busy, false);
  });
});
