import type { FlowNode } from '@tessera/core';
import type { FlowStep } from './flow-step.ts';
import type { Token } from './instance.ts';

/** Where a task node lets an item be sent back to (回退). */
export interface ReturnPolicy {
  readonly allowed: boolean;
  readonly to: 'previous' | 'drafter' | 'any';
}

/** What a node's tasks add up to after one of them changed. */
export type Settlement = 'pending' | 'passed' | 'failed';

/**
 * How a node type runs. Each lives in its node type's plugin folder; the engine finds it
 * by `type` in a registry and never switches on node types itself.
 */
export interface NodeHandler {
  readonly type: string;
  /** A token arrived: open tasks, wait, or move on with `step.leave`. */
  enter(step: FlowStep, token: Token, node: FlowNode): void;
  /** After a task of the node changed: whether the node has passed, failed or still waits. */
  settle?(step: FlowStep, token: Token, node: FlowNode): Settlement;
  /** The timer the node scheduled for a waiting token fired. */
  wake?(step: FlowStep, token: Token, node: FlowNode): void;
  /** Task nodes: whether and where an approver may return the item. */
  returns?(node: FlowNode): ReturnPolicy;
  /** Task nodes: whether acting needs a written opinion. */
  opinionRequired?(node: FlowNode): boolean;
}

/** The handlers of a set of node types, by type; a type registered twice is a mistake. */
export class NodeHandlers {
  readonly #byType = new Map<string, NodeHandler>();
  constructor(handlers: readonly NodeHandler[]) {
    for (const handler of handlers) {
      if (this.#byType.has(handler.type)) {
        throw new Error(`node handler "${handler.type}" is registered twice`);
      }
      this.#byType.set(handler.type, handler);
    }
  }
  get(type: string): NodeHandler | undefined {
    return this.#byType.get(type);
  }
  get types(): string[] {
    return [...this.#byType.keys()];
  }
}
