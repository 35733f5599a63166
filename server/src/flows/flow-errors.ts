import { FlowError } from '@tessera/runtime/flow';
import { ApiError } from '../http/api-error.ts';

/**
 * A refusal of the engine or of a node's effect as the API's error: `task.closed` → 409
 * `task_closed`, `write-back.no-record` → 422 `write_back_no_record`, field kept.
 */
export function apiErrorOf(error: FlowError): ApiError {
  return new ApiError(
    error.status as 400,
    error.code.replace(/[.-]/g, '_'),
    error.text,
    error.field,
    error.detail ? { ...error.detail } : {},
  );
}

/** Runs `work`, turning the engine's refusals into API errors. */
export async function asApiErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof FlowError ? apiErrorOf(error) : error;
  }
}

export const flowNotFound = (app: string, flow: string) =>
  new ApiError(404, 'flow_not_found', {
    en: `app "${app}" has no flow "${flow}" in its published version`,
    'zh-CN': `应用“${app}”的已发布版本中没有流程“${flow}”`,
  });

export const itemNotFound = (id: string) =>
  new ApiError(404, 'item_not_found', {
    en: `there is no flow item "${id}" you may see`,
    'zh-CN': `没有您可查看的流程事项“${id}”`,
  });
