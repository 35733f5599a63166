import { ApiError } from '../http/api-error.ts';

/** Unknown app, unknown or disabled public form: one answer, so nothing is learnt from it. */
export const publicFormNotFound = (app: string, publicForm: string) =>
  new ApiError(404, 'not_found', {
    en: `there is no public form "${publicForm}" of app "${app}"`,
    'zh-CN': `应用“${app}”没有公开表单“${publicForm}”`,
  });

/** Unknown receipt or wrong check code: the same answer, so receipts cannot be enumerated. */
export const receiptNotFound = () =>
  new ApiError(404, 'not_found', {
    en: 'there is no submission with this receipt number and check code',
    'zh-CN': '没有与此回执号和查询码相符的提交',
  });

export const submissionTooLarge = (limit: number) =>
  new ApiError(
    413,
    'payload_too_large',
    {
      en: `a public form submission may be at most ${limit / 1024} KB (rule: publicForm.maxBodyBytes)`,
      'zh-CN': `公开表单的一次提交最多 ${limit / 1024} KB（规则：publicForm.maxBodyBytes）`,
    },
    undefined,
    { rule: 'publicForm.maxBodyBytes', limit },
  );

/** A value for a field the form does not let the public fill (not shown, read-only, computed). */
export const notOnForm = (field: string) =>
  new ApiError(
    400,
    'invalid_record',
    {
      en: `"${field}" is not a field this form lets you fill`,
      'zh-CN': `“${field}”不是此表单允许填写的字段`,
    },
    `/values/${field.replaceAll('~', '~0').replaceAll('/', '~1')}`,
  );

export const attachmentRefused = (field: string) =>
  new ApiError(
    400,
    'attachment_refused',
    {
      en: `"${field}" holds files: public forms take no attachments`,
      'zh-CN': `“${field}”是附件字段：公开表单不接受附件`,
    },
    `/values/${field}`,
  );

export const tooManySubmissions = (seconds: number, rule: string) => {
  const minutes = Math.ceil(seconds / 60);
  return new ApiError(
    429,
    'too_many_requests',
    {
      en: `too many requests from your address (rule: ${rule}); try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      'zh-CN': `来自您地址的请求过多（规则：${rule}），请 ${minutes} 分钟后再试`,
    },
    undefined,
    { rule, retryAfter: seconds },
    { 'Retry-After': String(seconds) },
  );
};
