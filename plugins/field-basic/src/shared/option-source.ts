import {
  type DictionaryDefinition,
  type FilterChoice,
  Id,
  type Issue,
  issue,
  type Locale,
  type LocalizedText,
  LocalizedTextSchema,
  localize,
  pointer,
  Type,
} from '@tessera/core';
import { scalarText } from './guards.ts';

/** Where a select's options come from: an app dictionary or a list in the field itself. */
export const optionSourceProperties = {
  dictionary: Type.Optional(Id),
  options: Type.Optional(
    Type.Array(
      Type.Object(
        { value: Type.String({ minLength: 1, maxLength: 100 }), label: LocalizedTextSchema },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 1000 },
    ),
  ),
};

export interface OptionSource {
  readonly dictionary?: string | undefined;
  readonly options?:
    | readonly { readonly value: string; readonly label: LocalizedText }[]
    | undefined;
}

interface Dictionaries {
  dictionary(id: string): DictionaryDefinition | undefined;
}

/** Exactly one source; a named dictionary must exist; inline values must be distinct. */
export function checkOptionSource(config: OptionSource, ctx: Dictionaries, code: string): Issue[] {
  const hasDictionary = config.dictionary !== undefined;
  const hasOptions = config.options !== undefined;
  if (hasDictionary === hasOptions) {
    return [
      issue('/config', `${code}.source`, {
        en: 'needs exactly one of "dictionary" or "options"',
        'zh-CN': '必须且只能设置 "dictionary"（数据字典）或 "options"（选项）之一',
      }),
    ];
  }
  if (config.dictionary !== undefined && !ctx.dictionary(config.dictionary)) {
    return [unknownDictionary(config.dictionary, code, '/config/dictionary')];
  }
  const seen = new Set<string>();
  const found: Issue[] = [];
  for (const [index, option] of (config.options ?? []).entries()) {
    if (seen.has(option.value)) {
      found.push(
        issue(pointer('/config/options', index, 'value'), `${code}.duplicate-option`, {
          en: `option value "${option.value}" appears more than once`,
          'zh-CN': `选项值 "${option.value}" 重复`,
        }),
      );
    }
    seen.add(option.value);
  }
  return found;
}

export function unknownDictionary(id: string, code: string, path = ''): Issue {
  return issue(path, `${code}.dictionary`, {
    en: `data dictionary "${id}" does not exist in this app`,
    'zh-CN': `数据字典 "${id}" 在本应用中不存在`,
  });
}

/** The values a field offers, or undefined when its dictionary cannot be found. */
export function optionValues(config: OptionSource, ctx: Dictionaries): Set<string> | undefined {
  if (config.options) return new Set(config.options.map((option) => option.value));
  const dictionary =
    config.dictionary === undefined ? undefined : ctx.dictionary(config.dictionary);
  return dictionary ? new Set(dictionary.items.map((item) => item.value)) : undefined;
}

/** What a filter on the field picks from: its options, or its dictionary's items in use. */
export function optionChoices(config: OptionSource, ctx: Dictionaries): FilterChoice[] {
  if (config.options) return config.options.map(({ value, label }) => ({ value, label }));
  const dictionary =
    config.dictionary === undefined ? undefined : ctx.dictionary(config.dictionary);
  return (dictionary?.items ?? [])
    .filter((item) => !item.disabled)
    .map(({ value, label }) => ({ value, label }));
}

/** An option's label from inline options; the value itself when a dictionary is used. */
export function optionLabel(config: OptionSource, value: unknown, locale: Locale): string {
  const option = config.options?.find((one) => one.value === value);
  return option ? localize(option.label, locale, option.value) : scalarText(value);
}

export function notAnOption(value: string, code: string, path = ''): Issue {
  return issue(path, `${code}.option`, {
    en: `"${value}" is not one of the options`,
    'zh-CN': `"${value}" 不是可选项之一`,
  });
}

/** The string schema of an option value: an enum when the options are few enough to list. */
export function optionValueSchema(values: Set<string> | undefined): Record<string, unknown> {
  return values && values.size <= 200 ? { type: 'string', enum: [...values] } : { type: 'string' };
}

/** The two options a newly dropped select or multi-select starts with in the designer. */
export function starterOptions(): Record<string, unknown> {
  return {
    options: [
      { value: 'option1', label: { 'zh-CN': '选项 1', en: 'Option 1' } },
      { value: 'option2', label: { 'zh-CN': '选项 2', en: 'Option 2' } },
    ],
  };
}
