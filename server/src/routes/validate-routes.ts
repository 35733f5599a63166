import type { Issue, Locale, Platform } from '@tessera/core';
import { api } from '@tessera/core/api';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';

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
export function validateRoutes(platform: Platform): ApiRoute[] {
  return [
    implement(api.platform.validatePack, {
      // public: pure computation over the posted document; nothing stored is read or written
      guard: guards.public(),
      handler: (c, { body }) => {
        const result = platform.validatePack(body);
        return c.json({ ok: result.ok, issues: issueBodies(result.issues, localeOf(c)) });
      },
    }),
    implement(api.platform.validateApp, {
      // public: pure computation over the posted document; nothing stored is read or written
      guard: guards.public(),
      handler: (c, { body }) => {
        const result = platform.validateApp(body);
        return c.json({ ok: result.ok, issues: issueBodies(result.issues, localeOf(c)) });
      },
    }),
  ];
}
