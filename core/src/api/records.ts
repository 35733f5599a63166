import { type Static, Type } from 'typebox';
import { LocalizedTextSchema } from '../model/common.ts';
import { ErrorSchema, pageQueryFields, pageSchema } from './common-schemas.ts';
import { route } from './route-contract.ts';

/** What the API shows of a record: `id` and `_rev` (send it back to change or delete it). */
export const RecordViewSchema = Type.Object(
  {
    id: Type.String({ description: 'record:<ulid>' }),
    _rev: Type.String({ description: 'the revision read: send it back to change or delete' }),
    app: Type.String(),
    table: Type.String(),
    appVersion: Type.Integer({ description: 'the published version it was made with' }),
    values: Type.Record(Type.String(), Type.Unknown(), {
      description: 'field values by field id',
    }),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String(),
    createdByDepartment: Type.Optional(Type.String()),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedBy: Type.String(),
  },
  { title: 'Record' },
);

const ValuesSchema = Type.Record(Type.String(), Type.Unknown(), {
  description: 'field values by field id; checked against the table by the platform',
});

const NewRecordSchema = Type.Object(
  { values: ValuesSchema },
  { additionalProperties: false, title: 'NewRecord' },
);

const RecordPatchSchema = Type.Object(
  {
    _rev: Type.String({ minLength: 1, maxLength: 200, description: 'the revision you read' }),
    values: Type.Record(Type.String(), Type.Unknown(), {
      description: 'the fields to change; null clears one; the others keep their values',
    }),
  },
  { additionalProperties: false, title: 'RecordPatch' },
);

/** The record as it was before or after a change (what the history compares). */
const LoggedRecordSchema = Type.Object(
  { values: Type.Optional(Type.Record(Type.String(), Type.Unknown())) },
  { description: 'the record as the API showed it then' },
);

const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor: Type.String(),
  action: Type.String({ description: 'record.create, record.update or record.delete' }),
  before: Type.Optional(LoggedRecordSchema),
  after: Type.Optional(LoggedRecordSchema),
  recovered: Type.Optional(
    Type.Literal(true, {
      description: 'logged after a crash at the next start: no before, at and actor as stored',
    }),
  ),
});

/** Records shown per group of 关联数据, and how far a group's count goes. */
export const RELATED_SHOWN = 20;
export const RELATED_COUNTED = 5000;

const RelatedGroupSchema = Type.Object(
  {
    table: Type.String({ description: 'the table whose records link here' }),
    field: Type.String({ description: 'its link field pointing at this record' }),
    label: LocalizedTextSchema,
    fieldLabel: LocalizedTextSchema,
    columns: Type.Array(Type.Object({ id: Type.String(), label: LocalizedTextSchema }), {
      description: "the fields shown: the table's first six that are not sub-tables",
    }),
    total: Type.Integer({ description: 'how many records of the table in your scope link here' }),
    partial: Type.Optional(
      Type.Literal(true, { description: `counting stopped at ${RELATED_COUNTED}` }),
    ),
    records: Type.Array(
      Type.Object({
        id: Type.String(),
        title: Type.String(),
        values: Type.Record(Type.String(), Type.Unknown()),
      }),
      { description: `the newest ${RELATED_SHOWN}` },
    ),
  },
  { title: 'RelatedGroup' },
);

/** One table's records linking to a record, as the related-records route answers them. */
export type RelatedGroup = Static<typeof RelatedGroupSchema>;

/** A record as the API shows it. */
export type RecordView = Static<typeof RecordViewSchema>;

const RelatedSchema = Type.Object(
  { groups: Type.Array(RelatedGroupSchema) },
  { title: 'RelatedRecords' },
);

const tags = ['records'];
const base = '/apps/:app/tables/:table/records';

/**
 * Records of published apps. Any signed-in user may call these; what they may see and change
 * is decided by their app roles and the row rules (`/apps/{id}/roles`), inside the query.
 */
export const recordsApi = {
  list: route({
    method: 'get',
    path: base,
    summary: { en: "A table's records, newest first", 'zh-CN': '表的记录（最新在前）' },
    description: {
      en: 'Only the records your row scope holds: own, your department, or all.',
      'zh-CN': '只列出您的行权限范围内的记录：本人、本部门或全部。',
    },
    tags,
    query: Type.Object(pageQueryFields),
    responses: { 200: pageSchema(RecordViewSchema, 'RecordPage'), 404: ErrorSchema },
  }),
  create: route({
    method: 'post',
    path: base,
    summary: { en: 'Create a record', 'zh-CN': '新建记录' },
    description: {
      en: 'With the latest published version. Send an Idempotency-Key header to make retries safe: the same key gives the same record.',
      'zh-CN': '使用最新发布的版本。带 Idempotency-Key 请求头可安全重试：同一个键得到同一条记录。',
    },
    tags,
    body: NewRecordSchema,
    responses: { 201: RecordViewSchema, 404: ErrorSchema, 409: ErrorSchema },
  }),
  get: route({
    method: 'get',
    path: `${base}/:id`,
    summary: { en: 'A record', 'zh-CN': '一条记录' },
    tags,
    responses: { 200: RecordViewSchema, 404: ErrorSchema },
  }),
  update: route({
    method: 'patch',
    path: `${base}/:id`,
    summary: { en: "Change a record's values", 'zh-CN': '修改记录的值' },
    description: {
      en: 'With the _rev you read: a record changed since is a 409, never overwritten.',
      'zh-CN': '需带上读取时的 _rev：若记录已被修改则返回 409，绝不覆盖。',
    },
    tags,
    body: RecordPatchSchema,
    responses: { 200: RecordViewSchema, 404: ErrorSchema, 409: ErrorSchema },
  }),
  remove: route({
    method: 'delete',
    path: `${base}/:id`,
    summary: { en: 'Delete a record', 'zh-CN': '删除记录' },
    description: {
      en: 'With ?rev= the revision you read; the deletion is audited.',
      'zh-CN': '需带 ?rev= 读取时的修订号；删除会记入审计日志。',
    },
    tags,
    query: Type.Object({
      rev: Type.String({ minLength: 1, maxLength: 200, description: 'the revision you read' }),
    }),
    responses: {
      200: Type.Object({ deleted: Type.Literal(true) }),
      404: ErrorSchema,
      409: ErrorSchema,
    },
  }),
  history: route({
    method: 'get',
    path: '/records/:id/audit',
    summary: { en: "A record's change history", 'zh-CN': '记录的变更历史' },
    description: {
      en: 'Newest first, with before and after; for records in your row scope (deleted ones too).',
      'zh-CN': '最新在前，含修改前后的值；限您的行权限范围内的记录（含已删除的）。',
    },
    tags,
    query: Type.Object(pageQueryFields),
    responses: { 200: pageSchema(AuditEntrySchema, 'RecordHistory'), 404: ErrorSchema },
  }),
  related: route({
    method: 'get',
    path: '/apps/:app/records/:id/related',
    summary: { en: 'Records linking to a record', 'zh-CN': '关联数据' },
    description: {
      en: `For each link field of the app pointing at the record's table: the newest ${RELATED_SHOWN} records linking to it and how many, within your row scope of that table. A record outside your scope is a 404.`,
      'zh-CN': `对应用中每个指向该记录所在表的关联字段：关联到该记录的最新 ${RELATED_SHOWN} 条记录及总数，限您对该表的行权限范围。不在您范围内的记录返回 404。`,
    },
    tags,
    responses: { 200: RelatedSchema, 404: ErrorSchema },
  }),
};
