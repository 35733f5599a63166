import type { AppDefinition, Platform } from '@tessera/core';
import { type PreparedFlow, prepareFlow } from '@tessera/runtime/flow';
import { NODE_HANDLERS } from '../platform/installed-plugins.ts';
import { flowNotFound } from './flow-errors.ts';

/** Prepared flows by published definition: versions are immutable, so each is prepared once. */
const cache = new WeakMap<AppDefinition, Map<string, PreparedFlow>>();

export function preparedFlow(platform: Platform, app: AppDefinition, flowId: string): PreparedFlow {
  let flows = cache.get(app);
  if (!flows) {
    flows = new Map();
    cache.set(app, flows);
  }
  const known = flows.get(flowId);
  if (known) return known;
  const flow = app.flows?.find((one) => one.id === flowId);
  if (!flow) throw flowNotFound(app.id, flowId);
  const prepared = prepareFlow({
    app,
    flow: flowId,
    handlers: NODE_HANDLERS,
    expressions: platform.expressions(app, flow.table),
  });
  flows.set(flowId, prepared);
  return prepared;
}
