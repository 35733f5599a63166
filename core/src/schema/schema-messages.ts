import type { Bilingual } from '../i18n/localized.ts';
import { type Issue, issue } from '../issues/issue.ts';

/** The shape of one error reported by TypeBox's validator (ajv-compatible). */
export interface SchemaErrorLike {
  readonly keyword: string;
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly params: Readonly<Record<string, unknown>>;
}

type Describe = (params: Readonly<Record<string, unknown>>, value: unknown) => Bilingual;

const typeNames: Record<string, Bilingual> = {
  string: { en: 'text', 'zh-CN': '文本' },
  number: { en: 'a number', 'zh-CN': '数字' },
  integer: { en: 'a whole number', 'zh-CN': '整数' },
  boolean: { en: 'true or false', 'zh-CN': '布尔值（true/false）' },
  object: { en: 'an object', 'zh-CN': '对象' },
  array: { en: 'a list', 'zh-CN': '列表' },
  null: { en: 'null', 'zh-CN': 'null' },
};

function typeName(name: unknown): Bilingual {
  const names = Array.isArray(name) ? name : [name];
  const parts = names.map(
    (one) => typeNames[String(one)] ?? { en: String(one), 'zh-CN': String(one) },
  );
  return {
    en: parts.map((p) => p.en).join(' or '),
    'zh-CN': parts.map((p) => p['zh-CN']).join('或'),
  };
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function list(values: unknown): string {
  return (Array.isArray(values) ? values : [values]).map(show).join(', ');
}

const describers: Record<string, Describe> = {
  required: (p) => {
    const names = list(p.requiredProperties ?? p.missingProperty ?? p.required);
    return { en: `is missing the required property ${names}`, 'zh-CN': `缺少必填属性 ${names}` };
  },
  additionalProperties: (p) => {
    const names = list(p.additionalProperties ?? p.additionalProperty);
    return {
      en: `has the unknown property ${names} (check its spelling)`,
      'zh-CN': `含有未知属性 ${names}（请检查拼写）`,
    };
  },
  type: (p, value) => {
    const want = typeName(p.type);
    return {
      en: `must be ${want.en}, but is ${show(value)}`,
      'zh-CN': `应为${want['zh-CN']}，实际为 ${show(value)}`,
    };
  },
  enum: (p) => ({
    en: `must be one of ${list(p.allowedValues)}`,
    'zh-CN': `必须是以下之一：${list(p.allowedValues)}`,
  }),
  const: (p) => ({
    en: `must be ${show(p.allowedValue)}`,
    'zh-CN': `必须为 ${show(p.allowedValue)}`,
  }),
  minLength: (p) => ({
    en: `must have at least ${p.limit} character(s)`,
    'zh-CN': `长度不能少于 ${p.limit} 个字符`,
  }),
  maxLength: (p) => ({
    en: `must have at most ${p.limit} characters`,
    'zh-CN': `长度不能超过 ${p.limit} 个字符`,
  }),
  pattern: (p) => ({
    en: `does not have the expected form (${String(p.pattern)})`,
    'zh-CN': `格式不正确（应匹配 ${String(p.pattern)}）`,
  }),
  minimum: (p) => ({ en: `must be at least ${p.limit}`, 'zh-CN': `不能小于 ${p.limit}` }),
  maximum: (p) => ({ en: `must be at most ${p.limit}`, 'zh-CN': `不能大于 ${p.limit}` }),
  exclusiveMinimum: (p) => ({ en: `must be more than ${p.limit}`, 'zh-CN': `必须大于 ${p.limit}` }),
  exclusiveMaximum: (p) => ({ en: `must be less than ${p.limit}`, 'zh-CN': `必须小于 ${p.limit}` }),
  minItems: (p) => ({
    en: `must have at least ${p.limit} item(s)`,
    'zh-CN': `至少需要 ${p.limit} 项`,
  }),
  maxItems: (p) => ({ en: `must have at most ${p.limit} items`, 'zh-CN': `最多 ${p.limit} 项` }),
  uniqueItems: () => ({ en: 'must not repeat an item', 'zh-CN': '不能有重复项' }),
  minProperties: (p) => ({
    en: `must have at least ${p.limit} entr(y/ies)`,
    'zh-CN': `至少需要 ${p.limit} 项`,
  }),
  maxProperties: (p) => ({
    en: `must have at most ${p.limit} entries`,
    'zh-CN': `最多 ${p.limit} 项`,
  }),
  format: (p) => ({
    en: `must be a valid ${String(p.format)}`,
    'zh-CN': `必须是有效的 ${String(p.format)}`,
  }),
};

export function describeSchemaError(error: SchemaErrorLike, base: string, root: unknown): Issue {
  const value = readPointer(root, error.instancePath);
  const describe = describers[error.keyword];
  const message: Bilingual = describe
    ? describe(error.params, value)
    : { en: `is not valid (${error.keyword})`, 'zh-CN': `无效（${error.keyword}）` };
  return issue(base + error.instancePath, `schema.${error.keyword}`, message);
}

function readPointer(root: unknown, path: string): unknown {
  if (path === '') return root;
  let current: unknown = root;
  for (const raw of path.slice(1).split('/')) {
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}
