import { ApiError } from '../http/api-error.ts';

/** Unknown, or not the caller's to see: the same answer, so ids do not leak. */
export const fileNotFound = (id: string) =>
  new ApiError(404, 'not_found', {
    en: `there is no file "${id}" you may download`,
    'zh-CN': `不存在您可下载的文件“${id}”`,
  });

export const notAnAttachmentField = (table: string, field: string) =>
  new ApiError(
    404,
    'not_found',
    {
      en: `table "${table}" has no attachment field "${field}"`,
      'zh-CN': `表“${table}”没有附件字段“${field}”`,
    },
    `/fields/${field}`,
  );

export const noFilePart = () =>
  new ApiError(
    400,
    'invalid_body',
    {
      en: 'send multipart/form-data with exactly one file part named "file"',
      'zh-CN': '请以 multipart/form-data 发送且仅发送一个名为“file”的文件部分',
    },
    '/file',
  );

/** Over the field's `maxSize` or the instance's cap: names which rule and the limit. */
export const fileTooLarge = (limit: number, rule: 'maxSize' | 'instance') =>
  new ApiError(
    413,
    'file_too_large',
    rule === 'maxSize'
      ? {
          en: `the file is larger than this field allows (maxSize ${limit} bytes)`,
          'zh-CN': `文件超过此字段允许的大小（maxSize ${limit} 字节）`,
        }
      : {
          en: `the file is larger than this server accepts (${limit} bytes)`,
          'zh-CN': `文件超过服务器允许的大小（${limit} 字节）`,
        },
    '/file',
    { rule, limit },
  );

export const fileTypeRefused = (name: string, type: string) =>
  new ApiError(
    400,
    'file_type_refused',
    {
      en: `"${name}" (${type}) is not an accepted kind of file for this field`,
      'zh-CN': `“${name}”（${type}）不是此字段允许的文件类型`,
    },
    '/file',
  );

export const fileTypeMismatch = (name: string, type: string) =>
  new ApiError(
    400,
    'file_type_mismatch',
    {
      en: `"${name}" does not look like ${type}: the file name's extension says otherwise`,
      'zh-CN': `“${name}”的扩展名与声明的类型 ${type} 不符`,
    },
    '/file',
  );

export const badFileName = () =>
  new ApiError(
    400,
    'invalid_file_name',
    {
      en: 'the file needs a name of 1 to 255 characters without control characters',
      'zh-CN': '文件名须为 1 到 255 个字符，且不含控制字符',
    },
    '/file',
  );

/** A record's file entry that is not a file the caller may put there. */
export const foreignFile = (path: string, id: string) =>
  new ApiError(
    400,
    'invalid_file',
    {
      en: `"${id}" is not a file uploaded by you for this field, or it belongs to another record`,
      'zh-CN': `“${id}”不是您为此字段上传的文件，或已属于其他记录`,
    },
    path,
  );

/** Another record took the file between the check and this record's write. */
export const fileTaken = (path: string, id: string) =>
  new ApiError(
    409,
    'file_taken',
    {
      en: `file "${id}" was attached to another record at the same moment; nothing was saved`,
      'zh-CN': `文件“${id}”同时被添加到了另一条记录，本次未保存`,
    },
    path,
  );

/** The file was removed (an abandoned upload swept) between the check and this record's write. */
export const fileGone = (path: string, id: string) =>
  new ApiError(
    409,
    'file_gone',
    {
      en: `file "${id}" was removed at the same moment (an upload left unattached too long); upload it again; nothing was saved`,
      'zh-CN': `文件“${id}”恰在此时被删除（上传后长时间未使用），请重新上传；本次未保存`,
    },
    path,
  );
