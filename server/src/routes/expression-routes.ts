import { createExpressionEnvironment, ExpressionError, type Platform, Type } from '@tessera/core';
import { MAX_VARIABLES, parseCheckRequest } from '../expression/check-request.ts';
import { ApiError } from '../http/api-error.ts';
import { type ApiRoute, defineRoute } from '../http/define-route.ts';
import { ErrorSchema } from '../http/error-schema.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';

const CheckBodySchema = Type.Object({
  source: Type.String({ description: 'the CEL expression' }),
  variables: Type.Optional(
    Type.Record(Type.String(), Type.String(), {
      description: `variable name → CEL type, e.g. { "amount": "decimal" }; at most ${MAX_VARIABLES}`,
    }),
  ),
  expect: Type.Optional(
    Type.String({ description: 'the CEL type the result must have, e.g. bool' }),
  ),
});

const CheckResultSchema = Type.Union([
  Type.Object({ ok: Type.Literal(true), type: Type.String({ description: 'the result type' }) }),
  Type.Object({
    ok: Type.Literal(false),
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      line: Type.Integer({ minimum: 1 }),
      column: Type.Integer({ minimum: 1 }),
    }),
  }),
]);

/**
 * `POST /expressions/check`: type-checks a CEL expression over declared variables and the
 * platform's functions, without evaluating it. A wrong expression is an answer (200), not an error.
 */
export function expressionRoutes(platform: Platform): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/expressions/check',
      summary: { en: 'Type-check a CEL expression', 'zh-CN': '对 CEL 表达式做类型检查' },
      tags: ['expressions'],
      // public: compiles the posted expression (never evaluates it) with size caps; no stored data
      guard: guards.public(),
      body: CheckBodySchema,
      responses: { 200: CheckResultSchema, 400: ErrorSchema },
      handler: (c, { body }) => {
        const locale = localeOf(c);
        const request = parseCheckRequest(body);
        let environment: ReturnType<typeof createExpressionEnvironment>;
        try {
          environment = createExpressionEnvironment({
            variables: request.variables,
            functions: platform.functions,
          });
        } catch (error) {
          const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
          throw new ApiError(
            400,
            'invalid_variables',
            {
              en: `the variables cannot be declared: ${reason}`,
              'zh-CN': `无法声明这些变量：${reason}`,
            },
            '/variables',
          );
        }
        try {
          const compiled = environment.compile(request.source, request.expect);
          return c.json({ ok: true, type: compiled.type });
        } catch (error) {
          if (!(error instanceof ExpressionError)) throw error;
          return c.json({
            ok: false,
            error: {
              code: error.code,
              message: error.detail[locale],
              line: error.range?.line ?? 1,
              column: error.range?.column ?? 1,
            },
          });
        }
      },
    }),
  ];
}
