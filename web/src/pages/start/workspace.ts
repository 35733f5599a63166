import { type AppOutline, appOutline } from '@tessera/core';
import type { ApiClient } from '../../api/api-client.ts';
import { ApiProblem } from '../../api/api-error.ts';
import { cachedApps } from '../../offline/offline-reads.ts';
import type { SyncEngine } from '../../offline/sync-engine.ts';

/** `GET /api/workspace`: what each published app offers. */
export type WorkspaceApp = AppOutline;

/** The published apps from the server, or from the offline copy when it cannot be reached. */
export async function loadWorkspace(
  api: ApiClient,
  offline?: () => Promise<SyncEngine>,
): Promise<readonly WorkspaceApp[]> {
  try {
    return (await api.call.workspace.get()).apps;
  } catch (error) {
    if (!offline || !(error instanceof ApiProblem) || !error.offline) throw error;
    return (await cachedApps(await offline())).map(({ definition, version }) =>
      appOutline(definition, version),
    );
  }
}
