import {
  type AppDefinition,
  type FieldRightName,
  nodeFieldRights,
  visibleValues,
} from '@tessera/core';
import {
  type FlowInstance,
  isOpen,
  type PreparedFlow,
  returnChoices,
  type Task,
} from '@tessera/runtime/flow';
import type { RecordDocument } from '../records/record-document.ts';
import { type ItemDiagram, itemDiagram } from './flow-item-diagram.ts';

export interface FlowItemView {
  readonly id: string;
  readonly app: string;
  readonly version: number;
  readonly flow: string;
  readonly status: FlowInstance['status'];
  readonly outcome?: string;
  readonly initiator: string;
  readonly createdAt: string;
  readonly submittedAt?: string;
  readonly endedAt?: string;
  readonly record: {
    readonly id: string;
    readonly _rev: string;
    readonly values: Record<string, unknown>;
  };
  readonly tasks: readonly Task[];
  readonly timeline: FlowInstance['timeline'];
  /** The caller's open tasks (待办 / 待发 / 知会) on this item. */
  readonly mine: readonly Task[];
  /** What the caller may do with each field at their current node (节点权限). */
  readonly rights: {
    readonly node?: string;
    readonly fields: Readonly<Record<string, FieldRightName>>;
  };
  /**
   * The task nodes already passed: where a return from the caller's open task may go (never a
   * step of a branch running beside it); every passed node for someone without a task.
   */
  readonly passed: readonly string[];
  readonly diagram: ItemDiagram;
}

/** The node whose rights apply to the caller: their open task's (a draft: the start node). */
export function callerNode(instance: FlowInstance, user: string): Task | undefined {
  return instance.tasks.find(
    (task) => task.assignee === user && task.kind !== 'cc' && isOpen(task),
  );
}

/** The node of the last step `user` handled on the item (not a CC), if any. */
function lastHandled(instance: FlowInstance, user: string): string | undefined {
  return [...instance.tasks].reverse().find((one) => one.assignee === user && one.kind !== 'cc')
    ?.node;
}

/** The item as the caller sees it: values their node may see, their tasks, the diagram. */
export function flowItemView(
  app: AppDefinition,
  flow: PreparedFlow,
  instance: FlowInstance,
  record: RecordDocument,
  user: string,
): FlowItemView {
  const form = app.forms?.find((one) => one.id === flow.flow.form) ?? { rights: {} };
  const task = callerNode(instance, user);
  const node = task?.node;
  // someone who handled a step sees the item as that step showed it, even once it is done:
  // a field hidden at their node stays hidden (节点权限)
  const handled = node ?? lastHandled(instance, user);
  const rights = nodeFieldRights(
    form,
    handled ?? flow.start.id,
    handled === flow.start.id ? 'edit' : 'read',
  );
  const table = app.tables.find((one) => one.id === flow.flow.table);
  const fields: Record<string, FieldRightName> = {};
  for (const field of table?.fields ?? []) {
    const right = handled ? rights.rightOf(field.id) : 'read';
    fields[field.id] = node || right === 'hidden' ? right : 'read';
  }
  return {
    id: instance.id,
    app: instance.app,
    version: instance.version,
    flow: instance.flow,
    status: instance.status,
    ...(instance.outcome ? { outcome: instance.outcome } : {}),
    initiator: instance.initiator,
    createdAt: instance.createdAt,
    ...(instance.submittedAt ? { submittedAt: instance.submittedAt } : {}),
    ...(instance.endedAt ? { endedAt: instance.endedAt } : {}),
    record: {
      id: record._id,
      _rev: record._rev,
      values: handled
        ? visibleValues(rights, record.values)
        : visibleValues(nodeFieldRights(form, '', 'read'), record.values),
    },
    tasks: instance.tasks,
    timeline: instance.timeline,
    mine: instance.tasks.filter(
      (one) => one.assignee === user && (isOpen(one) || one.status === 'unread'),
    ),
    rights: { ...(node ? { node } : {}), fields },
    passed: task ? returnChoices(instance, task.token) : instance.passed.map((one) => one.node),
    diagram: itemDiagram(flow, instance),
  };
}
