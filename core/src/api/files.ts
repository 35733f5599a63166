import { Type } from 'typebox';
import { ErrorSchema } from './common-schemas.ts';
import { route } from './route-contract.ts';

/** What a record's attachment value holds for one file. */
export const FileEntrySchema = Type.Object(
  {
    id: Type.String({ description: 'file:<ulid>' }),
    name: Type.String({ description: 'the file name as uploaded' }),
    size: Type.Integer({ description: 'bytes, as measured by the server' }),
    type: Type.String({ description: 'MIME type' }),
  },
  { title: 'FileEntry', description: 'put this entry into the attachment field of a record' },
);

export const FileMetaSchema = Type.Object(
  {
    ...FileEntrySchema.properties,
    app: Type.String(),
    table: Type.String(),
    field: Type.String(),
    sha256: Type.String({ description: 'hex SHA-256 of the bytes' }),
    uploadedBy: Type.String(),
    uploadedAt: Type.String({ format: 'date-time' }),
    record: Type.Optional(Type.String({ description: 'the record it is attached to' })),
  },
  { title: 'FileMeta' },
);

const tags = ['records'];

const TooLarge = {
  description: {
    en: "The file is over the field's maxSize or the server's cap; rule and limit say which",
    'zh-CN': '文件超过字段的 maxSize 或服务器上限；rule 与 limit 指出是哪一个',
  },
  content: { 'application/json': ErrorSchema },
};

/** Uploading files for attachment fields, and downloading them within the record's row scope. */
export const filesApi = {
  upload: route({
    method: 'post',
    path: '/apps/:app/tables/:table/fields/:field/files',
    summary: { en: 'Upload a file for an attachment field', 'zh-CN': '为附件字段上传文件' },
    description: {
      en: "multipart/form-data with one part named file. Checked against the field of the latest published version: size (maxSize, and the server's cap), accepted types, and a MIME type that agrees with the file name. Put the answer into the record's field value.",
      'zh-CN':
        'multipart/form-data，含一个名为 file 的部分。按最新发布版本中的字段检查：大小（maxSize 与服务器上限）、允许的类型，以及与文件名相符的 MIME 类型。将返回的条目放入记录的字段值。',
    },
    tags,
    rawBody: {
      content: {
        'multipart/form-data': Type.Object({ file: Type.String({ format: 'binary' }) }),
      },
    },
    responses: { 201: FileEntrySchema, 404: ErrorSchema, 413: TooLarge },
  }),
  download: route({
    method: 'get',
    path: '/files/:id',
    summary: { en: "A file's bytes", 'zh-CN': '文件内容' },
    description: {
      en: 'For its uploader until a record refers to it, then for whoever may read that record. Always a download (Content-Disposition: attachment), sandboxed, never sniffed.',
      'zh-CN':
        '在被记录引用前仅上传者可下载，之后可读该记录者可下载。始终作为附件下载，处于沙箱中且不做类型嗅探。',
    },
    tags,
    responses: {
      200: {
        description: { en: 'The bytes, with the stored type', 'zh-CN': '文件字节，带存储的类型' },
        content: { 'application/octet-stream': Type.String({ format: 'binary' }) },
      },
      404: ErrorSchema,
    },
  }),
  meta: route({
    method: 'get',
    path: '/files/:id/meta',
    summary: { en: "A file's details", 'zh-CN': '文件信息' },
    tags,
    responses: { 200: FileMetaSchema, 404: ErrorSchema },
  }),
};
