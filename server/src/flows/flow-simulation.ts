import type { Platform } from '@tessera/core';
import { prepareFlow, type SimulationResult, simulate, withFindings } from '@tessera/runtime/flow';
import { type AppDocument, appDocId } from '../apps/app-documents.ts';
import { ApiError } from '../http/api-error.ts';
import { NODE_HANDLERS } from '../platform/installed-plugins.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { isoNow } from '../storage/store-context.ts';
import { flowNotFound } from './flow-errors.ts';
import { loadOrganisation } from './organisation-snapshot.ts';
import { simulateWriteBacks, type WriteBackPreview } from './write-back-simulation.ts';

export type { WriteBackPreview } from './write-back-simulation.ts';

export interface SimulationRequest {
  readonly values: Readonly<Record<string, unknown>>;
  readonly initiator: string;
  readonly decisions?: Readonly<Record<string, 'approve' | 'reject'>>;
}

/**
 * 仿真 of the app's draft (what the designer is editing), on sample values: the engine's path,
 * assignees and write-backs, each write-back tried as the run would against its target record
 * as it is now — one that would fail makes the simulation not ok, naming its node and field.
 * Reads only; nothing is written.
 */
export async function simulateDraft(
  context: StoreContext & { readonly platform: Platform },
  appId: string,
  flowId: string,
  request: SimulationRequest,
): Promise<SimulationResult & { readonly previews: readonly WriteBackPreview[] }> {
  const doc = await context.storage.get<AppDocument>(appDocId(appId));
  if (doc?.type !== 'app')
    throw new ApiError(404, 'app_not_found', {
      en: `there is no app "${appId}"`,
      'zh-CN': `没有应用“${appId}”`,
    });
  const checked = context.platform.validateApp(doc.draft);
  if (!checked.ok) {
    const first = checked.issues[0]!;
    throw new ApiError(
      400,
      'invalid_app',
      {
        en: `the draft has issues; the first: ${first.path}: ${first.message.en}`,
        'zh-CN': `草稿有问题；第一个：${first.path}：${first.message['zh-CN']}`,
      },
      first.path,
    );
  }
  const app = checked.value;
  const definition = app.flows?.find((one) => one.id === flowId);
  if (!definition) throw flowNotFound(appId, flowId);
  const flow = prepareFlow({
    app,
    flow: flowId,
    handlers: NODE_HANDLERS,
    expressions: context.platform.expressions(app, definition.table),
  });
  const organisation = await loadOrganisation(context, {
    app: appId,
    flow: definition,
    initiator: request.initiator,
    values: request.values,
  });
  const now = isoNow(context);
  const result = simulate({
    flow,
    values: request.values,
    initiator: request.initiator,
    organisation,
    now,
    ...(request.decisions ? { decisions: request.decisions } : {}),
  });
  const { previews, findings } = await simulateWriteBacks(
    context,
    { platform: context.platform, app, from: definition.table, now },
    result.writeBacks,
  );
  return { ...withFindings(result, findings), previews };
}
