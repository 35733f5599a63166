import type {
  AppDefinition,
  FlowDefinition,
  FlowNode,
  NodeCheckContext,
  TableDefinition,
} from '@tessera/core';

function table(id: string, kind: 'master' | 'flow', fields: string[]): TableDefinition {
  return {
    id,
    kind,
    label: id,
    fields: fields.map((field) => ({ id: field, type: 'text', label: field })),
  };
}

function flow(id: string, tableId: string, subFlows: string[] = []): FlowDefinition {
  const subs = subFlows.map((target, index) => ({
    id: `sub${index}`,
    type: 'sub-flow',
    config: { flow: target },
  }));
  return {
    id,
    label: id,
    table: tableId,
    form: `${tableId}Form`,
    nodes: [{ id: 'start', type: 'start' }, ...subs, { id: 'end', type: 'end' }],
    edges: [{ id: 'e1', from: 'start', to: 'end' }],
  };
}

/** An expense flow deducting from a budget ledger, a payment flow, and two flows starting each other. */
export const app: AppDefinition = {
  schemaVersion: 1,
  id: 'demo',
  label: 'Demo',
  tables: [
    table('expense', 'flow', ['title', 'amount', 'budgetLine', 'applicant']),
    table('budget', 'master', ['name', 'total', 'used', 'remaining']),
    table('payment', 'flow', ['contract', 'amount']),
  ],
  flows: [
    flow('expenseFlow', 'expense'),
    flow('paymentFlow', 'payment'),
    flow('pingFlow', 'expense', ['pongFlow']),
    flow('pongFlow', 'payment', ['pingFlow']),
  ],
};

/** What a node's check() sees when it sits in `flowId`. */
export function contextOf(flowId = 'expenseFlow'): NodeCheckContext {
  const flows = app.flows ?? [];
  const current = flows.find((one) => one.id === flowId)!;
  return {
    app,
    flow: current,
    table: app.tables.find((one) => one.id === current.table)!,
    tableById: (id) => app.tables.find((one) => one.id === id),
    flowById: (id) => flows.find((one) => one.id === id),
  };
}

/** A node of `type` holding `config`, as check() receives it. */
export function nodeOf<Config extends Record<string, unknown>>(
  type: string,
  config: Config,
): FlowNode & { readonly config: Config } {
  return { id: 'n1', type, config };
}
