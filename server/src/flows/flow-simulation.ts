import type { AppDefinition, Platform } from '@tessera/core';
import {
  planWriteBack,
  type WriteBackConfigValue,
  writeBackRecordId,
} from '@tessera/plugin-flow-basic';
import {
  type PreparedFlow,
  prepareFlow,
  type SimulationResult,
  simulate,
} from '@tessera/runtime/flow';
import { type AppDocument, appDocId } from '../apps/app-documents.ts';
import { ApiError } from '../http/api-error.ts';
import { NODE_HANDLERS } from '../platform/installed-plugins.ts';
import { RECORD_TYPE, type RecordFields } from '../records/record-document.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { isoNow } from '../storage/store-context.ts';
import { readTyped } from '../storage/typed-document.ts';
import { flowNotFound } from './flow-errors.ts';
import { loadOrganisation } from './organisation-snapshot.ts';
import { writeBackInput } from './write-back-input.ts';

export interface SimulationRequest {
  readonly values: Readonly<Record<string, unknown>>;
  readonly initiator: string;
  readonly decisions?: Readonly<Record<string, 'approve' | 'reject'>>;
}

/** What a write-back would write, evaluated on the sample and the target as it stands. */
export interface WriteBackPreview {
  readonly node: string;
  readonly target: string;
  readonly mode: string;
  readonly record?: string;
  readonly values?: Record<string, unknown>;
  readonly refused?: { readonly code: string; readonly message: unknown };
}

function preview(
  platform: Platform,
  app: AppDefinition,
  flow: PreparedFlow,
  node: string,
  values: Readonly<Record<string, unknown>>,
  target?: Readonly<Record<string, unknown>>,
): WriteBackPreview {
  const config = flow.node(node).config as WriteBackConfigValue;
  const input = writeBackInput({
    platform,
    app,
    from: flow.flow.table,
    config,
    values,
    now: new Date().toISOString(),
    user: 'simulation',
  });
  let record: string | undefined;
  try {
    record = config.mode === 'create' ? undefined : writeBackRecordId(input);
  } catch {
    record = undefined;
  }
  const plan = planWriteBack({ ...input, ...(target ? { target } : {}) });
  return {
    node,
    target: config.target,
    mode: config.mode,
    ...(record ? { record } : {}),
    ...(plan.ok
      ? { values: plan.values }
      : { refused: { code: plan.code, message: plan.message } }),
  };
}

/**
 * 仿真 of the app's draft (what the designer is editing), on sample values: the engine's path,
 * assignees and write-backs, each write-back previewed against its target record as it is now.
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
  const result = simulate({
    flow,
    values: request.values,
    initiator: request.initiator,
    organisation,
    now: isoNow(context),
    ...(request.decisions ? { decisions: request.decisions } : {}),
  });
  const previews: WriteBackPreview[] = [];
  for (const { node } of result.writeBacks) {
    const first = preview(context.platform, app, flow, node, request.values);
    const target = first.record
      ? await readTyped<RecordFields>(context.storage, first.record, RECORD_TYPE)
      : undefined;
    previews.push(
      target ? preview(context.platform, app, flow, node, request.values, target.values) : first,
    );
  }
  return { ...result, previews };
}
