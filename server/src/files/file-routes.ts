import { Type } from '@tessera/core';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import { callerOf } from '../records/caller.ts';
import { contentDisposition } from './content-disposition.ts';
import { CONTENT, FileEntrySchema, FileMetaSchema, fileEntry } from './file-document.ts';
import { fileNotFound } from './file-errors.ts';
import { readUpload } from './read-upload.ts';
import { readableFile } from './readable-file.ts';
import { type FilesContext, fileUploads } from './upload-file.ts';

/** The upload route's path below `/api`; it reads its own body with its own limit. */
export const UPLOAD_PATH = '/apps/:app/tables/:table/fields/:field/files';

const UPLOAD_PATTERN = /^\/api\/apps\/[^/]+\/tables\/[^/]+\/fields\/[^/]+\/files\/?$/;

/** Whether a request is an upload: the global 5 MB body limit leaves it to the route. */
export const isUpload = (c: Context) => c.req.method === 'POST' && UPLOAD_PATTERN.test(c.req.path);

const tags = ['records'];

const TooLarge = {
  description: {
    en: "The file is over the field's maxSize or the server's cap; rule and limit say which",
    'zh-CN': '文件超过字段的 maxSize 或服务器上限；rule 与 limit 指出是哪一个',
  },
  content: { 'application/json': ErrorSchema },
};

/** Uploading files for attachment fields, and downloading them within the record's row scope. */
export function fileRoutes(context: FilesContext): ApiRoute[] {
  const uploads = fileUploads(context);
  const caller = (c: Context<ApiEnv>) => {
    const principal = c.get('principal');
    if (!principal) throw new TypeError('file routes are guarded: a principal is present');
    return callerOf(context.storage, principal);
  };
  const readable = async (c: Context<ApiEnv>) =>
    readableFile(context.storage, await caller(c), c.req.param('id') ?? '');

  return [
    defineRoute({
      method: 'post',
      path: UPLOAD_PATH,
      summary: { en: 'Upload a file for an attachment field', 'zh-CN': '为附件字段上传文件' },
      description: {
        en: "multipart/form-data with one part named file. Checked against the field of the latest published version: size (maxSize, and the server's cap), accepted types, and a MIME type that agrees with the file name. Put the answer into the record's field value.",
        'zh-CN':
          'multipart/form-data，含一个名为 file 的部分。按最新发布版本中的字段检查：大小（maxSize 与服务器上限）、允许的类型，以及与文件名相符的 MIME 类型。将返回的条目放入记录的字段值。',
      },
      tags,
      guard: guards.signedIn(),
      rawBody: {
        content: {
          'multipart/form-data': Type.Object({ file: Type.String({ format: 'binary' }) }),
        },
      },
      responses: { 201: FileEntrySchema, 404: ErrorSchema, 413: TooLarge },
      handler: async (c) => {
        const target = {
          app: c.req.param('app') ?? '',
          table: c.req.param('table') ?? '',
          field: c.req.param('field') ?? '',
        };
        const who = await caller(c);
        const limit = await uploads.admit(target, who);
        const upload = await readUpload(c, limit);
        return c.json(await uploads.store(target, upload, who), 201);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/files/:id',
      summary: { en: "A file's bytes", 'zh-CN': '文件内容' },
      description: {
        en: 'For its uploader until a record refers to it, then for whoever may read that record. Always a download (Content-Disposition: attachment), sandboxed, never sniffed.',
        'zh-CN':
          '在被记录引用前仅上传者可下载，之后可读该记录者可下载。始终作为附件下载，处于沙箱中且不做类型嗅探。',
      },
      tags,
      guard: guards.signedIn(),
      responses: {
        200: {
          description: { en: 'The bytes, with the stored type', 'zh-CN': '文件字节，带存储的类型' },
          content: { 'application/octet-stream': Type.String({ format: 'binary' }) },
        },
        404: ErrorSchema,
      },
      handler: async (c) => {
        const file = await readable(c);
        const content = await context.storage.getAttachment(file._id, CONTENT);
        if (!content) throw fileNotFound(file._id);
        return c.body(content.data as Uint8Array<ArrayBuffer>, 200, {
          'Content-Type': file.contentType,
          'Content-Length': String(content.data.byteLength),
          'Content-Disposition': contentDisposition(file.name),
          'X-Content-Type-Options': 'nosniff',
          // an uploaded page opened anyway runs in an opaque origin with nothing allowed
          'Content-Security-Policy': "sandbox; default-src 'none'",
          'Cross-Origin-Resource-Policy': 'same-origin',
          'Cache-Control': 'private, no-cache',
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/files/:id/meta',
      summary: { en: "A file's details", 'zh-CN': '文件信息' },
      tags,
      guard: guards.signedIn(),
      responses: { 200: FileMetaSchema, 404: ErrorSchema },
      handler: async (c) => {
        const file = await readable(c);
        const { app, table, field, sha256, uploadedBy, uploadedAt, record } = file;
        return c.json({
          ...fileEntry(file),
          app,
          table,
          field,
          sha256,
          uploadedBy,
          uploadedAt,
          ...(record === undefined ? {} : { record }),
        });
      },
    }),
  ];
}
