import { type Issue, type Locale, prefixIssues } from '@tessera/core';
import { ApiError } from '../http/api-error.ts';
import { issueBodies } from '../routes/validate-routes.ts';

/** A record that does not exist, or lies outside the caller's row scope (ids do not leak). */
export const recordNotFound = (id: string) =>
  new ApiError(404, 'not_found', {
    en: `there is no record "${id}" you may see`,
    'zh-CN': `不存在您可查看的记录“${id}”`,
  });

/** The record changed since the client read it: never written over blindly. */
export const recordConflict = (id: string) =>
  new ApiError(
    409,
    'conflict',
    {
      en: `record "${id}" was changed by someone else since you read it; read it again and retry`,
      'zh-CN': `记录“${id}”在您读取后已被他人修改，请重新读取后重试`,
    },
    '/_rev',
  );

export const appNotPublished = (appId: string) =>
  new ApiError(404, 'not_found', {
    en: `app "${appId}" does not exist or has no published version`,
    'zh-CN': `应用“${appId}”不存在或尚未发布`,
  });

export const tableNotFound = (appId: string, tableId: string) =>
  new ApiError(404, 'not_found', {
    en: `app "${appId}" has no table "${tableId}"`,
    'zh-CN': `应用“${appId}”没有表“${tableId}”`,
  });

export const noAppRole = (appId: string) =>
  new ApiError(403, 'forbidden', {
    en: `you hold no role of app "${appId}": ask an implementer to map you to one`,
    'zh-CN': `您在应用“${appId}”中没有角色，请联系实施人员为您分配`,
  });

/** A 400 naming the first issue's field under `/values`, listing every issue. */
export function invalidValues(issues: readonly Issue[], locale: Locale): ApiError {
  const under = prefixIssues('/values', issues);
  const first = under[0]!;
  const count = under.length;
  return new ApiError(
    400,
    'invalid_record',
    {
      en: `the record has ${count} issue${count === 1 ? '' : 's'}; the first: ${first.path}: ${first.message.en}`,
      'zh-CN': `记录有 ${count} 个问题；第一个：${first.path}：${first.message['zh-CN']}`,
    },
    first.path,
    { issues: issueBodies(under, locale) },
  );
}
