import type { FlowCommandBody } from '@tessera/core/api';
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

type Frozen<T> = T extends readonly (infer E)[]
  ? readonly Frozen<E>[]
  : T extends object
    ? { readonly [K in keyof T]: Frozen<T[K]> }
    : T;

/**
 * What people do to an instance: the API's command body (`FlowCommandSchema`, the one
 * vocabulary, told apart by `type`) less the record edit it may carry (`values`, `rev`), with
 * who acts. The server authorises; the engine checks flow rules.
 */
export type PersonCommand = FlowCommandBody extends infer C
  ? C extends FlowCommandBody
    ? Frozen<Omit<C, 'values' | 'rev'>> & Base
    : never
  : never;

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
