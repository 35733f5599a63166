import { createPlatform, type FlowEdge, type FlowNode } from '@tessera/core';
import { fieldBasic } from '@tessera/plugin-field-basic';
import { flowBasic } from '@tessera/plugin-flow-basic';
import { flowBasicHandlers } from '@tessera/plugin-flow-basic/handlers';
import { createPouchStorage, type StoragePort, type Stored } from '@tessera/runtime';
import {
  applyCommand,
  createInstance,
  type FlowCommand,
  type FlowContext,
  type FlowInstance,
  type FlowResult,
  isOpen,
  type NewInstance,
  NodeHandlers,
  type Organisation,
  type OrgUser,
  type PreparedFlow,
  prepareFlow,
} from '@tessera/runtime/flow';
import {
  createFlowStore,
  fromDocument,
  INBOX_TYPE,
  INSTANCE_TYPE,
  type InstanceDocument,
  instanceDocId,
} from '@tessera/runtime/flow-store';

/** The stored shape of an instance, as the flow store writes it (its `toDocument`). */
const toDocument = (instance: FlowInstance) => ({
  ...instance,
  _id: instanceDocId(instance.id),
  type: INSTANCE_TYPE,
});

/**
 * B5's Tessera side: a 3-step approval (start → manager → legal → head → end, each approval
 * assigned to one user) prepared once, and instances walked through the flow store on an
 * embedded PouchDB: create (draft), submit, approve × 3 — five commands, each one
 * `store.create` / `store.act` (read, apply, compare-and-swap write, inbox entries).
 */

export const APPROVERS = ['bob', 'carol', 'dave'] as const;
const INITIATOR = 'alice';

const users: OrgUser[] = [INITIATOR, ...APPROVERS].map((id) => ({
  id,
  name: id,
  department: 'sales',
  active: true,
}));

const organisation: Organisation = {
  user: (id) => users.find((user) => user.id === id),
  department: () => undefined,
  roleMembers: () => [],
  departmentMembers: (id) => (id === 'sales' ? users.map((user) => user.id) : []),
};

const NODES: FlowNode[] = [
  { id: 'start', type: 'start' },
  { id: 'manager', type: 'approval', config: { assignees: [{ kind: 'user', users: ['bob'] }] } },
  { id: 'legal', type: 'approval', config: { assignees: [{ kind: 'user', users: ['carol'] }] } },
  { id: 'head', type: 'approval', config: { assignees: [{ kind: 'user', users: ['dave'] }] } },
  { id: 'end', type: 'end' },
];
const ORDER = ['start', 'manager', 'legal', 'head', 'end'];
const EDGES: FlowEdge[] = ORDER.slice(1).map((to, i) => ({
  id: `${ORDER[i]}_${to}`,
  from: ORDER[i]!,
  to,
}));

/** The published app, loaded and checked by the platform, and its flow prepared once. */
export function prepareApproval(): PreparedFlow {
  const platform = createPlatform({ plugins: [fieldBasic, flowBasic] });
  const app = platform.loadApp({
    schemaVersion: 1,
    id: 'b5',
    label: 'B5',
    tables: [
      {
        id: 'request',
        kind: 'flow',
        label: 'Request',
        fields: [
          { id: 'title', type: 'text', label: 'Title' },
          { id: 'amount', type: 'money', label: 'Amount', config: { currency: 'CNY', scale: 2 } },
        ],
      },
    ],
    forms: [
      {
        id: 'requestForm',
        label: 'Request',
        table: 'request',
        sections: [{ id: 'main', items: [{ field: 'title' }, { field: 'amount' }] }],
      },
    ],
    flows: [
      {
        id: 'approval',
        label: 'Approval',
        table: 'request',
        form: 'requestForm',
        nodes: NODES,
        edges: EDGES,
      },
    ],
  });
  return prepareFlow({
    app,
    flow: 'approval',
    handlers: new NodeHandlers(flowBasicHandlers),
    expressions: platform.expressions(app, 'request'),
  });
}

const context = (i: number): FlowContext => ({
  now: new Date().toISOString(),
  values: { title: `Request ${i}`, amount: `${100 + (i % 900)}.00` },
  organisation,
});

/** What a finished run found in its database (thrown at instead when a check fails). */
export interface Verified {
  readonly ended: number;
  readonly completions: number;
  readonly documents: number;
  readonly detail: string;
}

/** Storage port calls by method, counted as the flow store makes them (a diagnostic). */
export type CallCounts = Record<string, number>;

function counting(storage: StoragePort, calls: CallCounts): StoragePort {
  return new Proxy(storage, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      return (...args: unknown[]) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return value.apply(target, args);
      };
    },
  });
}

export interface ApprovalRun {
  /** Walks instance `i` from creation to its end; pushes each command's latency (ms). */
  walk(i: number, latencies: number[]): Promise<void>;
  /** Closes the database, reopens it and checks the end state of `count` instances. */
  verify(count: number): Promise<Verified>;
  close(): Promise<void>;
  /** The storage calls made by the walks, when the side counts them. */
  readonly calls?: CallCounts;
}

const instanceId = (i: number) => `b5-${String(i).padStart(6, '0')}`;

/**
 * Reference only: instance `i` walked by the pure engine alone (`createInstance`, then
 * `applyCommand` × 4), nothing stored; throws unless it ends approved with 3 approved tasks.
 */
export function walkInMemory(flow: PreparedFlow, i: number): void {
  const id = instanceId(i);
  const init = { id, version: 1, record: `record-${i}`, initiator: INITIATOR };
  let { instance } = createInstance(flow, init, context(i));
  ({ instance } = applyCommand(
    flow,
    instance,
    { type: 'submit', actor: INITIATOR, key: `${id}:submit` },
    context(i),
  ));
  for (const approver of APPROVERS) {
    const task = instance.tasks.find((one) => one.status === 'open' && one.kind === 'approve');
    if (task?.assignee !== approver) throw new Error(`B5 tessera ${id}: no task for ${approver}`);
    ({ instance } = applyCommand(
      flow,
      instance,
      { type: 'approve', actor: approver, task: task.id, key: `${id}:${task.id}` },
      context(i),
    ));
  }
  const approved = instance.tasks.filter((task) => task.status === 'approved').length;
  if (instance.status !== 'approved' || approved !== 3 || instance.tasks.some(isOpen))
    throw new Error(`B5 tessera ${id}: ended ${instance.status} with ${approved} approvals`);
}

/** The two calls a walk makes: the flow store's, or the bare variant's. */
interface Commands {
  create(flow: PreparedFlow, init: NewInstance, context: FlowContext): Promise<FlowResult>;
  act(
    flow: PreparedFlow,
    id: string,
    command: FlowCommand,
    context: FlowContext,
  ): Promise<FlowResult>;
}

/**
 * Diagnostic only (no target): the instance document alone, as the store writes it, with no
 * inbox entries — `storage.create`, then `storage.mutate` (read + compare-and-swap write)
 * around `applyCommand`. What the flow store costs beyond it is its inbox projections.
 */
function bareCommands(storage: StoragePort): Commands {
  return {
    async create(flow, init, context) {
      const result = createInstance(flow, init, context);
      await storage.create(toDocument(result.instance));
      return result;
    },
    async act(flow, id, command, context) {
      let result: FlowResult | undefined;
      await storage.mutate<InstanceDocument>(instanceDocId(id), (current) => {
        result = applyCommand(flow, fromDocument(current), command, context);
        return { ...toDocument(result.instance), _rev: current._rev } as Stored<InstanceDocument>;
      });
      if (!result) throw new Error(`B5 tessera-bare ${id}: nothing written`);
      return result;
    },
  };
}

/**
 * Opens a fresh embedded PouchDB at `path` and walks instances through the flow store
 * (`store`), or through the bare instance document (`bare`, a diagnostic).
 */
export async function openTessera(
  flow: PreparedFlow,
  path: string,
  variant: 'store' | 'bare' = 'store',
): Promise<ApprovalRun> {
  const storage = await createPouchStorage({ kind: 'embedded', path });
  const calls: CallCounts = {};
  const counted = counting(storage, calls);
  const store: Commands =
    variant === 'store' ? createFlowStore({ storage: counted }) : bareCommands(counted);
  let closed = false;

  const timed = async <T>(latencies: number[], call: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await call();
    latencies.push(performance.now() - start);
    return result;
  };

  return {
    calls,
    async walk(i, latencies) {
      const id = instanceId(i);
      const init = { id, version: 1, record: `record-${i}`, initiator: INITIATOR };
      await timed(latencies, () => store.create(flow, init, context(i)));
      let { instance } = await timed(latencies, () =>
        store.act(flow, id, { type: 'submit', actor: INITIATOR, key: `${id}:submit` }, context(i)),
      );
      for (const approver of APPROVERS) {
        const task = instance.tasks.find((one) => one.status === 'open' && one.kind === 'approve');
        if (task?.assignee !== approver)
          throw new Error(`B5 tessera ${id}: expected an open task for ${approver}`);
        ({ instance } = await timed(latencies, () =>
          store.act(
            flow,
            id,
            { type: 'approve', actor: approver, task: task.id, key: `${id}:${task.id}` },
            context(i),
          ),
        ));
      }
      if (instance.status !== 'approved')
        throw new Error(`B5 tessera ${id}: ended ${instance.status}`);
    },

    async verify(count) {
      closed = true;
      await storage.close();
      const reopened = await createPouchStorage({ kind: 'embedded', path });
      try {
        const fail = (message: string): never => {
          throw new Error(`B5 tessera: ${message}`);
        };
        const expected = new Set(Array.from({ length: count }, (_, i) => instanceId(i)));
        let ended = 0;
        let completions = 0;
        let documents = 0;
        let inbox = 0;
        let instanceBytes = 0;
        const open: string[] = [];
        for await (const doc of reopened.dump()) {
          documents++;
          if (doc.type === INBOX_TYPE) {
            inbox++;
            if (doc.box === 'todo' || doc.box === 'draft') open.push(doc._id);
            continue;
          }
          if (doc.type !== INSTANCE_TYPE) fail(`unexpected document ${doc._id} (${doc.type})`);
          const instance = doc as unknown as FlowInstance;
          instanceBytes += JSON.stringify(doc).length;
          if (!expected.delete(instance.id)) fail(`unexpected or repeated instance ${instance.id}`);
          if (instance.status === 'approved') ended++;
          if (instance.tokens.length > 0) open.push(`${instance.id} (token)`);
          for (const task of instance.tasks) {
            if (task.status === 'approved') completions++;
            if (isOpen(task)) open.push(task.id);
          }
        }
        if (expected.size > 0) fail(`${expected.size} instances missing`);
        if (ended !== count) fail(`${ended} of ${count} instances approved`);
        if (completions !== 3 * count) fail(`${completions} approved tasks, expected ${3 * count}`);
        if (open.length > 0) fail(`${open.length} orphans, e.g. ${open.slice(0, 3).join(', ')}`);
        if (variant === 'store' && inbox !== 5 * count)
          fail(`${inbox} inbox entries, expected ${5 * count} (draft, 3 approvals, submitted)`);
        if (variant === 'bare' && inbox !== 0) fail(`${inbox} inbox entries without the store`);
        return {
          ended,
          completions,
          documents,
          detail:
            `${count} instance documents (${(instanceBytes / count / 1024).toFixed(1)} KB JSON each at the end)` +
            ` + ${inbox} inbox entries, none todo/draft`,
        };
      } finally {
        await reopened.close();
      }
    },

    async close() {
      if (!closed) await storage.close();
      closed = true;
    },
  };
}
