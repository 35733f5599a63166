import type { VariableDeclaration } from '@tessera/core';
import { MAX_EXPRESSION_VARIABLES } from '@tessera/core/api';
import { ApiError } from '../http/api-error.ts';
import { isCelTypeName } from './cel-type-name.ts';

/** At most this many variables per check request. */
export const MAX_VARIABLES = MAX_EXPRESSION_VARIABLES;

/** CEL's reserved words and type names: not usable as variable names. */
const RESERVED = new Set([
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
  'int',
  'uint',
  'double',
  'bool',
  'string',
  'bytes',
  'list',
  'map',
  'type',
  'dyn',
  'null_type',
  'decimal',
  'timestamp',
  'duration',
]);

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface CheckRequest {
  readonly source: string;
  readonly variables: readonly VariableDeclaration[];
  readonly expect: string | undefined;
}

/** Reads `{ source, variables: { name: celType }, expect? }`; a 400 names the first bad part. */
export function parseCheckRequest(body: Record<string, unknown>): CheckRequest {
  const { source, variables = {}, expect } = body;
  if (typeof source !== 'string') {
    throw new ApiError(
      400,
      'invalid_source',
      {
        en: '"source" must be the expression text (a string)',
        'zh-CN': '“source”必须是表达式文本（字符串）',
      },
      '/source',
    );
  }
  if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) {
    throw new ApiError(
      400,
      'invalid_variables',
      {
        en: '"variables" must be an object mapping each name to a CEL type, e.g. { "amount": "decimal" }',
        'zh-CN': '“variables”必须是变量名到 CEL 类型的对象，例如 { "amount": "decimal" }',
      },
      '/variables',
    );
  }
  const entries = Object.entries(variables);
  if (entries.length > MAX_VARIABLES) {
    throw new ApiError(
      400,
      'too_many_variables',
      {
        en: `at most ${MAX_VARIABLES} variables may be declared, but ${entries.length} were`,
        'zh-CN': `最多可声明 ${MAX_VARIABLES} 个变量，实际为 ${entries.length} 个`,
      },
      '/variables',
    );
  }
  const declared = entries.map(([name, type]) => variable(name, type));
  if (expect !== undefined && (typeof expect !== 'string' || !isCelTypeName(expect))) {
    throw new ApiError(
      400,
      'invalid_type',
      {
        en: `"expect" must be a CEL type such as bool, decimal or list<string>, not ${preview(expect)}`,
        'zh-CN': `“expect”必须是 CEL 类型（如 bool、decimal、list<string>），而不是 ${preview(expect)}`,
      },
      '/expect',
    );
  }
  return { source, variables: declared, expect };
}

function variable(name: string, type: unknown): VariableDeclaration {
  const field = `/variables/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  const shown = JSON.stringify(name.slice(0, 64));
  if (!NAME.test(name) || RESERVED.has(name)) {
    throw new ApiError(
      400,
      'invalid_variable_name',
      {
        en: `variable name ${shown} is not allowed: use a letter or _ then letters, digits or _ (at most 64), and no CEL keyword or type name`,
        'zh-CN': `变量名 ${shown} 不可用：须以字母或 _ 开头，其后为字母、数字或 _（最多 64 个字符），且不能是 CEL 关键字或类型名`,
      },
      field,
    );
  }
  if (typeof type !== 'string' || !isCelTypeName(type.trim())) {
    throw new ApiError(
      400,
      'invalid_type',
      {
        en: `variable ${shown} has type ${preview(type)}, which is not a CEL type such as string, int, decimal, bool, timestamp, list<string> or map<string, int>`,
        'zh-CN': `变量 ${shown} 的类型 ${preview(type)} 不是 CEL 类型（如 string、int、decimal、bool、timestamp、list<string>、map<string, int>）`,
      },
      field,
    );
  }
  return { name, type: type.trim() };
}

/** A short JSON rendering of a bad value for a message. */
function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
