import type { Issue, Locale, Platform } from '@tessera/core';
import { Hono } from 'hono';
import { localeOf } from '../http/locale.ts';
import { readJsonObject } from '../http/read-json.ts';

/** An issue as the API returns it: the message in the request's language. */
export interface IssueBody {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export const issueBodies = (issues: readonly Issue[], locale: Locale): IssueBody[] =>
  issues.map((one) => ({ path: one.path, code: one.code, message: one.message[locale] }));

/**
 * `POST /packs/validate` and `POST /apps/validate`: the outcome of validation is data, so both
 * answer 200 with `{ ok, issues }`; only a body that is not a JSON object is a 400.
 */
export function validateRoutes(platform: Platform): Hono {
  const routes = new Hono();
  routes.post('/packs/validate', async (c) => {
    const locale = localeOf(c);
    const body = await readJsonObject(c, 'a pack manifest');
    const result = platform.validatePack(body);
    return c.json({ ok: result.ok, issues: issueBodies(result.issues, locale) });
  });
  routes.post('/apps/validate', async (c) => {
    const locale = localeOf(c);
    const body = await readJsonObject(c, 'an app definition');
    const result = platform.validateApp(body);
    return c.json({ ok: result.ok, issues: issueBodies(result.issues, locale) });
  });
  return routes;
}
