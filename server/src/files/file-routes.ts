import { api } from '@tessera/core/api';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { callerOf } from '../records/caller.ts';
import { contentDisposition } from './content-disposition.ts';
import { CONTENT, fileEntry } from './file-document.ts';
import { fileNotFound } from './file-errors.ts';
import { readUpload } from './read-upload.ts';
import { readableFile } from './readable-file.ts';
import { type FilesContext, fileUploads } from './upload-file.ts';

// the path of api.files.upload; the upload reads its own body with its own limit
const UPLOAD_PATTERN = /^\/api\/apps\/[^/]+\/tables\/[^/]+\/fields\/[^/]+\/files\/?$/;

/** Whether a request is an upload: the global 5 MB body limit leaves it to the route. */
export const isUpload = (c: Context) => c.req.method === 'POST' && UPLOAD_PATTERN.test(c.req.path);

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
    implement(api.files.upload, {
      guard: guards.signedIn(),
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
    implement(api.files.download, {
      guard: guards.signedIn(),
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
    implement(api.files.meta, {
      guard: guards.signedIn(),
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
