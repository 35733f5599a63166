import { Type } from 'typebox';
import { ErrorSchema } from './common-schemas.ts';
import { DefinitionBodySchema, ValidationOutcomeSchema } from './definition-schemas.ts';
import { PlatformDescriptionSchema } from './platform-description.ts';
import { route } from './route-contract.ts';

/** At most this many variables per expression check request. */
export const MAX_EXPRESSION_VARIABLES = 200;

const ExpressionCheckBodySchema = Type.Object({
  source: Type.String({ description: 'the CEL expression' }),
  variables: Type.Optional(
    Type.Record(Type.String(), Type.String(), {
      description: `variable name → CEL type, e.g. { "amount": "decimal" }; at most ${MAX_EXPRESSION_VARIABLES}`,
    }),
  ),
  expect: Type.Optional(
    Type.String({ description: 'the CEL type the result must have, e.g. bool' }),
  ),
});

/** A checked expression's type, or where and why it is wrong (an answer, not an error). */
export const ExpressionCheckResultSchema = Type.Union([
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

const TypesAnswer = {
  description: { en: 'One exported interface per table', 'zh-CN': '每个表一个导出的接口' },
  content: { 'text/plain': Type.String() },
};

/**
 * What the platform itself offers, reading no stored data: liveness, the installed plugins,
 * checks of posted expressions and definitions, the `.d.ts` of an app, and this API's reference.
 */
export const platformApi = {
  health: route({
    method: 'get',
    path: '/health',
    summary: { en: 'Liveness and server version', 'zh-CN': '存活检查与服务器版本' },
    tags: ['platform'],
    responses: {
      200: Type.Object({ status: Type.Literal('ok'), version: Type.String() }),
    },
  }),
  describe: route({
    method: 'get',
    path: '/platform',
    summary: {
      en: 'Installed plugins and what they contribute',
      'zh-CN': '已安装的插件及其提供的类型与函数',
    },
    tags: ['platform'],
    responses: { 200: PlatformDescriptionSchema },
  }),
  checkExpression: route({
    method: 'post',
    path: '/expressions/check',
    summary: { en: 'Type-check a CEL expression', 'zh-CN': '对 CEL 表达式做类型检查' },
    tags: ['expressions'],
    body: ExpressionCheckBodySchema,
    responses: { 200: ExpressionCheckResultSchema, 400: ErrorSchema },
  }),
  validatePack: route({
    method: 'post',
    path: '/packs/validate',
    summary: { en: 'Validate a pack manifest', 'zh-CN': '校验模板包清单' },
    tags: ['definitions'],
    body: DefinitionBodySchema('A pack manifest'),
    responses: { 200: ValidationOutcomeSchema, 400: ErrorSchema },
  }),
  validateApp: route({
    method: 'post',
    path: '/apps/validate',
    summary: { en: 'Validate an app definition', 'zh-CN': '校验应用定义' },
    tags: ['definitions'],
    body: DefinitionBodySchema('An app definition'),
    responses: { 200: ValidationOutcomeSchema, 400: ErrorSchema },
  }),
  appTypes: route({
    method: 'post',
    path: '/apps/types',
    summary: {
      en: "TypeScript declarations of an app's records",
      'zh-CN': '生成应用记录的 TypeScript 类型声明',
    },
    tags: ['definitions'],
    body: DefinitionBodySchema('An app definition'),
    responses: { 200: TypesAnswer, 400: ErrorSchema },
  }),
  openApi: route({
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: { en: 'This OpenAPI document', 'zh-CN': '本 OpenAPI 文档' },
    tags: ['reference'],
    responses: { 200: Type.Object({ openapi: Type.String() }, { additionalProperties: true }) },
  }),
  reference: route({
    method: 'get',
    path: '/reference',
    operationId: 'getApiReference',
    summary: { en: 'API reference page (Swagger UI)', 'zh-CN': 'API 参考页面（Swagger UI）' },
    tags: ['reference'],
    responses: { 200: { content: { 'text/html': Type.String() } } },
  }),
  referenceAsset: route({
    method: 'get',
    path: '/reference/assets/:file',
    operationId: 'getApiReferenceAsset',
    summary: { en: 'A file of the reference page', 'zh-CN': '参考页面的静态文件' },
    tags: ['reference'],
    responses: {
      200: { content: { 'text/css': Type.String(), 'text/javascript': Type.String() } },
      404: ErrorSchema,
    },
  }),
};
