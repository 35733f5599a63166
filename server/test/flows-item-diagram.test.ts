import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AppDefinition, createPlatform, type FlowNode } from '@tessera/core';
import {
  applyCommand,
  createInstance,
  type FlowInstance,
  type Organisation,
  prepareFlow,
} from '@tessera/runtime/flow';
import { itemDiagram } from '../src/flows/flow-item-diagram.ts';
import { INSTALLED_PLUGINS, NODE_HANDLERS } from '../src/platform/installed-plugins.ts';

const platform = createPlatform({ plugins: INSTALLED_PLUGINS });
const people = ['ann', 'ben', 'cai', 'dan'];
const organisation: Organisation = {
  user: (id) => (people.includes(id) ? { id, name: id, department: 'd', active: true } : undefined),
  department: () => undefined,
  roleMembers: () => [],
  departmentMembers: () => [],
};

const task = (id: string, users: string[]): FlowNode => ({
  id,
  type: 'approval',
  config: { assignees: [{ kind: 'user', users }] },
});

/** start → split → (legal, finance) → join → end: the contract pack's sales flow in small. */
const app: AppDefinition = platform.loadApp({
  schemaVersion: 1,
  id: 'deal',
  label: 'Deal',
  tables: [
    {
      id: 'contract',
      kind: 'flow',
      label: 'Contract',
      fields: [{ id: 'title', type: 'text', label: 'Title' }],
    },
  ],
  forms: [
    {
      id: 'contractForm',
      label: 'Contract',
      table: 'contract',
      sections: [{ id: 'main', items: [{ field: 'title' }] }],
    },
  ],
  flows: [
    {
      id: 'sales',
      label: 'Sales',
      table: 'contract',
      form: 'contractForm',
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'split', type: 'parallel-split' },
        task('legal', ['ann']),
        task('finance', ['ben']),
        { id: 'join', type: 'parallel-join' },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'split' },
        { id: 'e2', from: 'split', to: 'legal' },
        { id: 'e3', from: 'split', to: 'finance' },
        { id: 'e4', from: 'legal', to: 'join' },
        { id: 'e5', from: 'finance', to: 'join' },
        { id: 'e6', from: 'join', to: 'end' },
      ],
    },
    {
      id: 'board',
      label: 'Board',
      table: 'contract',
      form: 'contractForm',
      nodes: [
        { id: 'start', type: 'start' },
        {
          id: 'sign',
          type: 'countersign',
          config: {
            assignees: [{ kind: 'user', users: ['ann', 'ben', 'cai'] }],
            rule: { kind: 'share', percent: 67 },
          },
        },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { id: 'b1', from: 'start', to: 'sign' },
        { id: 'b2', from: 'sign', to: 'end' },
      ],
    },
  ],
});

const prepared = (id: string) =>
  prepareFlow({
    app,
    flow: id,
    handlers: NODE_HANDLERS,
    expressions: platform.expressions(app, 'contract'),
  });
const flow = prepared('sales');

/** An item of `flow` submitted by dan, then approved by each of `approvers` in turn. */
function walked(...approvers: string[]): FlowInstance {
  return walk(flow, approvers);
}

function walk(flow: ReturnType<typeof prepared>, approvers: readonly string[]): FlowInstance {
  const context = { now: '2026-12-01T02:00:00.000Z', values: { title: 'T' }, organisation };
  let { instance } = createInstance(
    flow,
    { id: 'i1', version: 1, record: 'record:i1', initiator: 'dan' },
    context,
  );
  instance = applyCommand(
    flow,
    instance,
    { type: 'submit', actor: 'dan', key: 'k0' },
    context,
  ).instance;
  for (const [index, actor] of approvers.entries()) {
    const open = instance.tasks.find((one) => one.assignee === actor && one.status === 'open')!;
    instance = applyCommand(
      flow,
      instance,
      { type: 'approve', actor, task: open.id, key: `k${index + 1}` },
      context,
    ).instance;
  }
  return instance;
}

const states = (diagram: ReturnType<typeof itemDiagram>) =>
  Object.fromEntries(diagram.nodes.map((node) => [node.id, node.state]));
const taken = (diagram: ReturnType<typeof itemDiagram>) =>
  diagram.edges.filter((edge) => edge.taken).map((edge) => edge.id);

describe('the flow item diagram', () => {
  it('draws a passed parallel split as done and both its edges as taken', () => {
    const diagram = itemDiagram(flow, walked());
    assert.deepEqual(states(diagram), {
      start: 'done',
      split: 'done',
      legal: 'active',
      finance: 'active',
      join: 'pending',
      end: 'pending',
    });
    assert.deepEqual(taken(diagram), ['e1', 'e2', 'e3']);
  });

  it('draws the join active while a branch is out, then done with its edges taken', () => {
    const half = itemDiagram(flow, walked('ben'));
    assert.equal(states(half).join, 'active');
    assert.deepEqual(taken(half), ['e1', 'e2', 'e3', 'e5']);
    const ended = itemDiagram(flow, walked('ben', 'ann'));
    assert.deepEqual(new Set(Object.values(states(ended))), new Set(['done']));
    assert.deepEqual(taken(ended), ['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
  });
});

describe('the flow item diagram of a countersign', () => {
  it('states the rule as at least N of M for the people it reached: 67% of 3 is 3 of 3', () => {
    const board = prepared('board');
    const sign = (instance: FlowInstance) =>
      itemDiagram(board, instance).nodes.find((node) => node.id === 'sign');
    assert.deepEqual(sign(walk(board, []))?.needed, { atLeast: 3, of: 3 });
    assert.deepEqual(sign(walk(board, ['ann', 'ben']))?.state, 'active', 'two are not enough');
    assert.equal(
      itemDiagram(flow, walked()).nodes.find((node) => node.id === 'legal')?.needed,
      undefined,
      'an approval states no count',
    );
  });
});
