import type { Locale } from '@tessera/core';
import type { OutboxCommand } from '@tessera/core/api';
import { ConflictError } from '@tessera/runtime';
import { FlowError } from '@tessera/runtime/flow';
import { apiErrorOf } from '../flows/flow-errors.ts';
import type { CommandInput, FlowService } from '../flows/flow-service.ts';
import { ApiError } from '../http/api-error.ts';
import type { RecordCaller } from '../records/caller.ts';
import type { RecordService } from '../records/record-service.ts';

/**
 * What became of one queued write:
 * - `applied`: done now, or before (the same id was sent earlier), with the server's answer;
 * - `conflict`: the world moved on (the task was handled, the record changed), with the
 *   server's current version beside the error, for the person to decide;
 * - `rejected`: refused as it stands (a value breaks a rule, no right), with the error;
 * - `retry`: not tried, because the server failed on an earlier one; send it again later.
 */
export type OutboxResult =
  | { readonly id: string; readonly status: 'applied'; readonly result: unknown }
  | {
      readonly id: string;
      readonly status: 'conflict' | 'rejected';
      readonly error: Record<string, unknown>;
      readonly server?: unknown;
    }
  | { readonly id: string; readonly status: 'retry' };

/**
 * Applies an outbox in order, each command exactly as if it came online now: the same record
 * and flow services, re-validated and re-authorised, flow state re-checked, with the command's
 * id as its idempotency key. A server failure stops the batch so that order is kept.
 */
export async function applyOutbox(
  services: { readonly flows: FlowService; readonly records: RecordService },
  caller: RecordCaller,
  commands: readonly OutboxCommand[],
  locale: Locale,
): Promise<OutboxResult[]> {
  const results: OutboxResult[] = [];
  let failed = false;
  for (const command of commands) {
    if (failed) {
      results.push({ id: command.id, status: 'retry' });
      continue;
    }
    const key = `sync:${command.id}`;
    try {
      results.push({ id: command.id, status: 'applied', result: await apply(command, key) });
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) {
        console.error('sync: an outbox command failed', error);
        failed = true;
        results.push({ id: command.id, status: 'retry' });
        continue;
      }
      const conflict = refusal.status === 409;
      const server =
        conflict && command.kind === 'command'
          ? await services.flows.view(command.item, caller).catch(() => undefined)
          : undefined;
      results.push({
        id: command.id,
        status: conflict ? 'conflict' : 'rejected',
        error: refusal.toBody(locale).error as Record<string, unknown>,
        ...(server === undefined ? {} : { server }),
      });
    }
  }
  return results;

  function apply(command: OutboxCommand, key: string): Promise<unknown> {
    if (command.kind === 'start') {
      return services.flows.start(
        command.app,
        command.flow,
        {
          values: command.values,
          ...(command.submit === undefined ? {} : { submit: command.submit }),
          ...(command.opinion === undefined ? {} : { opinion: command.opinion }),
        },
        caller,
        { key, locale },
      );
    }
    if (command.kind === 'command') {
      return services.flows.act(command.item, command.command as unknown as CommandInput, caller, {
        key,
        locale,
      });
    }
    return services.records
      .create(command.app, command.table, command.values, caller, { idempotencyKey: key, locale })
      .then((created) => created.record);
  }
}

/** A refusal the person can act on, or undefined for a failure of the server itself. */
function refusalOf(error: unknown): ApiError | undefined {
  if (error instanceof FlowError) return refusalOf(apiErrorOf(error));
  if (error instanceof ApiError) return error.status < 500 ? error : undefined;
  if (error instanceof ConflictError) {
    return new ApiError(409, 'conflict', {
      en: 'someone else changed this at the same moment',
      'zh-CN': '他人同时修改了此数据',
    });
  }
  return undefined;
}
