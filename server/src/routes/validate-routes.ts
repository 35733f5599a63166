import { type Issue, type Locale, type Platform, Type } from '@tessera/core';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
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

/** Any JSON object: the route itself checks the content and reports issues as data. */
export const DefinitionBodySchema = (what: string) =>
  Type.Object({}, { description: `${what}; its content is checked by the route, not here` });

const ValidationOutcomeSchema = Type.Object({
  ok: Type.Boolean(),
  issues: Type.Array(
    Type.Object({
      path: Type.String({ description: 'JSON pointer into the document' }),
      code: Type.String(),
      message: Type.String(),
    }),
  ),
});

/**
 * `POST /packs/validate` and `POST /apps/validate`: the outcome of validation is data, so both
 * answer 200 with `{ ok, issues }`; only a body that is not a JSON object is a 400.
 */
export function validateRoutes(platform: Platform): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/packs/validate',
      summary: { en: 'Validate a pack manifest', 'zh-CN': '校验模板包清单' },
      tags: ['definitions'],
      // public: pure computation over the posted document; nothing stored is read or written
      guard: guards.public(),
      body: DefinitionBodySchema('A pack manifest'),
      responses: { 200: ValidationOutcomeSchema, 400: ErrorSchema },
      handler: (c, { body }) => {
        const result = platform.validatePack(body);
        return c.json({ ok: result.ok, issues: issueBodies(result.issues, localeOf(c)) });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/apps/validate',
      summary: { en: 'Validate an app definition', 'zh-CN': '校验应用定义' },
      tags: ['definitions'],
      // public: pure computation over the posted document; nothing stored is read or written
      guard: guards.public(),
      body: DefinitionBodySchema('An app definition'),
      responses: { 200: ValidationOutcomeSchema, 400: ErrorSchema },
      handler: (c, { body }) => {
        const result = platform.validateApp(body);
        return c.json({ ok: result.ok, issues: issueBodies(result.issues, localeOf(c)) });
      },
    }),
  ];
}
