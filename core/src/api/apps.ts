import { Type } from 'typebox';
import type { LocalizedText } from '../i18n/localized.ts';
import type { AppDefinition } from '../model/app.ts';
import { ErrorSchema } from './common-schemas.ts';
import { DefinitionBodySchema } from './definition-schemas.ts';
import { route } from './route-contract.ts';

const AppPageQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 2000 })),
    limit: Type.Optional(Type.String({ pattern: '^(?:[1-9]\\d{0,2}|1000)$' })),
  },
  { additionalProperties: false },
);

/** An app definition in an answer: typed for clients, described (not restated) for OpenAPI. */
const AppDefinitionAnswer = (what: string) =>
  Type.Unsafe<AppDefinition>(
    Type.Object({}, { description: `${what}: an app definition, as POST /api/apps takes it` }),
  );

/** An app as the list shows it: its draft's label and its latest published version. */
export const AppSummarySchema = Type.Object({
  appId: Type.String(),
  label: Type.Unsafe<LocalizedText>(Type.Unknown({ description: 'localized text' })),
  latestVersion: Type.Integer(),
  updatedAt: Type.String(),
  updatedBy: Type.String(),
});

/** One published version of an app (its definition apart). */
export const AppVersionSummarySchema = Type.Object({
  app: Type.String(),
  version: Type.Integer(),
  publishedAt: Type.String(),
  publishedBy: Type.String(),
  note: Type.Optional(Type.String()),
});

const tags = ['apps'];

/** Apps: drafts validated by the platform, immutable numbered versions, their `.d.ts` types. */
export const appsApi = {
  list: route({
    method: 'get',
    path: '/apps',
    summary: { en: 'List apps', 'zh-CN': '应用列表' },
    tags,
    query: AppPageQuery,
    responses: {
      200: Type.Object({ apps: Type.Array(AppSummarySchema), next: Type.Optional(Type.String()) }),
    },
  }),
  create: route({
    method: 'post',
    path: '/apps',
    summary: { en: 'Create an app from a definition', 'zh-CN': '由定义创建应用' },
    tags,
    body: DefinitionBodySchema('An app definition'),
    responses: { 201: AppSummarySchema, 400: ErrorSchema, 409: ErrorSchema },
  }),
  get: route({
    method: 'get',
    path: '/apps/:id',
    summary: { en: 'An app and its draft definition', 'zh-CN': '应用及其草稿定义' },
    tags,
    responses: {
      200: Type.Object({ app: AppSummarySchema, draft: AppDefinitionAnswer('the draft') }),
      404: ErrorSchema,
    },
  }),
  saveDraft: route({
    method: 'put',
    path: '/apps/:id/draft',
    summary: { en: 'Replace the draft definition', 'zh-CN': '替换草稿定义' },
    tags,
    body: DefinitionBodySchema('The app definition'),
    responses: { 200: AppSummarySchema, 400: ErrorSchema, 404: ErrorSchema },
  }),
  publish: route({
    method: 'post',
    path: '/apps/:id/publish',
    summary: { en: 'Publish the draft as the next version', 'zh-CN': '将草稿发布为下一个版本' },
    tags,
    body: Type.Object(
      { note: Type.Optional(Type.String({ maxLength: 2000 })) },
      { additionalProperties: false },
    ),
    responses: { 201: AppVersionSummarySchema, 400: ErrorSchema, 404: ErrorSchema },
  }),
  versions: route({
    method: 'get',
    path: '/apps/:id/versions',
    summary: { en: 'Published versions, newest first', 'zh-CN': '已发布版本（最新在前）' },
    tags,
    query: AppPageQuery,
    responses: {
      200: Type.Object({
        versions: Type.Array(AppVersionSummarySchema),
        next: Type.Optional(Type.String()),
      }),
    },
  }),
  version: route({
    method: 'get',
    path: '/apps/:id/versions/:version',
    summary: {
      en: 'One published version and its definition',
      'zh-CN': '某个已发布版本及其定义',
    },
    tags,
    responses: {
      200: Type.Object({
        version: AppVersionSummarySchema,
        definition: AppDefinitionAnswer('the published definition'),
      }),
      404: ErrorSchema,
    },
  }),
  versionTypes: route({
    method: 'get',
    path: '/apps/:id/versions/:version/types',
    summary: {
      en: "TypeScript declarations of a version's records",
      'zh-CN': '某版本记录的 TypeScript 类型声明',
    },
    tags,
    responses: {
      200: {
        description: { en: 'One exported interface per table', 'zh-CN': '每个表一个导出的接口' },
        content: { 'text/plain': Type.String() },
      },
      404: ErrorSchema,
    },
  }),
};
