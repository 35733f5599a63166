import type { Bilingual } from '@tessera/core';

export type FlowErrorCode =
  | 'task.notFound'
  | 'task.closed'
  | 'task.notYours'
  | 'task.kind'
  | 'instance.state'
  | 'instance.notInitiator'
  | 'start.notAllowed'
  | 'assignee.unresolved'
  | 'assignee.choose'
  | 'assignee.tooFew'
  | 'user.unknown'
  | 'return.notAllowed'
  | 'withdraw.tooLate'
  | 'opinion.required'
  | 'expression.failed'
  | 'flow.noPath'
  | 'flow.loop'
  | 'node.unknownType'
  | 'command.unknown'
  | 'write-back.guard'
  | 'write-back.invalid'
  | 'write-back.no-record'
  | 'write-back.no-target'
  | 'write-back.too-many'
  | 'write-back.expression'
  | 'subflow.invalid';

/** HTTP status the server answers with for each code. */
const STATUS: Record<FlowErrorCode, number> = {
  'task.notFound': 404,
  'task.closed': 409,
  'task.notYours': 403,
  'task.kind': 400,
  'instance.state': 409,
  'instance.notInitiator': 403,
  'start.notAllowed': 403,
  'assignee.unresolved': 422,
  'assignee.choose': 422,
  'assignee.tooFew': 422,
  'user.unknown': 400,
  'return.notAllowed': 400,
  'withdraw.tooLate': 409,
  'opinion.required': 400,
  'expression.failed': 422,
  'flow.noPath': 422,
  'flow.loop': 422,
  'node.unknownType': 500,
  'command.unknown': 400,
  // a write-back's target changed so that its guard no longer holds: read again and retry
  'write-back.guard': 409,
  'write-back.invalid': 422,
  'write-back.no-record': 422,
  'write-back.no-target': 422,
  'write-back.too-many': 422,
  'write-back.expression': 422,
  'subflow.invalid': 422,
};

/**
 * A command the flow refuses, with a message in both languages and, where one is to blame,
 * the field (`/opinion`, `/to`) or the node config path (`/nodes/legal/config/assignees/0`).
 */
export class FlowError extends Error {
  readonly status: number;
  constructor(
    readonly code: FlowErrorCode,
    readonly text: Bilingual,
    readonly field?: string,
    /** Data for the caller, e.g. the `candidates` to pick from for `assignee.choose`. */
    readonly detail?: Readonly<Record<string, unknown>>,
  ) {
    super(text.en);
    this.name = 'FlowError';
    this.status = STATUS[code];
  }
}
