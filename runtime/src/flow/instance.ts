/**
 * The state of one flow instance (流程实例): a plain JSON document, versioned, which the
 * engine turns into its next state one command at a time (decision 4).
 */

export const INSTANCE_SCHEMA_VERSION = 1;

/** `draft` until first submitted; `running` while any token is alive; then the outcome. */
export type InstanceStatus = 'draft' | 'running' | 'approved' | 'rejected' | 'cancelled';

/** How an instance that reached an end finished. */
export type FlowOutcome = 'approved' | 'rejected' | 'cancelled';

/** What a token is waiting for at its node, if anything. */
export type TokenWait =
  | { readonly kind: 'tasks' }
  | { readonly kind: 'timer'; readonly at: string }
  | { readonly kind: 'subflow'; readonly effect: string }
  | { readonly kind: 'join' };

/** A position in the graph. Parallel branches each hold their own token. */
export interface Token {
  readonly id: string;
  readonly node: string;
  /** When it arrived at `node`. */
  readonly since: string;
  /** The edge it came by; joins count arrivals per incoming edge. */
  readonly via?: string;
  /** The parallel splits it is inside, outermost first: the id of each split's arrival. */
  readonly branches: readonly string[];
  /**
   * For each split in `branches`, the edge its branch began with: what tells sibling branches
   * apart (0026). Absent on tokens made before lanes were recorded.
   */
  readonly lanes?: readonly string[];
  wait?: TokenWait;
}

/**
 * `draft`: the drafter fills and submits (待发); `approve`: an approval or countersign task
 * (待办); `cc`: an item to read (知会), which never blocks the flow.
 */
export type TaskKind = 'draft' | 'approve' | 'cc';

/**
 * `open`: can be acted on; `waiting`: its holder added signers before themself (前加签) and
 * gets it back when they are done; the rest are closed.
 */
export type TaskStatus =
  | 'open'
  | 'waiting'
  | 'submitted'
  | 'approved'
  | 'rejected'
  | 'returned'
  | 'transferred'
  | 'cancelled'
  | 'unread'
  | 'read';

export interface Task {
  readonly id: string;
  readonly node: string;
  readonly token: string;
  readonly kind: TaskKind;
  readonly assignee: string;
  status: TaskStatus;
  readonly createdAt: string;
  /** Deadline (超期时间), when the node has one. */
  readonly due?: string;
  overdue?: boolean;
  actedAt?: string;
  /** Who closed it, when not the assignee (a withdrawal, a return by another task …). */
  closedBy?: string;
  opinion?: string;
  /** The task whose holder added this one (加签), and on which side of themself. */
  readonly addedBy?: string;
  readonly placement?: 'before' | 'after';
  /** The task this one was transferred from (转办). */
  readonly transferredFrom?: string;
}

/** One line of the timeline (流程日志): who did what, when, with which opinion. */
export interface TimelineEntry {
  readonly seq: number;
  readonly at: string;
  /** A user id, or `system` for timers and roll-forwards. */
  readonly actor: string;
  readonly action: string;
  readonly node?: string;
  readonly task?: string;
  readonly opinion?: string;
  /** The users a task went to, was transferred to, or who were added or reminded. */
  readonly users?: readonly string[];
  /** Entering a node several people vote on: how many of `users` must approve (at least N of M). */
  readonly needed?: number;
  /** The node a return went to. */
  readonly to?: string;
  readonly outcome?: string;
  /** The effect a node owed (a write-back): what the records it made are named after. */
  readonly effect?: string;
}

/** A task node passed in order, with its branch stack: where a return may go back to. */
export interface Passed {
  readonly node: string;
  readonly branches: readonly string[];
  readonly lanes?: readonly string[];
  readonly at: string;
}

/**
 * The tokens a join let through together. Kept so that a return from after the join into one
 * branch can set the others back as arrived (0026).
 */
export interface Merged {
  /** The split whose branches met: the last entry of the tokens' `branches`. */
  readonly split: string;
  readonly node: string;
  readonly tokens: readonly Token[];
}

/** An effect the instance owes another document until the server has applied it (decision 11). */
export interface OwedEffect {
  readonly id: string;
  readonly type: 'writeBack' | 'startSubflow';
  readonly node: string;
  readonly at: string;
  /** The record's values when the effect arose: what its expressions are evaluated over. */
  readonly values: Readonly<Record<string, unknown>>;
  /** For a sub-flow: whether the token waits for it. */
  readonly wait?: boolean;
}

export interface FlowInstance {
  readonly schemaVersion: number;
  readonly id: string;
  readonly app: string;
  /** The published app version the instance runs, for its whole life. */
  readonly version: number;
  readonly flow: string;
  /** The flow table record that carries the instance's data. */
  readonly record: string;
  readonly initiator: string;
  status: InstanceStatus;
  outcome?: FlowOutcome;
  readonly createdAt: string;
  submittedAt?: string;
  endedAt?: string;
  /** Counter behind the ids of tokens, tasks and effects: the same command yields the same ids. */
  nextId: number;
  tokens: Token[];
  tasks: Task[];
  timeline: TimelineEntry[];
  passed: Passed[];
  /** The joins passed whose branches a return may still reopen, one per split. */
  merged?: Merged[];
  /** Idempotency key → the timeline length after that command: a replay changes nothing. */
  commands: Record<string, number>;
  /** Set by a return whose resubmission goes straight back to the node that returned it. */
  returned?: { readonly from: string; readonly to: string; readonly straight: boolean };
  /** Effects committed with the instance and not yet applied to their targets. */
  owed: OwedEffect[];
  /** The parent instance and token when started by a sub-flow node. */
  readonly parent?: { readonly instance: string; readonly token: string; readonly effect: string };
}

export const isOpen = (task: Task) => task.status === 'open' || task.status === 'waiting';
