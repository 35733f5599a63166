import { Type } from '@tessera/core';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';
import { installState } from './journal.ts';
import { packApi } from './pack-errors.ts';
import type { PackService } from './pack-service.ts';

const tags = ['packs'];
const IMPLEMENTERS = () => guards.role('admin', 'implementer');
const Version = Type.Optional(Type.String({ minLength: 1, maxLength: 64 }));
const Ids = Type.Optional(
  Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 1000 }),
);

const InstallBody = Type.Object(
  {
    version: Version,
    roles: Type.Record(
      Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' }),
      Type.Object({ users: Ids, departments: Ids }, { additionalProperties: false }),
      { description: 'pack role id → the users (ids or usernames) and departments holding it' },
    ),
    demo: Type.Optional(Type.Boolean({ description: 'load the demo records (default true)' })),
  },
  { additionalProperties: false },
);
const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });
const UninstallBody = Type.Object(
  { data: Type.Union([Type.Literal('keep'), Type.Literal('remove')]) },
  { additionalProperties: false },
);
const Json = Type.Record(Type.String(), Type.Unknown());
const InstallAnswer = Type.Object({ install: Json }, { title: 'PackInstall' });
const ExportQuery = Type.Object(
  {
    data: Type.Optional(
      Type.Union([Type.Literal('none'), Type.Literal('demo'), Type.Literal('all')]),
    ),
  },
  { additionalProperties: false },
);

const actorOf = (c: Context<ApiEnv>) => c.get('principal')?.userId ?? 'unknown';
const nameOf = (c: Context<ApiEnv>) => c.req.param('name') ?? '';

/**
 * The app store's API: the packs on offer, uploads, install (with progress), upgrade (with a
 * preview), uninstall and export. Installs and upgrades answer 202 and run on; the journal is
 * polled for progress.
 */
export function packRoutes(packs: PackService): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/packs',
      summary: { en: 'The packs on offer', 'zh-CN': '可安装的应用包' },
      tags,
      guard: IMPLEMENTERS(),
      responses: { 200: Type.Object({ packs: Type.Array(Json) }) },
      handler: async (c) => c.json({ packs: await packs.list() }),
    }),
    defineRoute({
      method: 'post',
      path: '/packs/uploads',
      summary: { en: 'Upload a pack file', 'zh-CN': '上传应用包文件' },
      description: {
        en: 'The body is an assembled pack manifest (what export writes); it is checked against this server’s plugins.',
        'zh-CN': '请求体为完整的应用包清单（即导出的文件）；将按本服务器的插件进行检查。',
      },
      tags,
      guard: IMPLEMENTERS(),
      body: Json,
      responses: { 201: Type.Object({ pack: Json }), 400: ErrorSchema, 409: ErrorSchema },
      handler: async (c, { body }) =>
        c.json({ pack: await packApi(localeOf(c), () => packs.upload(body, actorOf(c))) }, 201),
    }),
    defineRoute({
      method: 'get',
      path: '/packs/:name/screenshot',
      summary: { en: "A pack's screenshot", 'zh-CN': '应用包截图' },
      tags,
      guard: IMPLEMENTERS(),
      responses: {
        200: {
          description: { en: 'A PNG image', 'zh-CN': 'PNG 图片' },
          content: { 'image/png': Type.String({ format: 'binary' }) },
        },
        404: ErrorSchema,
      },
      handler: async (c) => {
        const image = await packs.screenshot(nameOf(c));
        if (!image) return c.json({ error: { code: 'not_found', message: 'no screenshot' } }, 404);
        return c.body(image as Uint8Array<ArrayBuffer>, 200, {
          'Content-Type': 'image/png',
          'Cache-Control': 'private, max-age=300',
        });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/packs/:name/install',
      summary: { en: 'Install a pack', 'zh-CN': '安装应用包' },
      description: {
        en: 'Checks the pack, its plugins and the role mapping, then installs it in the background (202); poll GET …/install. Installing the installed version again answers 200 and changes nothing.',
        'zh-CN':
          '检查应用包、所需插件与角色映射后在后台安装（202）；可轮询 GET …/install 查看进度。再次安装已安装的版本返回 200，不做任何更改。',
      },
      tags,
      guard: IMPLEMENTERS(),
      body: InstallBody,
      responses: { 200: InstallAnswer, 202: InstallAnswer, 400: ErrorSchema, 409: ErrorSchema },
      handler: async (c, { body }) => {
        const started = await packApi(localeOf(c), () =>
          packs.install(nameOf(c), {
            roles: body.roles,
            ...(body.demo === undefined ? {} : { demo: body.demo }),
            ...(body.version === undefined ? {} : { version: body.version }),
            actor: actorOf(c),
          }),
        );
        void started.finished.catch(() => undefined);
        return c.json({ install: installState(started.journal) }, started.started ? 202 : 200);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/packs/:name/install',
      summary: { en: "A pack's install state and progress", 'zh-CN': '应用包的安装状态与进度' },
      tags,
      guard: IMPLEMENTERS(),
      responses: { 200: InstallAnswer, 404: ErrorSchema },
      handler: async (c) =>
        c.json({ install: await packApi(localeOf(c), () => packs.state(nameOf(c))) }),
    }),
    defineRoute({
      method: 'post',
      path: '/packs/:name/upgrade/preview',
      summary: { en: 'What an upgrade will change', 'zh-CN': '升级将带来的变化' },
      tags,
      guard: IMPLEMENTERS(),
      body: VersionBody,
      responses: { 200: Json, 404: ErrorSchema, 409: ErrorSchema },
      handler: async (c, { body }) =>
        c.json(await packApi(localeOf(c), () => packs.previewUpgrade(nameOf(c), body.version))),
    }),
    defineRoute({
      method: 'post',
      path: '/packs/:name/upgrade',
      summary: { en: 'Upgrade an installed pack', 'zh-CN': '升级已安装的应用包' },
      tags,
      guard: IMPLEMENTERS(),
      body: VersionBody,
      responses: { 202: InstallAnswer, 404: ErrorSchema, 409: ErrorSchema },
      handler: async (c, { body }) => {
        const started = await packApi(localeOf(c), () =>
          packs.upgrade(nameOf(c), actorOf(c), body.version),
        );
        void started.finished.catch(() => undefined);
        return c.json({ install: installState(started.journal) }, 202);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/packs/:name/uninstall',
      summary: { en: 'Uninstall a pack', 'zh-CN': '卸载应用包' },
      description: {
        en: '`keep` removes the app and keeps its data; `remove` deletes every document of the app.',
        'zh-CN': '`keep` 删除应用但保留其数据；`remove` 删除该应用的全部文档。',
      },
      tags,
      guard: IMPLEMENTERS(),
      body: UninstallBody,
      responses: { 200: Type.Object({ removed: Type.Integer() }), 404: ErrorSchema },
      handler: async (c, { body }) =>
        c.json(await packApi(localeOf(c), () => packs.uninstall(nameOf(c), body.data, actorOf(c)))),
    }),
    defineRoute({
      method: 'get',
      path: '/packs/:name/export',
      summary: {
        en: 'Export an installed app as a pack file',
        'zh-CN': '将已安装的应用导出为应用包',
      },
      tags,
      guard: IMPLEMENTERS(),
      query: ExportQuery,
      responses: { 200: Json, 404: ErrorSchema },
      handler: async (c, { query }) => {
        const manifest = await packApi(localeOf(c), () =>
          packs.export(nameOf(c), query.data ?? 'none'),
        );
        const file = `${String(manifest.name)}-${String(manifest.version)}.pack.json`;
        c.header('Content-Disposition', `attachment; filename="${file}"`);
        return c.json(manifest);
      },
    }),
  ];
}
