import { createExpressionEnvironment, ExpressionError, type Platform } from '@tessera/core';
import { Hono } from 'hono';
import { parseCheckRequest } from '../expression/check-request.ts';
import { ApiError } from '../http/api-error.ts';
import { localeOf } from '../http/locale.ts';
import { readJsonObject } from '../http/read-json.ts';

/**
 * `POST /expressions/check`: type-checks a CEL expression over declared variables and the
 * platform's functions, without evaluating it. A wrong expression is an answer (200), not an error.
 */
export function expressionRoutes(platform: Platform): Hono {
  const routes = new Hono();
  routes.post('/expressions/check', async (c) => {
    const locale = localeOf(c);
    const request = parseCheckRequest(await readJsonObject(c, 'an expression check'));
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
  });
  return routes;
}
