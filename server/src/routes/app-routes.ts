import { type Platform, Type } from '@tessera/core';
import { asApi } from '../apps/app-errors.ts';
import type { AppStore } from '../apps/app-store.ts';
import { ApiError } from '../http/api-error.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';
import { appTypes } from '../types/app-types.ts';
import { DefinitionBodySchema } from './validate-routes.ts';

const PageQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 2000 })),
    limit: Type.Optional(Type.String({ pattern: '^(?:[1-9]\\d{0,2}|1000)$' })),
  },
  { additionalProperties: false },
);

const AppSummary = Type.Object({
  appId: Type.String(),
  label: Type.Unknown(),
  latestVersion: Type.Integer(),
  updatedAt: Type.String(),
  updatedBy: Type.String(),
});
const VersionSummary = Type.Object({
  app: Type.String(),
  version: Type.Integer(),
  publishedAt: Type.String(),
  publishedBy: Type.String(),
  note: Type.Optional(Type.String()),
});

const DESIGNERS = guards.role('admin', 'designer', 'implementer');

const pageOf = (query: { cursor?: string; limit?: string }) => ({
  ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  ...(query.limit === undefined ? {} : { limit: Number(query.limit) }),
});

function versionParam(raw: string): number {
  if (!/^[1-9]\d{0,8}$/.test(raw)) {
    throw new ApiError(
      400,
      'invalid_version',
      { en: `"${raw}" is not a version number`, 'zh-CN': `“${raw}”不是版本号` },
      'version',
    );
  }
  return Number(raw);
}

const summary = (app: {
  appId: string;
  draft: { label: unknown };
  latestVersion: number;
  updatedAt: string;
  updatedBy: string;
}) => ({
  appId: app.appId,
  label: app.draft.label,
  latestVersion: app.latestVersion,
  updatedAt: app.updatedAt,
  updatedBy: app.updatedBy,
});

/** Apps: drafts validated by the platform, immutable numbered versions, their `.d.ts` types. */
export function appRoutes(platform: Platform, apps: AppStore): ApiRoute[] {
  const actorOf = (c: { get(key: 'principal'): { userId: string } | undefined }) =>
    c.get('principal')?.userId ?? 'unknown';
  return [
    defineRoute({
      method: 'get',
      path: '/apps',
      summary: { en: 'List apps', 'zh-CN': '应用列表' },
      tags: ['apps'],
      guard: guards.signedIn(),
      query: PageQuery,
      responses: {
        200: Type.Object({ apps: Type.Array(AppSummary), next: Type.Optional(Type.String()) }),
      },
      handler: async (c, { query }) => {
        const page = await apps.list(pageOf(query));
        return c.json({ apps: page.docs.map(summary), ...(page.next ? { next: page.next } : {}) });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/apps',
      summary: { en: 'Create an app from a definition', 'zh-CN': '由定义创建应用' },
      tags: ['apps'],
      guard: DESIGNERS,
      body: DefinitionBodySchema('An app definition'),
      responses: { 201: AppSummary, 400: ErrorSchema, 409: ErrorSchema },
      handler: async (c, { body }) => {
        const app = await asApi(localeOf(c), () => apps.create(body, actorOf(c)));
        return c.json(summary(app), 201);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/apps/:id',
      summary: { en: 'An app and its draft definition', 'zh-CN': '应用及其草稿定义' },
      tags: ['apps'],
      guard: guards.signedIn(),
      responses: { 200: Type.Object({ app: AppSummary, draft: Type.Unknown() }), 404: ErrorSchema },
      handler: async (c) => {
        const app = await asApi(localeOf(c), () => apps.get(c.req.param('id') ?? ''));
        return c.json({ app: summary(app), draft: app.draft });
      },
    }),
    defineRoute({
      method: 'put',
      path: '/apps/:id/draft',
      summary: { en: 'Replace the draft definition', 'zh-CN': '替换草稿定义' },
      tags: ['apps'],
      guard: DESIGNERS,
      body: DefinitionBodySchema('The app definition'),
      responses: { 200: AppSummary, 400: ErrorSchema, 404: ErrorSchema },
      handler: async (c, { body }) => {
        const app = await asApi(localeOf(c), () =>
          apps.saveDraft(c.req.param('id') ?? '', body, actorOf(c)),
        );
        return c.json(summary(app));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/apps/:id/publish',
      summary: { en: 'Publish the draft as the next version', 'zh-CN': '将草稿发布为下一个版本' },
      tags: ['apps'],
      guard: DESIGNERS,
      body: Type.Object(
        { note: Type.Optional(Type.String({ maxLength: 2000 })) },
        { additionalProperties: false },
      ),
      responses: { 201: VersionSummary, 400: ErrorSchema, 404: ErrorSchema },
      handler: async (c, { body }) => {
        const version = await asApi(localeOf(c), () =>
          apps.publish(c.req.param('id') ?? '', actorOf(c), body.note),
        );
        const { app, version: number, publishedAt, publishedBy, note } = version;
        return c.json(
          { app, version: number, publishedAt, publishedBy, ...(note ? { note } : {}) },
          201,
        );
      },
    }),
    defineRoute({
      method: 'get',
      path: '/apps/:id/versions',
      summary: { en: 'Published versions, newest first', 'zh-CN': '已发布版本（最新在前）' },
      tags: ['apps'],
      guard: guards.signedIn(),
      query: PageQuery,
      responses: {
        200: Type.Object({
          versions: Type.Array(VersionSummary),
          next: Type.Optional(Type.String()),
        }),
      },
      handler: async (c, { query }) => {
        const page = await apps.versions(c.req.param('id') ?? '', pageOf(query));
        const versions = page.docs.map(({ app, version, publishedAt, publishedBy, note }) => ({
          app,
          version,
          publishedAt,
          publishedBy,
          ...(note ? { note } : {}),
        }));
        return c.json({ versions, ...(page.next ? { next: page.next } : {}) });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/apps/:id/versions/:version',
      summary: {
        en: 'One published version and its definition',
        'zh-CN': '某个已发布版本及其定义',
      },
      tags: ['apps'],
      guard: guards.signedIn(),
      responses: {
        200: Type.Object({ version: VersionSummary, definition: Type.Unknown() }),
        404: ErrorSchema,
      },
      handler: async (c) => {
        const number = versionParam(c.req.param('version') ?? '');
        const found = await asApi(localeOf(c), () => apps.version(c.req.param('id') ?? '', number));
        const { app, version, publishedAt, publishedBy, note, definition } = found;
        return c.json({
          version: { app, version, publishedAt, publishedBy, ...(note ? { note } : {}) },
          definition,
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/apps/:id/versions/:version/types',
      summary: {
        en: "TypeScript declarations of a version's records",
        'zh-CN': '某版本记录的 TypeScript 类型声明',
      },
      tags: ['apps'],
      guard: guards.signedIn(),
      responses: {
        200: {
          description: { en: 'One exported interface per table', 'zh-CN': '每个表一个导出的接口' },
          content: { 'text/plain': Type.String() },
        },
        404: ErrorSchema,
      },
      handler: async (c) => {
        const number = versionParam(c.req.param('version') ?? '');
        const found = await asApi(localeOf(c), () => apps.version(c.req.param('id') ?? '', number));
        const text = await appTypes(platform, found.definition);
        return c.text(text, 200, { 'Content-Type': 'text/plain; charset=utf-8' });
      },
    }),
  ];
}
