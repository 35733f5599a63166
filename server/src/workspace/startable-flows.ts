import type { AppDefinition } from '@tessera/core';
import type { PreparedFlow } from '@tessera/runtime/flow';
import { loadOrganisation } from '../flows/organisation-snapshot.ts';
import { preparedFlow } from '../flows/prepared-flows.ts';
import { startRefusal } from '../flows/start-refusal.ts';
import { readAppRoles } from '../records/app-roles.ts';
import type { RecordsContext } from '../records/record-service.ts';
import type { Caller } from '../records/row-scope.ts';

/**
 * The ids of the flows of `app` the caller may start, decided by {@link startRefusal} as the
 * start route decides, before any value is entered (a field among the initiators names nobody
 * yet). The organisation is read only for flows whose start node names initiators.
 */
export async function startableFlows(
  context: RecordsContext,
  app: AppDefinition,
  caller: Caller,
): Promise<Set<string>> {
  const mapping = await readAppRoles(context.storage, app.id);
  const out = new Set<string>();
  for (const { id } of app.flows ?? []) {
    let flow: PreparedFlow;
    try {
      flow = preparedFlow(context.platform, app, id);
    } catch {
      continue; // a flow the server cannot run (its node type's plugin is gone) starts nobody
    }
    const refused = await startRefusal(flow, caller, {
      mapping,
      // the start node's rules are all a snapshot needs here
      organisation: () =>
        loadOrganisation(context, {
          app: app.id,
          flow: { ...flow.flow, nodes: [flow.start] },
          initiator: caller.userId,
          values: {},
        }),
    });
    if (!refused) out.add(id);
  }
  return out;
}
