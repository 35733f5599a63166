import { createExpressionEnvironment, ExpressionError, type Platform } from '@tessera/core';
import { api } from '@tessera/core/api';
import { parseCheckRequest } from '../expression/check-request.ts';
import { ApiError } from '../http/api-error.ts';
import { type ApiRoute, implement } from '../http/define-route.ts';
import { guards } from '../http/guards.ts';
import { localeOf } from '../http/locale.ts';

/**
 * `POST /expressions/check`: type-checks a CEL expression over declared variables and the
 * platform's functions, without evaluating it. A wrong expression is an answer (200), not an error.
 */
export function expressionRoutes(platform: Platform): ApiRoute[] {
  return [
    implement(api.platform.checkExpression, {
      // public: compiles the posted expression (never evaluates it) with size caps; no stored data
      guard: guards.public(),
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
