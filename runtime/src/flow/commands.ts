import type { FlowOutcome } from './instance.ts';

interface Base {
  /** The acting user's id (`system` for timers). */
  readonly actor: string;
  /** Idempotency key: a command with a key already applied changes nothing. */
  readonly key?: string;
  /** The opinion (审批意见) written with the action. */
  readonly opinion?: string;
}

/** For each next node in `single` mode (选人), the person the actor picked. */
export type Choices = Readonly<Record<string, readonly string[]>>;

/** What people do to an instance. The server authorises; the engine checks flow rules. */
export type PersonCommand =
  | (Base & { readonly type: 'submit'; readonly choose?: Choices })
  | (Base & { readonly type: 'saveDraft' })
  | (Base & { readonly type: 'approve'; readonly task: string; readonly choose?: Choices })
  | (Base & { readonly type: 'reject'; readonly task: string })
  | (Base & {
      readonly type: 'return';
      readonly task: string;
      /** `previous`, `drafter`, or the id of a node already passed. */
      readonly to: string;
      /** Whether the resubmission comes straight back to this node (`straight`) or walks the flow. */
      readonly resubmit?: 'flow' | 'straight';
    })
  | (Base & { readonly type: 'withdraw' })
  | (Base & { readonly type: 'transfer'; readonly task: string; readonly to: string })
  | (Base & {
      readonly type: 'addSigner';
      readonly task: string;
      readonly users: readonly string[];
      readonly placement: 'before' | 'after';
    })
  | (Base & { readonly type: 'urge' })
  | (Base & { readonly type: 'comment'; readonly opinion: string })
  | (Base & { readonly type: 'read'; readonly task: string });

/** What the clock and other instances do to an instance. */
export type SystemCommand =
  | (Base & { readonly type: 'wake'; readonly token: string })
  | (Base & {
      readonly type: 'deadline';
      readonly task: string;
      readonly phase: 'remind' | 'overdue';
    })
  | (Base & {
      readonly type: 'subflowEnded';
      readonly token: string;
      readonly child: string;
      readonly outcome: FlowOutcome;
    });

export type FlowCommand = PersonCommand | SystemCommand;
export type CommandType = FlowCommand['type'];

/** Commands that act on one task. */
export type TaskCommand = Extract<FlowCommand, { readonly task: string }>;

export const SYSTEM_ACTOR = 'system';
