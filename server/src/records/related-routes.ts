import { LocalizedTextSchema, Type } from '@tessera/core';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import type { PublishedApps } from './published-apps.ts';
import type { RecordsContext } from './record-service.ts';
import { RELATED_COUNTED, RELATED_SHOWN, relatedRecords } from './related-records.ts';
import type { Caller } from './row-scope.ts';

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

const RelatedSchema = Type.Object(
  { groups: Type.Array(RelatedGroupSchema) },
  { title: 'RelatedRecords' },
);

/** 关联数据: the records of the app that link to a record, by table and link field. */
export function relatedRoute(
  context: RecordsContext,
  published: PublishedApps,
  caller: (c: Context<ApiEnv>) => Promise<Caller>,
): ApiRoute {
  return defineRoute({
    method: 'get',
    path: '/apps/:app/records/:id/related',
    summary: { en: 'Records linking to a record', 'zh-CN': '关联数据' },
    description: {
      en: `For each link field of the app pointing at the record's table: the newest ${RELATED_SHOWN} records linking to it and how many, within your row scope of that table. A record outside your scope is a 404.`,
      'zh-CN': `对应用中每个指向该记录所在表的关联字段：关联到该记录的最新 ${RELATED_SHOWN} 条记录及总数，限您对该表的行权限范围。不在您范围内的记录返回 404。`,
    },
    tags: ['records'],
    guard: guards.signedIn(),
    responses: { 200: RelatedSchema, 404: ErrorSchema },
    handler: async (c) =>
      c.json(
        await relatedRecords(
          context,
          published,
          c.req.param('app') ?? '',
          c.req.param('id') ?? '',
          await caller(c),
        ),
      ),
  });
}
