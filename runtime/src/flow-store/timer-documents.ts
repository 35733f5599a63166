import type { SystemCommand } from '../flow/commands.ts';
import type { FlowInstance } from '../flow/instance.ts';
import type { IndexDefinition, NewDocument } from '../storage/storage-port.ts';

export const TIMER_TYPE = 'flowtimer';

/**
 * A command the clock owes an instance (a timer node's wake-up, a deadline). Its id comes
 * from the effect, so scheduling twice writes once; the server holding its lease runs it.
 */
export interface TimerEntry {
  readonly type: typeof TIMER_TYPE;
  readonly at: string;
  readonly app: string;
  readonly version: number;
  readonly flow: string;
  readonly instance: string;
  readonly command: SystemCommand;
  /** Set once run; kept so a second server's late claim sees it is done. */
  readonly doneAt?: string;
  readonly lease?: { readonly holder: string; readonly until: string };
}

export const TIMER_INDEXES: readonly IndexDefinition[] = [
  { name: 'timers-due', fields: ['type', 'at'], partial: { type: TIMER_TYPE } },
];

export const timerId = (effect: string) => `${TIMER_TYPE}:${effect}`;

export function timerEntry(
  instance: FlowInstance,
  id: string,
  at: string,
  command: SystemCommand,
): NewDocument<TimerEntry> {
  return {
    _id: timerId(id),
    type: TIMER_TYPE,
    at,
    app: instance.app,
    version: instance.version,
    flow: instance.flow,
    instance: instance.id,
    command,
  };
}
