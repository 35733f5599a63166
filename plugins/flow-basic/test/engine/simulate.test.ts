import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flowAnalytics, prepareFlow, simulate } from '@tessera/runtime/flow';
import {
  CREATED_VARIABLE,
  tryWriteBack,
  type WriteBackConfigValue,
  writeBackVariables,
} from '../../src/index.ts';
import {
  approval,
  appWith,
  chain,
  DEDUCT,
  END,
  handlers,
  organisation,
  platform,
  Run,
  START,
} from './world.ts';

const app = appWith([
  {
    id: 'expense',
    nodes: [
      START,
      { id: 'route', type: 'condition' },
      approval('head', { assignees: [{ kind: 'departmentHead' }] }),
      {
        id: 'board',
        type: 'countersign',
        config: { assignees: [{ kind: 'role', role: 'legal' }], rule: { kind: 'all' } },
      },
      approval('finance', { assignees: [{ kind: 'role', role: 'finance' }], mode: 'single' }),
      { id: 'wait', type: 'timer', config: { wait: { after: 'P1D' } } },
      DEDUCT,
      END,
    ],
    edges: [
      { id: 'e0', from: 'start', to: 'route' },
      { id: 'big', from: 'route', to: 'board', condition: 'amount >= decimal("10000")' },
      { id: 'small', from: 'route', to: 'head', default: true },
      { id: 'e1', from: 'head', to: 'finance' },
      { id: 'e2', from: 'board', to: 'finance' },
      ...chain('finance', 'wait', 'deduct', 'end'),
    ],
  },
  {
    id: 'nobody',
    nodes: [START, approval('a', { assignees: [{ kind: 'role', role: 'nobody' }] }), END],
    edges: chain('start', 'a', 'end'),
  },
]);
const prepared = (flow: string) =>
  prepareFlow({ app, flow, handlers, expressions: platform.expressions(app, 'expense') });

describe('simulation (仿真)', () => {
  it('returns the path, the assignees per node and the write-backs, with no side effects', () => {
    const result = simulate({
      flow: prepared('expense'),
      values: { title: 'Server', amount: '25000.00', budgetLine: 'b1' },
      initiator: 'alice',
      organisation,
      now: '2026-12-01T02:00:00.000Z',
    });
    assert.equal(result.ok, true);
    assert.equal(result.outcome, 'approved');
    assert.deepEqual(
      result.assignees,
      { board: ['carol', 'dave'], finance: ['erin'] },
      'single mode picks the first',
    );
    const nodes = result.path.filter((step) => step.action === 'passed').map((step) => step.node);
    assert.deepEqual(nodes, ['board', 'finance']);
    assert.ok(result.path.some((step) => step.action === 'branched' && step.to === 'board'));
    assert.deepEqual(
      result.writeBacks.map((one) => [one.node, one.config.target, one.config.mode]),
      [['deduct', 'budget', 'increment']],
    );
  });

  it('takes the other branch for other data, and follows a rejection', () => {
    const small = simulate({
      flow: prepared('expense'),
      values: { amount: '10.00' },
      initiator: 'alice',
      organisation,
    });
    assert.deepEqual(Object.keys(small.assignees), ['head', 'finance']);
    assert.deepEqual(small.assignees.head, ['bob']);
    const rejected = simulate({
      flow: prepared('expense'),
      values: { amount: '10.00' },
      initiator: 'alice',
      organisation,
      decisions: { head: 'reject' },
    });
    assert.equal(rejected.outcome, 'rejected');
    assert.deepEqual(rejected.writeBacks, []);
  });

  it('reports an unresolvable assignee as the problem, naming the node', () => {
    const result = simulate({
      flow: prepared('nobody'),
      values: {},
      initiator: 'alice',
      organisation,
    });
    assert.equal(result.ok, false);
    assert.equal(result.problem?.code, 'assignee.unresolved');
    assert.equal(result.problem?.field, '/nodes/a/config/assignees');
  });
});

describe('write-backs in simulation (仿真)', () => {
  const file: WriteBackConfigValue = {
    target: 'budget',
    mode: 'create',
    mapping: { name: 'title', total: 'amount / decimal("0")' },
  };
  const archive = appWith([
    {
      id: 'archive',
      nodes: [START, { id: 'file', type: 'write-back', config: file }, END],
      edges: chain('start', 'file', 'end'),
    },
    { id: 'deduct', nodes: [START, DEDUCT, END], edges: chain('start', 'deduct', 'end') },
  ]);
  const budget = archive.tables.find((table) => table.id === 'budget')!;
  const line = { name: 'Q4', total: '1000.00', used: '700.00', remaining: '300.00' };

  /** Simulates the flow, then tries its one write-back as the run would, on the owed values. */
  const tried = (flow: string, values: Record<string, unknown>) => {
    const result = simulate({
      flow: prepareFlow({
        app: archive,
        flow,
        handlers,
        expressions: platform.expressions(archive, 'expense'),
      }),
      values,
      initiator: 'alice',
      organisation,
      now: '2026-12-01T02:00:00.000Z',
    });
    assert.equal(result.writeBacks.length, 1);
    const [owed] = result.writeBacks;
    const config = owed!.config as WriteBackConfigValue;
    return tryWriteBack({
      config,
      environment: platform.expressions(archive, 'expense', config.target, [
        ...writeBackVariables(config),
      ]),
      forEachEnvironment: platform.expressions(archive, 'expense', undefined, [CREATED_VARIABLE]),
      values: owed!.values,
      now: '2026-12-01T02:00:00.000Z',
      currentUser: { id: 'system', name: 'system', department: '' },
      fieldOf: (id) => {
        const field = budget.fields.find((one) => one.id === id);
        const type = field && platform.fieldTypes.get(field.type);
        return field && type ? { field, type } : undefined;
      },
      targetRecord: (id) => (id === 'record:b1' ? line : undefined),
    });
  };

  it('carries the values each write-back was owed with', () => {
    const result = simulate({
      flow: prepared('expense'),
      values: { title: 'Server', amount: '25.00', budgetLine: 'b1' },
      initiator: 'alice',
      organisation,
    });
    assert.deepEqual(result.writeBacks[0]?.values, {
      title: 'Server',
      amount: '25.00',
      budgetLine: 'b1',
    });
  });

  it('reports a mapping that fails on the sample data, naming its field', async () => {
    const trial = await tried('archive', { title: 'Contract', amount: '10.00' });
    assert.equal(trial.ok, false);
    assert.ok(!trial.ok && trial.code === 'write-back.expression');
    assert.ok(!trial.ok && trial.field === '/config/mapping/total', JSON.stringify(trial));
  });

  it('reports a recordId that gives nothing, and a record that is not there', async () => {
    const none = await tried('deduct', { amount: '10.00' });
    assert.ok(!none.ok && none.code === 'write-back.no-record', JSON.stringify(none));
    assert.ok(!none.ok && none.field === '/config/recordId');
    const missing = await tried('deduct', { amount: '10.00', budgetLine: 'record:gone' });
    assert.ok(!missing.ok && missing.code === 'write-back.no-target', JSON.stringify(missing));
    assert.ok(!missing.ok && missing.field === '/config/recordId');
    assert.match(!missing.ok ? missing.message.en : '', /record:gone/);
  });

  it('plans a valid one against the target it finds', async () => {
    const trial = await tried('deduct', { amount: '10.00', budgetLine: 'record:b1' });
    assert.deepEqual(trial, {
      ok: true,
      record: 'record:b1',
      made: [{ ...line, used: '710.00' }],
    });
  });
});

describe('flow analytics', () => {
  it('counts, median and p90 durations and overdue per flow and node', () => {
    const runs: Run[] = [];
    for (const minutes of [10, 20, 30, 40, 100]) {
      const run = new Run(
        [
          START,
          approval('a', {
            assignees: [{ kind: 'user', users: ['bob'] }],
            deadline: { after: 'PT1H' },
          }),
          END,
        ],
        chain('start', 'a', 'end'),
      );
      run.submit();
      const task = run.taskOf('bob');
      if (minutes > 60)
        run.later(61).do({ type: 'deadline', actor: 'system', task, phase: 'overdue' }).instance;
      run.later(minutes > 60 ? minutes - 61 : minutes).approve('bob');
      runs.push(run);
    }
    const open = new Run(
      [START, approval('a', { assignees: [{ kind: 'user', users: ['bob'] }] }), END],
      chain('start', 'a', 'end'),
    );
    open.submit();
    const draft = new Run([START, END], chain('start', 'end'));
    const { flows, nodes } = flowAnalytics([...runs, open, draft].map((run) => run.instance));
    assert.deepEqual(flows, [
      {
        flow: 'flow',
        count: 6,
        running: 1,
        outcomes: { approved: 5 },
        duration: { median: 30 * 60_000, p90: 100 * 60_000 },
        overdue: 1,
      },
    ]);
    assert.deepEqual(nodes, [
      {
        flow: 'flow',
        node: 'a',
        count: 5,
        duration: { median: 30 * 60_000, p90: 100 * 60_000 },
        overdue: 1,
      },
    ]);
  });
});
