import { type Bilingual, LOCALES, type Locale, type TSchema } from '@tessera/core';
import {
  ErrorSchema,
  isResponseContent,
  type ResponseContent,
  type ResponseSpec,
} from '@tessera/core/api';
import type { ApiRoute } from './define-route.ts';
import { guardInfo } from './guards.ts';
import { API_PREFIX } from './register-routes.ts';
import { securitySchemes } from './security-schemes.ts';

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description?: Bilingual;
  /** Descriptions of the tags routes use. */
  readonly tags?: Readonly<Record<string, Bilingual>>;
  /** The licence of the API, by its SPDX identifier (`MIT`). */
  readonly license?: { readonly name: string; readonly identifier: string };
  /** The language of summaries and descriptions; English by default. */
  readonly locale?: Locale;
}

type Json = Record<string, unknown>;

/** An OpenAPI 3.1 document: plain JSON, ready for `c.json`. */
export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: Json;
  readonly servers: readonly Json[];
  readonly tags: readonly Json[];
  readonly paths: Readonly<Record<string, Readonly<Record<string, Json>>>>;
  readonly components: Json;
}

const ERROR_REF = { $ref: '#/components/schemas/Error' } as const;
/** Every operation's catch-all for refusals it does not list: all of them share one shape. */
const REFUSAL_REF = { $ref: '#/components/responses/Refusal' } as const;
/** Query parameters every route reads, documented once as components rather than per route. */
const SHARED_QUERY = new Set(['locale']);

const STATUS_TEXT: Readonly<Record<number, Bilingual>> = {
  200: { en: 'OK', 'zh-CN': '成功' },
  201: { en: 'Created', 'zh-CN': '已创建' },
  204: { en: 'No content', 'zh-CN': '无内容' },
  400: { en: 'The request is invalid; field names what', 'zh-CN': '请求无效；field 指出位置' },
  401: { en: 'Not signed in', 'zh-CN': '未登录' },
  403: { en: 'Signed in, but not allowed', 'zh-CN': '已登录，但无权限' },
  404: { en: 'Not found', 'zh-CN': '不存在' },
  409: { en: 'Conflict with the stored state', 'zh-CN': '与已存数据冲突' },
  413: { en: 'The body is larger than 5 MB', 'zh-CN': '请求体超过 5 MB' },
  429: { en: 'Too many attempts; see Retry-After', 'zh-CN': '尝试次数过多；见 Retry-After' },
};

/**
 * The OpenAPI 3.1 document of declared routes: request and response schemas straight from their
 * TypeBox schemas (which are JSON Schema 2020-12), `security` from the guard — none for public
 * routes, cookie session or bearer token otherwise — and the guard's name as `x-tessera-guard`.
 * Kept clean under Redocly's recommended rules (test/openapi-lint.test.ts, decision 0032): one
 * relative server, `locale` only as the shared parameter, a `4XX` catch-all on every operation.
 */
export function openApiDocument(routes: readonly ApiRoute[], info: OpenApiInfo): OpenApiDocument {
  const locale = info.locale ?? 'en';
  const paths: Record<string, Record<string, Json>> = {};
  const operationIds = new Set<string>();
  for (const route of routes) {
    if (operationIds.has(route.operationId)) {
      throw new Error(`operationId "${route.operationId}" is used by two routes`);
    }
    operationIds.add(route.operationId);
    const path = `${API_PREFIX}${route.path}`.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method] = operation(route, locale);
  }
  const tagNames = [...new Set(routes.flatMap((route) => route.tags))].sort();
  return {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      ...(info.description ? { description: info.description[locale] } : {}),
      ...(info.license ? { license: { ...info.license } } : {}),
    },
    // relative: the API is wherever this document was fetched from (paths carry the /api prefix)
    servers: [
      {
        url: '/',
        description: { en: 'This server', 'zh-CN': '本服务器' }[locale],
      },
    ],
    tags: tagNames.map((name) => {
      const description = info.tags?.[name]?.[locale];
      return description ? { name, description } : { name };
    }),
    paths,
    components: {
      schemas: { Error: copy(ErrorSchema) },
      responses: {
        Refusal: {
          description: {
            en: 'Another refusal: every 4xx answer is an error object',
            'zh-CN': '其他拒绝：所有 4xx 应答均为错误对象',
          }[locale],
          content: { 'application/json': { schema: { ...ERROR_REF } } },
        },
      },
      securitySchemes: securitySchemes(locale),
      parameters: {
        locale: {
          name: 'locale',
          in: 'query',
          required: false,
          description: {
            en: 'Language of messages; without it, Accept-Language decides, else English.',
            'zh-CN': '消息的语言；不给时按 Accept-Language，否则为英文。',
          }[locale],
          schema: { type: 'string', enum: [...LOCALES] },
        },
      },
    },
  };
}

function operation(route: ApiRoute, locale: Locale): Json {
  const guard = guardInfo(route.guard);
  const responses: Record<string, Json> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    responses[status] = response(Number(status), spec, locale);
  }
  const hasBody = route.body !== undefined || route.rawBody !== undefined;
  const hasInput = hasBody || route.query !== undefined;
  const implied: [number, boolean][] = [
    [400, hasInput],
    [413, hasBody],
    [401, !guard.public],
    [403, !guard.public],
  ];
  for (const [status, applies] of implied) {
    if (applies && responses[status] === undefined) {
      responses[status] = response(status, ErrorSchema, locale);
    }
  }
  responses['4XX'] = { ...REFUSAL_REF };
  return {
    operationId: route.operationId,
    summary: route.summary[locale],
    ...(route.description ? { description: route.description[locale] } : {}),
    tags: [...route.tags],
    parameters: [
      ...pathParameters(route.path),
      ...queryParameters(route.query),
      { $ref: '#/components/parameters/locale' },
    ],
    ...(route.rawBody ? { requestBody: rawRequestBody(route.rawBody, locale) } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: plain(route.body) } },
          },
        }
      : {}),
    responses,
    security: guard.public ? [] : [{ cookieAuth: [] }, { bearerAuth: [] }],
    'x-tessera-guard': guard.name,
  };
}

function rawRequestBody(spec: ResponseContent, locale: Locale): Json {
  const content: Record<string, Json> = {};
  for (const [type, schema] of Object.entries(spec.content))
    content[type] = { schema: plain(schema) };
  return {
    required: true,
    ...(spec.description ? { description: spec.description[locale] } : {}),
    content,
  };
}

function response(status: number, spec: ResponseSpec, locale: Locale): Json {
  const fallback = STATUS_TEXT[status] ?? { en: `HTTP ${status}`, 'zh-CN': `HTTP ${status}` };
  if (isResponseContent(spec)) {
    const content: Record<string, Json> = {};
    for (const [type, schema] of Object.entries(spec.content))
      content[type] = { schema: plain(schema) };
    return { description: (spec.description ?? fallback)[locale], content };
  }
  return {
    description: fallback[locale],
    content: { 'application/json': { schema: plain(spec) } },
  };
}

function pathParameters(path: string): Json[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((found) => ({
    name: found[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
}

function queryParameters(schema: TSchema | undefined): Json[] {
  if (!schema) return [];
  const { properties = {}, required = [] } = plain(schema) as {
    properties?: Record<string, Json>;
    required?: string[];
  };
  const own = Object.entries(properties).filter(([name]) => !SHARED_QUERY.has(name));
  return own.map(([name, property]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

/** A schema as plain JSON (TypeBox's own markers are not enumerable), the shared error as a $ref. */
function plain(schema: TSchema): Json {
  return schema === ErrorSchema ? { ...ERROR_REF } : copy(schema);
}

const copy = (schema: TSchema): Json => JSON.parse(JSON.stringify(schema)) as Json;
