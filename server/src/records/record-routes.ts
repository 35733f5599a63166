import { Type } from '@tessera/core';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import { idempotencyKeyOf } from '../http/idempotency-key.ts';
import { localeOf } from '../http/locale.ts';
import { pageOf, pageQueryFields, pageSchema } from '../storage/read-page.ts';
import { callerOf } from './caller.ts';
import { publishedApps } from './published-apps.ts';
import { RecordViewSchema } from './record-document.ts';
import { recordHistory } from './record-history.ts';
import type { RecordService, RecordsContext } from './record-service.ts';
import { relatedRoute } from './related-routes.ts';

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

const RevQuery = Type.Object({
  rev: Type.String({ minLength: 1, maxLength: 200, description: 'the revision you read' }),
});

const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor: Type.String(),
  action: Type.String({ description: 'record.create, record.update or record.delete' }),
  before: Type.Optional(Type.Unknown()),
  after: Type.Optional(Type.Unknown()),
  recovered: Type.Optional(
    Type.Literal(true, {
      description: 'logged after a crash at the next start: no before, at and actor as stored',
    }),
  ),
});

const params = (c: Context<ApiEnv>) => ({
  app: c.req.param('app') ?? '',
  table: c.req.param('table') ?? '',
  id: c.req.param('id') ?? '',
});

const tags = ['records'];
const signedIn = guards.signedIn;
const base = '/apps/:app/tables/:table/records';

/**
 * Records of published apps. Any signed-in user may call these; what they may see and change
 * is decided by their app roles and the row rules (`/apps/{id}/roles`), inside the query.
 */
export function recordRoutes(context: RecordsContext, records: RecordService): ApiRoute[] {
  const caller = (c: Context<ApiEnv>) => {
    const principal = c.get('principal');
    if (!principal) throw new TypeError('record routes are guarded: a principal is present');
    return callerOf(context.storage, principal);
  };
  return [
    defineRoute({
      method: 'get',
      path: base,
      summary: { en: "A table's records, newest first", 'zh-CN': '表的记录（最新在前）' },
      description: {
        en: 'Only the records your row scope holds: own, your department, or all.',
        'zh-CN': '只列出您的行权限范围内的记录：本人、本部门或全部。',
      },
      tags,
      guard: signedIn(),
      query: Type.Object(pageQueryFields),
      responses: { 200: pageSchema(RecordViewSchema, 'RecordPage'), 404: ErrorSchema },
      handler: async (c, { query }) => {
        const { app, table } = params(c);
        return c.json(await records.list(app, table, await caller(c), pageOf(query)));
      },
    }),
    defineRoute({
      method: 'post',
      path: base,
      summary: { en: 'Create a record', 'zh-CN': '新建记录' },
      description: {
        en: 'With the latest published version. Send an Idempotency-Key header to make retries safe: the same key gives the same record.',
        'zh-CN':
          '使用最新发布的版本。带 Idempotency-Key 请求头可安全重试：同一个键得到同一条记录。',
      },
      tags,
      guard: signedIn(),
      body: NewRecordSchema,
      responses: { 201: RecordViewSchema, 404: ErrorSchema, 409: ErrorSchema },
      handler: async (c, { body }) => {
        const { app, table } = params(c);
        const key = idempotencyKeyOf(c);
        const created = await records.create(app, table, body.values, await caller(c), {
          locale: localeOf(c),
          ...(key === undefined ? {} : { idempotencyKey: key }),
        });
        const replayed = created.replayed ? { 'Idempotent-Replayed': 'true' } : undefined;
        return c.json(created.record, 201, replayed);
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:id`,
      summary: { en: 'A record', 'zh-CN': '一条记录' },
      tags,
      guard: signedIn(),
      responses: { 200: RecordViewSchema, 404: ErrorSchema },
      handler: async (c) => {
        const { app, table, id } = params(c);
        return c.json(await records.get(app, table, id, await caller(c)));
      },
    }),
    defineRoute({
      method: 'patch',
      path: `${base}/:id`,
      summary: { en: "Change a record's values", 'zh-CN': '修改记录的值' },
      description: {
        en: 'With the _rev you read: a record changed since is a 409, never overwritten.',
        'zh-CN': '需带上读取时的 _rev：若记录已被修改则返回 409，绝不覆盖。',
      },
      tags,
      guard: signedIn(),
      body: RecordPatchSchema,
      responses: { 200: RecordViewSchema, 404: ErrorSchema, 409: ErrorSchema },
      handler: async (c, { body }) => {
        const { app, table, id } = params(c);
        const patch = { rev: body._rev, values: body.values };
        return c.json(await records.update(app, table, id, patch, await caller(c), localeOf(c)));
      },
    }),
    defineRoute({
      method: 'delete',
      path: `${base}/:id`,
      summary: { en: 'Delete a record', 'zh-CN': '删除记录' },
      description: {
        en: 'With ?rev= the revision you read; the deletion is audited.',
        'zh-CN': '需带 ?rev= 读取时的修订号；删除会记入审计日志。',
      },
      tags,
      guard: signedIn(),
      query: RevQuery,
      responses: {
        200: Type.Object({ deleted: Type.Literal(true) }),
        404: ErrorSchema,
        409: ErrorSchema,
      },
      handler: async (c, { query }) => {
        const { app, table, id } = params(c);
        await records.remove(app, table, id, query.rev, await caller(c));
        return c.json({ deleted: true as const });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/records/:id/audit',
      summary: { en: "A record's change history", 'zh-CN': '记录的变更历史' },
      description: {
        en: 'Newest first, with before and after; for records in your row scope (deleted ones too).',
        'zh-CN': '最新在前，含修改前后的值；限您的行权限范围内的记录（含已删除的）。',
      },
      tags,
      guard: signedIn(),
      query: Type.Object(pageQueryFields),
      responses: { 200: pageSchema(AuditEntrySchema, 'RecordHistory'), 404: ErrorSchema },
      handler: async (c, { query }) => {
        const page = await recordHistory(
          context.storage,
          c.req.param('id') ?? '',
          await caller(c),
          pageOf(query),
        );
        const items = page.docs.map(({ _id, at, actor, action, before, after, recovered }) => ({
          id: _id,
          at,
          actor,
          action,
          ...(before === undefined ? {} : { before }),
          ...(after === undefined ? {} : { after }),
          ...(recovered === true ? { recovered } : {}),
        }));
        return c.json({ items, ...(page.next ? { next: page.next } : {}) });
      },
    }),
    relatedRoute(context, publishedApps(context.storage), caller),
  ];
}
