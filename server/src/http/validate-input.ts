import { type Issue, type Locale, pointer, type TSchema, validateSchema } from '@tessera/core';
import { ApiError } from './api-error.ts';

/** Where the checked value came from: the JSON body or the query string. */
export type InputPart = 'body' | 'query';

/**
 * Checks a request body or query against its declared schema; a failure is a 400
 * `invalid_body` / `invalid_query` naming the first issue's field (`/a/b` in the body,
 * `?name` in the query) and listing every issue in the request's language.
 */
export function checkInput(part: InputPart, schema: TSchema, value: unknown, locale: Locale): void {
  const issues = validateSchema(schema, value);
  if (issues.length === 0) return;
  const first = issues[0]!;
  const path = fieldOf(schema, value, first);
  const field = part === 'body' ? path : `?${decode(path.split('/')[1] ?? '')}`;
  const more = issues.length - 1;
  const where = {
    en: part === 'body' ? 'the request body' : 'the query string',
    'zh-CN': part === 'body' ? '请求体' : '查询参数',
  };
  const at = first.path === '' ? '' : ` ${first.path}`;
  throw new ApiError(
    400,
    `invalid_${part}`,
    {
      en: `${where.en}${at} ${first.message.en}${more > 0 ? ` (and ${more} more issue${more === 1 ? '' : 's'})` : ''}`,
      'zh-CN': `${where['zh-CN']}${at}${first.message['zh-CN']}${more > 0 ? `（另有 ${more} 个问题）` : ''}`,
    },
    field,
    {
      issues: issues.map((one) => ({
        path: one.path,
        code: one.code,
        message: one.message[locale],
      })),
    },
  );
}

/**
 * The pointer a client should highlight: the issue's own path, except that a missing required
 * property is reported at its parent by JSON Schema, so point at the missing property instead.
 */
function fieldOf(schema: TSchema, value: unknown, issue: Issue): string {
  if (issue.code !== 'schema.required') return issue.path;
  const tokens = issue.path === '' ? [] : issue.path.slice(1).split('/').map(decode);
  let here: unknown = value;
  let rule: unknown = schema;
  for (const token of tokens) {
    rule = childRule(chosenBranch(rule, here), token);
    here = isObject(here) ? here[token] : undefined;
  }
  rule = chosenBranch(rule, here);
  const required = isObject(rule) ? rule.required : undefined;
  if (!Array.isArray(required) || !isObject(here)) return issue.path;
  const missing = required.find(
    (name): name is string => typeof name === 'string' && !Object.hasOwn(here, name),
  );
  return missing === undefined ? issue.path : pointer(issue.path, missing);
}

/** Properties that tell the branches of a union apart (`{ type: 'approve', … }`). */
const DISCRIMINATORS = ['type', 'kind', 'op'];

/** In a union told apart by a discriminator, the branch the value chose; else the rule itself. */
function chosenBranch(rule: unknown, value: unknown): unknown {
  if (!isObject(rule) || !Array.isArray(rule.anyOf) || !isObject(value)) return rule;
  const branch = rule.anyOf.find(
    (one: unknown) =>
      isObject(one) &&
      isObject(one.properties) &&
      DISCRIMINATORS.some((name) => {
        const property = (one.properties as Record<string, unknown>)[name];
        return isObject(property) && 'const' in property && property.const === value[name];
      }),
  );
  return branch ?? rule;
}

/** The sub-schema for one step down, when the schema says plainly (no unions). */
function childRule(rule: unknown, token: string): unknown {
  if (!isObject(rule)) return undefined;
  const properties = rule.properties;
  if (isObject(properties) && isObject(properties[token])) return properties[token];
  if (isObject(rule.items)) return rule.items;
  if (isObject(rule.additionalProperties)) return rule.additionalProperties;
  return undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object';

const decode = (token: string) => token.replaceAll('~1', '/').replaceAll('~0', '~');
