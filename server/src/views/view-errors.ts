import type { Bilingual } from '@tessera/core';
import { ApiError } from '../http/api-error.ts';

/** An app's latest published version has no view of this id. */
export const viewNotFound = (appId: string, viewId: string) =>
  new ApiError(404, 'not_found', {
    en: `app "${appId}" has no view "${viewId}"`,
    'zh-CN': `应用“${appId}”没有视图“${viewId}”`,
  });

/**
 * A query parameter of a view request that cannot be used; `field` points into the query,
 * `/query/filter/0/field` for the field of the first extra filter.
 */
export const invalidViewQuery = (field: string, detail: Bilingual) =>
  new ApiError(400, 'invalid_query', detail, field);

/** More records match than one view request reads: narrow it with a filter. */
export const viewTooLarge = (limit: number) =>
  new ApiError(
    400,
    'view_too_large',
    {
      en: `more than ${limit} records match this view; add a filter to narrow it`,
      'zh-CN': `此视图匹配的记录超过 ${limit} 条，请添加筛选条件缩小范围`,
    },
    '?filter',
  );
