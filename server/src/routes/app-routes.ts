import type { Platform } from '@tessera/core';
import { api } from '@tessera/core/api';
import { asApi } from '../apps/app-errors.ts';
import type { AppStore } from '../apps/app-store.ts';
import { ApiError } from '../http/api-error.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';
import { appTypes } from '../types/app-types.ts';

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
    implement(api.apps.list, {
      guard: guards.signedIn(),
      handler: async (c, { query }) => {
        const page = await apps.list(pageOf(query));
        return c.json({ apps: page.docs.map(summary), ...(page.next ? { next: page.next } : {}) });
      },
    }),
    implement(api.apps.create, {
      guard: DESIGNERS,
      handler: async (c, { body }) => {
        const app = await asApi(localeOf(c), () => apps.create(body, actorOf(c)));
        return c.json(summary(app), 201);
      },
    }),
    implement(api.apps.get, {
      guard: guards.signedIn(),
      handler: async (c) => {
        const app = await asApi(localeOf(c), () => apps.get(c.req.param('id') ?? ''));
        return c.json({ app: summary(app), draft: app.draft });
      },
    }),
    implement(api.apps.saveDraft, {
      guard: DESIGNERS,
      handler: async (c, { body }) => {
        const app = await asApi(localeOf(c), () =>
          apps.saveDraft(c.req.param('id') ?? '', body, actorOf(c)),
        );
        return c.json(summary(app));
      },
    }),
    implement(api.apps.publish, {
      guard: DESIGNERS,
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
    implement(api.apps.versions, {
      guard: guards.signedIn(),
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
    implement(api.apps.version, {
      guard: guards.signedIn(),
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
    implement(api.apps.versionTypes, {
      guard: guards.signedIn(),
      handler: async (c) => {
        const number = versionParam(c.req.param('version') ?? '');
        const found = await asApi(localeOf(c), () => apps.version(c.req.param('id') ?? '', number));
        const text = await appTypes(platform, found.definition);
        return c.text(text, 200, { 'Content-Type': 'text/plain; charset=utf-8' });
      },
    }),
  ];
}
