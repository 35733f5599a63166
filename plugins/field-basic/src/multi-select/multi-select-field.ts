import { defineFieldType, type Issue, issue, pointer, Type } from '@tessera/core';
import { compareLists } from '../shared/compare.ts';
import { isBlank } from '../shared/guards.ts';
import {
  checkOptionSource,
  notAnOption,
  type OptionSource,
  optionChoices,
  optionLabel,
  optionSourceProperties,
  optionValueSchema,
  optionValues,
  starterOptions,
  unknownDictionary,
} from '../shared/option-source.ts';

const MultiSelectConfig = Type.Object(
  {
    ...optionSourceProperties,
    maxItems: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);

/** 多项选择: distinct option values, from the field's own options or an app data dictionary. */
export const multiSelectField = defineFieldType({
  type: 'multi-select',
  label: { 'zh-CN': '多项选择', en: 'Multi-select' },
  config: MultiSelectConfig,
  valueSchema(field, ctx) {
    return {
      type: 'array',
      items: optionValueSchema(optionValues(field.config, ctx)),
      uniqueItems: true,
      ...(field.config.maxItems === undefined ? {} : { maxItems: field.config.maxItems }),
    };
  },
  celType: () => 'list<string>',
  toCel: (value) => (Array.isArray(value) ? [...value] : value),
  fromCel: (value) => value,
  validate(value, field, ctx) {
    if (!Array.isArray(value)) {
      return [
        issue('', 'multi-select.type', {
          en: 'must be a list of option values',
          'zh-CN': '必须是选项值的列表',
        }),
      ];
    }
    const found: Issue[] = [];
    const max = field.config.maxItems;
    if (max !== undefined && value.length > max) {
      found.push(
        issue('', 'multi-select.max-items', {
          en: `has ${value.length} choices; at most ${max} are allowed`,
          'zh-CN': `选择了 ${value.length} 项，最多允许 ${max} 项`,
        }),
      );
    }
    const values = optionValues(field.config, ctx);
    if (!values)
      return [...found, unknownDictionary(field.config.dictionary ?? '', 'multi-select')];
    const seen = new Set<unknown>();
    for (const [index, item] of value.entries()) {
      const path = pointer('', index);
      if (typeof item !== 'string') {
        found.push(
          issue(path, 'multi-select.type', {
            en: 'must be an option value (text)',
            'zh-CN': '必须是选项值（文本）',
          }),
        );
      } else if (seen.has(item)) {
        found.push(
          issue(path, 'multi-select.duplicate', {
            en: `"${item}" is chosen more than once`,
            'zh-CN': `"${item}" 被重复选择`,
          }),
        );
      } else if (!values.has(item)) found.push(notAnOption(item, 'multi-select', path));
      seen.add(item);
    }
    return found;
  },
  defaultValue: () => [],
  checkDefinition: (field, ctx) => checkOptionSource(field.config, ctx, 'multi-select'),
  compare: compareLists,
  list: { choices: (field, ctx) => optionChoices(field.config, ctx) },
  designer: {
    group: 'choice',
    icon: 'checklist',
    defaultConfig: starterOptions,
  },
  form: {
    element: 'tessera-field-multi-select',
    format: (value, field, locale) =>
      Array.isArray(value)
        ? value.map((item) => optionLabel(field.config as OptionSource, item, locale)).join(', ')
        : '',
    isEmpty: isBlank,
  },
});
