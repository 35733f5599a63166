import { api } from '@tessera/core/api';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';
import { installState } from './journal.ts';
import { packApi } from './pack-errors.ts';
import type { PackService } from './pack-service.ts';

const IMPLEMENTERS = () => guards.role('admin', 'implementer');
const actorOf = (c: Context<ApiEnv>) => c.get('principal')?.userId ?? 'unknown';
const nameOf = (c: Context<ApiEnv>) => c.req.param('name') ?? '';

/**
 * The app store's API: the packs on offer, uploads, install (with progress), upgrade (with a
 * preview), uninstall and export. Installs and upgrades answer 202 and run on; the journal is
 * polled for progress.
 */
export function packRoutes(packs: PackService): ApiRoute[] {
  return [
    implement(api.packs.list, {
      guard: IMPLEMENTERS(),
      handler: async (c) => c.json({ packs: await packs.list() }),
    }),
    implement(api.packs.upload, {
      guard: IMPLEMENTERS(),
      handler: async (c, { body }) =>
        c.json({ pack: await packApi(localeOf(c), () => packs.upload(body, actorOf(c))) }, 201),
    }),
    implement(api.packs.screenshot, {
      guard: IMPLEMENTERS(),
      handler: async (c) => {
        const image = await packs.screenshot(nameOf(c));
        if (!image) return c.json({ error: { code: 'not_found', message: 'no screenshot' } }, 404);
        return c.body(image as Uint8Array<ArrayBuffer>, 200, {
          'Content-Type': 'image/png',
          'Cache-Control': 'private, max-age=300',
        });
      },
    }),
    implement(api.packs.install, {
      guard: IMPLEMENTERS(),
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
    implement(api.packs.installState, {
      guard: IMPLEMENTERS(),
      handler: async (c) =>
        c.json({ install: await packApi(localeOf(c), () => packs.state(nameOf(c))) }),
    }),
    implement(api.packs.previewUpgrade, {
      guard: IMPLEMENTERS(),
      handler: async (c, { body }) =>
        c.json(await packApi(localeOf(c), () => packs.previewUpgrade(nameOf(c), body.version))),
    }),
    implement(api.packs.upgrade, {
      guard: IMPLEMENTERS(),
      handler: async (c, { body }) => {
        const started = await packApi(localeOf(c), () =>
          packs.upgrade(nameOf(c), actorOf(c), body.version),
        );
        void started.finished.catch(() => undefined);
        return c.json({ install: installState(started.journal) }, 202);
      },
    }),
    implement(api.packs.uninstall, {
      guard: IMPLEMENTERS(),
      handler: async (c, { body }) =>
        c.json(await packApi(localeOf(c), () => packs.uninstall(nameOf(c), body.data, actorOf(c)))),
    }),
    implement(api.packs.export, {
      guard: IMPLEMENTERS(),
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
