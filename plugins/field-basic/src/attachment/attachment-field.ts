import { defineFieldType, type Static, Type } from '@tessera/core';
import { isBlank, isRecord, scalarText } from '../shared/guards.ts';
import { accepts, checkAttachments } from './check-attachments.ts';

const MIB = 1024 * 1024;

const AttachmentConfig = Type.Object(
  {
    maxFiles: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    maxSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 2048 * MIB })),
    /** MIME types (`application/pdf`, `image/*`) or extensions (`.pdf`). */
    accept: Type.Optional(
      Type.Array(Type.String({ minLength: 2, maxLength: 100 }), { minItems: 1, maxItems: 50 }),
    ),
  },
  { additionalProperties: false },
);

type AttachmentSettings = Static<typeof AttachmentConfig>;

const rulesOf = (config: AttachmentSettings) => ({
  maxFiles: config.maxFiles ?? 10,
  maxSize: config.maxSize ?? 20 * MIB,
  accept: config.accept,
});

/** Maps each file entry's size between JSON numbers and CEL ints; other parts pass through. */
function mapSizes(value: unknown, size: (bytes: unknown) => unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((file) => (isRecord(file) ? { ...file, size: size(file.size) } : file));
}

/** 附件: a list of uploaded files `{ id, name, size, type }`; the bytes live in file storage. */
export const attachmentField = defineFieldType({
  type: 'attachment',
  label: { 'zh-CN': '附件', en: 'Attachment' },
  config: AttachmentConfig,
  valueSchema: (field) => ({
    type: 'array',
    maxItems: rulesOf(field.config).maxFiles,
    items: {
      type: 'object',
      properties: {
        id: { type: 'string', description: 'File id in file storage' },
        name: { type: 'string', description: 'File name as uploaded' },
        size: { type: 'integer', minimum: 0, description: 'Size in bytes' },
        type: { type: 'string', description: 'MIME type' },
      },
      required: ['id', 'name', 'size', 'type'],
      additionalProperties: false,
    },
  }),
  celType: () => 'list',
  toCel: (value) =>
    mapSizes(value, (size) => (Number.isSafeInteger(size) ? BigInt(size as number) : size)),
  fromCel: (value) => mapSizes(value, (size) => (typeof size === 'bigint' ? Number(size) : size)),
  validate: (value, field) => checkAttachments(value, rulesOf(field.config)),
  defaultValue: () => [],
  compare: (a, b) => (Array.isArray(a) ? a.length : 0) - (Array.isArray(b) ? b.length : 0),
  files: {
    references: (value, field) =>
      (Array.isArray(value) ? value : []).flatMap((file, index) =>
        isRecord(file) && typeof file.id === 'string'
          ? [{ path: `/${index}`, id: file.id, field: field.id }]
          : [],
      ),
    upload: (field) => {
      const { maxSize, accept } = rulesOf(field.config);
      return { maxSize, accepts: (name, type) => !accept || accepts(accept, name, type) };
    },
  },
  designer: { group: 'advanced', icon: 'paperclip', defaultConfig: () => ({ maxFiles: 10 }) },
  form: {
    element: 'tessera-field-attachment',
    format: (value) =>
      Array.isArray(value)
        ? value.map((file) => (isRecord(file) ? scalarText(file.name) : '')).join(', ')
        : '',
    isEmpty: isBlank,
  },
});
