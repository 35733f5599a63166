import type { SystemCommand } from './commands.ts';
import type { FlowOutcome, OwedEffect, Task } from './instance.ts';

/** Why people are told something outside their todo list. */
export type NoticeReason = 'cc' | 'urge' | 'remind' | 'overdue' | 'returned' | 'ended';

/**
 * What the server does after committing the instance. Owed effects (write-backs, sub-flows)
 * are also recorded on the instance itself, so a crash cannot lose them (decision 11); the
 * rest can be derived again from the instance and are applied idempotently.
 */
export type FlowEffect =
  | { readonly type: 'flow.submitted' }
  | { readonly type: 'task.created'; readonly task: Task }
  | { readonly type: 'task.closed'; readonly task: Task }
  | {
      readonly type: 'notice';
      readonly reason: NoticeReason;
      readonly users: readonly string[];
      readonly task?: string;
    }
  /** Run `command` at `at`, once, under the id (a lease in a multi-server deployment). */
  | {
      readonly type: 'schedule';
      readonly id: string;
      readonly at: string;
      readonly command: SystemCommand;
    }
  | { readonly type: 'flow.ended'; readonly outcome: FlowOutcome }
  | ({ readonly kind: 'owed' } & OwedEffect);
