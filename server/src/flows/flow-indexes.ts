import type { IndexDefinition } from '@tessera/runtime';
import { INBOX_INDEXES, OWING_INDEXES } from '@tessera/runtime/flow-store';
import { NOTICE_INDEXES } from './notices.ts';
import { STARTED_INDEXES } from './unfinished-starts.ts';

/** Instances of one flow (analytics). */
export const INSTANCES_BY_FLOW = 'flowinstances-by-flow';
/** Flow timers by when they are due: the timer service's queue. */
export const TIMERS_DUE = 'timers-due';

/** The indexes the flow routes, the timer service and the owed-effects sweeper query (made at start with the rest). */
export const FLOW_INDEXES: readonly IndexDefinition[] = [
  { name: INSTANCES_BY_FLOW, fields: ['type', 'app', 'flow', 'createdAt'] },
  ...INBOX_INDEXES,
  ...OWING_INDEXES,
  { name: TIMERS_DUE, fields: ['type', 'at'] },
  ...NOTICE_INDEXES,
  ...STARTED_INDEXES,
];
