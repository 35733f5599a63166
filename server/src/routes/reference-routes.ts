import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locale } from '@tessera/core';
import { api } from '@tessera/core/api';
import { ApiError } from '../http/api-error.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';
import {
  type OpenApiDocument,
  type OpenApiInfo,
  openApiDocument,
} from '../http/openapi-document.ts';

/** The page and its initializer: `src/reference/`. */
const OWN_ROOT = fileURLToPath(new URL('../reference/', import.meta.url));
/** Swagger UI's prebuilt files, served from node_modules (the machine may have no internet). */
const SWAGGER_ROOT = dirname(
  createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'),
);

const JS = 'text/javascript; charset=utf-8';
/** The only files `/api/reference/assets/:file` serves. */
const ASSETS: Readonly<Record<string, { readonly path: string; readonly type: string }>> = {
  'swagger-ui.css': { path: join(SWAGGER_ROOT, 'swagger-ui.css'), type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { path: join(SWAGGER_ROOT, 'swagger-ui-bundle.js'), type: JS },
  'reference-init.js': { path: join(OWN_ROOT, 'reference-init.js'), type: JS },
  'reference.css': { path: join(OWN_ROOT, 'reference.css'), type: 'text/css; charset=utf-8' },
};

/**
 * The page keeps the site's strict CSP (script-src and style-src 'self'): Swagger UI 5 sets its
 * styles through the CSSOM, which CSP allows, and needs no inline script since the initializer
 * is a file of ours. Checked in Chromium with a securitypolicyviolation listener: none.
 *
 * `routes` plus `GET /openapi.json` (their OpenAPI document, in the request's language, itself
 * included) and `GET /reference` (Swagger UI over it, with its files under `/reference/assets/`).
 * All public: they describe the API's shape, which is no secret, and read no stored data.
 */
export function withApiReference(routes: readonly ApiRoute[], info: OpenApiInfo): ApiRoute[] {
  const documents = new Map<Locale, OpenApiDocument>();
  const files = new Map<string, Promise<Buffer>>();
  const reference: ApiRoute[] = [
    implement(api.platform.openApi, {
      // public: the shape of the API, derived from the route declarations; no stored data
      guard: guards.public(),
      handler: (c) => {
        const locale = localeOf(c);
        let document = documents.get(locale);
        if (!document) {
          document = openApiDocument(all, { ...info, locale });
          documents.set(locale, document);
        }
        return c.json(document);
      },
    }),
    implement(api.platform.reference, {
      // public: a static page that renders /api/openapi.json
      guard: guards.public(),
      handler: async (c) => c.html((await read(join(OWN_ROOT, 'reference.html'))).toString('utf8')),
    }),
    implement(api.platform.referenceAsset, {
      // public: fixed files shipped with the server (Swagger UI and our initializer)
      guard: guards.public(),
      handler: async (c) => {
        const name = c.req.param('file') ?? '';
        const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
        if (!asset) {
          throw new ApiError(404, 'not_found', {
            en: `the reference page has no file "${name.slice(0, 60)}"`,
            'zh-CN': `参考页面没有文件“${name.slice(0, 60)}”`,
          });
        }
        const body = await read(asset.path);
        return c.body(new Uint8Array(body), 200, {
          'Content-Type': asset.type,
          'Cache-Control': 'public, max-age=3600',
        });
      },
    }),
  ];
  const all = [...routes, ...reference];

  function read(path: string): Promise<Buffer> {
    let file = files.get(path);
    if (!file) {
      file = readFile(path);
      files.set(path, file);
    }
    return file;
  }
  return all;
}
