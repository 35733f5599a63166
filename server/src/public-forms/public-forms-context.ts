import type { AttemptStore } from '../auth/attempt-store.ts';
import type { FlowService, FlowsContext } from '../flows/flow-service.ts';
import type { PublicLimits } from './public-rate-limiter.ts';

/** What the public form routes work with: records and flows, and where limits are counted. */
export interface PublicFormsContext extends FlowsContext {
  readonly flows: FlowService;
  /** Where anonymous requests are counted; the shared storage's by default. */
  readonly attempts?: AttemptStore;
  readonly publicLimits?: PublicLimits;
}
