import type { AppDefinition, FlowEdge, FlowNode } from '@tessera/core';
import { createPlatform } from '@tessera/core';
import { fieldBasic } from '@tessera/plugin-field-basic';
import {
  applyCommand,
  createInstance,
  type FlowCommand,
  type FlowEffect,
  type FlowInstance,
  NodeHandlers,
  type Organisation,
  type OrgDepartment,
  type OrgUser,
  type PreparedFlow,
  prepareFlow,
  type Task,
} from '@tessera/runtime/flow';
import { flowBasicHandlers } from '../../src/handlers.ts';
import { flowBasic } from '../../src/index.ts';

export const platform = createPlatform({ plugins: [fieldBasic, flowBasic] });
export const handlers = new NodeHandlers(flowBasicHandlers);

/**
 * The organisation of every engine test: 华东销售部 (sales, head bob) under headquarters
 * (head ceo); alice drafts, her manager is bob, bob's is ceo; carol and dave are legal,
 * erin and frank finance; gone has left.
 */
const users: OrgUser[] = [
  { id: 'alice', name: 'Alice', department: 'sales', manager: 'bob', active: true },
  { id: 'bob', name: 'Bob', department: 'sales', manager: 'ceo', active: true },
  { id: 'ceo', name: 'CEO', department: 'hq', active: true },
  { id: 'carol', name: 'Carol', department: 'legal', active: true },
  { id: 'dave', name: 'Dave', department: 'legal', active: true },
  { id: 'erin', name: 'Erin', department: 'finance', active: true },
  { id: 'frank', name: 'Frank', department: 'finance', active: true },
  { id: 'gina', name: 'Gina', department: 'finance', active: true },
  { id: 'gone', name: 'Gone', department: 'sales', active: false },
];
const departments: OrgDepartment[] = [
  { id: 'hq', name: 'HQ', head: 'ceo' },
  { id: 'sales', name: '华东销售部', parent: 'hq', head: 'bob' },
  { id: 'legal', name: 'Legal', parent: 'hq', head: 'carol' },
  { id: 'finance', name: 'Finance', parent: 'hq' },
];
const roles: Record<string, string[]> = {
  legal: ['carol', 'dave'],
  finance: ['erin', 'frank', 'gina'],
  director: ['bob'],
  nobody: [],
};

export const organisation: Organisation = {
  user: (id) => users.find((user) => user.id === id),
  department: (id) => departments.find((one) => one.id === id),
  roleMembers: (role) => roles[role] ?? [],
  departmentMembers: (id) => users.filter((user) => user.department === id).map((user) => user.id),
};

/** An app with an expense flow table, a budget ledger and the flows a test gives. */
export function appWith(
  flows: { id: string; nodes: FlowNode[]; edges: FlowEdge[] }[],
): AppDefinition {
  return platform.loadApp({
    schemaVersion: 1,
    id: 'demo',
    label: 'Demo',
    roles: ['legal', 'finance', 'director', 'nobody'].map((id) => ({ id, label: id })),
    tables: [
      {
        id: 'expense',
        kind: 'flow',
        label: 'Expense',
        fields: [
          { id: 'title', type: 'text', label: 'Title' },
          { id: 'amount', type: 'money', label: 'Amount', config: { currency: 'CNY', scale: 2 } },
          {
            id: 'priority',
            type: 'select',
            label: 'Priority',
            config: {
              options: [
                { value: 'P1', label: 'P1' },
                { value: 'P2', label: 'P2' },
              ],
            },
          },
          { id: 'reviewer', type: 'user', label: 'Reviewer' },
          { id: 'budgetLine', type: 'link', label: 'Budget line', config: { table: 'budget' } },
        ],
      },
      {
        id: 'budget',
        kind: 'master',
        label: 'Budget',
        fields: [
          { id: 'name', type: 'text', label: 'Name' },
          { id: 'total', type: 'money', label: 'Total', config: { currency: 'CNY', scale: 2 } },
          { id: 'used', type: 'money', label: 'Used', config: { currency: 'CNY', scale: 2 } },
          {
            id: 'remaining',
            type: 'money',
            label: 'Remaining',
            config: { currency: 'CNY', scale: 2 },
          },
        ],
      },
    ],
    forms: [
      {
        id: 'expenseForm',
        label: 'Expense',
        table: 'expense',
        sections: [{ id: 'main', items: [{ field: 'title' }, { field: 'amount' }] }],
      },
    ],
    flows: flows.map((flow) => ({
      ...flow,
      label: flow.id,
      table: 'expense',
      form: 'expenseForm',
    })),
  });
}

/** Edges along a chain of node ids: a→b→c. */
export const chain = (...ids: string[]): FlowEdge[] =>
  ids.slice(1).map((to, index) => ({ id: `${ids[index]}_${to}`, from: ids[index]!, to }));

export const approval = (id: string, config: Record<string, unknown>): FlowNode => ({
  id,
  type: 'approval',
  config,
});
export const START: FlowNode = { id: 'start', type: 'start' };
export const END: FlowNode = { id: 'end', type: 'end' };
/** Adds the record's amount to the `used` of the budget line it links to (回写). */
export const DEDUCT: FlowNode = {
  id: 'deduct',
  type: 'write-back',
  config: {
    target: 'budget',
    mode: 'increment',
    recordId: 'budgetLine',
    mapping: { used: 'amount' },
  },
};

/** One flow's instance driven command by command, keeping every effect for the assertions. */
export class Run {
  readonly flow: PreparedFlow;
  instance: FlowInstance;
  effects: FlowEffect[] = [];
  values: Record<string, unknown>;
  clock = Date.parse('2026-12-01T02:00:00Z');

  constructor(
    nodes: FlowNode[],
    edges: FlowEdge[],
    values: Record<string, unknown> = {},
    initiator = 'alice',
    others: { id: string; nodes: FlowNode[]; edges: FlowEdge[] }[] = [],
  ) {
    const app = appWith([{ id: 'flow', nodes, edges }, ...others]);
    this.flow = prepareFlow({
      app,
      flow: 'flow',
      handlers,
      expressions: platform.expressions(app, 'expense'),
    });
    this.values = { title: 'Trip', amount: '100.00', ...values };
    const created = createInstance(
      this.flow,
      { id: 'i1', version: 1, record: 'r1', initiator },
      this.context(),
    );
    this.instance = created.instance;
    this.effects.push(...created.effects);
  }

  context() {
    return { now: new Date(this.clock).toISOString(), values: this.values, organisation };
  }

  /** Advances the clock by minutes. */
  later(minutes: number) {
    this.clock += minutes * 60_000;
    return this;
  }

  do(command: FlowCommand) {
    const result = applyCommand(this.flow, this.instance, command, this.context());
    this.instance = result.instance;
    this.effects.push(...result.effects);
    return result;
  }

  /** The open task of `user` (the only one), failing the test when there is none. */
  taskOf(user: string, kind: Task['kind'] = 'approve'): string {
    const found = this.instance.tasks.filter(
      (task) => task.assignee === user && task.kind === kind && task.status === 'open',
    );
    if (found.length !== 1) throw new Error(`${user} has ${found.length} open ${kind} tasks`);
    return found[0]!.id;
  }

  /** Who holds an open task, sorted, per node. */
  open(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const task of this.instance.tasks) {
      if (task.kind === 'cc' || (task.status !== 'open' && task.status !== 'waiting')) continue;
      const list = out[task.node] ?? [];
      list.push(task.status === 'waiting' ? `${task.assignee}(waiting)` : task.assignee);
      out[task.node] = list;
    }
    for (const list of Object.values(out)) list.sort();
    return out;
  }

  submit(extra: Partial<Extract<FlowCommand, { type: 'submit' }>> = {}) {
    return this.do({ type: 'submit', actor: this.instance.initiator, ...extra });
  }
  approve(user: string, extra: Record<string, unknown> = {}) {
    return this.do({ type: 'approve', actor: user, task: this.taskOf(user), ...extra });
  }
  reject(user: string, opinion?: string) {
    return this.do({
      type: 'reject',
      actor: user,
      task: this.taskOf(user),
      ...(opinion ? { opinion } : {}),
    });
  }
  actions(): string[] {
    return this.instance.timeline.map(
      (entry) => `${entry.action}${entry.node ? `@${entry.node}` : ''}`,
    );
  }
}
