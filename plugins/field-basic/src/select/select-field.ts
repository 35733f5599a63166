import { defineFieldType, issue, Type } from '@tessera/core';
import { compareText } from '../shared/compare.ts';
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

const SelectConfig = Type.Object(optionSourceProperties, { additionalProperties: false });

/** 下拉选择: one option value, from the field's own options or an app data dictionary. */
export const selectField = defineFieldType({
  type: 'select',
  label: { 'zh-CN': '下拉选择', en: 'Select' },
  config: SelectConfig,
  valueSchema: (field, ctx) => optionValueSchema(optionValues(field.config, ctx)),
  celType: () => 'string',
  toCel: (value) => value,
  fromCel: (value) => value,
  validate(value, field, ctx) {
    if (typeof value !== 'string') {
      return [
        issue('', 'select.type', {
          en: 'must be an option value (text)',
          'zh-CN': '必须是选项值（文本）',
        }),
      ];
    }
    const values = optionValues(field.config, ctx);
    if (!values) return [unknownDictionary(field.config.dictionary ?? '', 'select')];
    return values.has(value) ? [] : [notAnOption(value, 'select')];
  },
  defaultValue: () => undefined,
  checkDefinition: (field, ctx) => checkOptionSource(field.config, ctx, 'select'),
  compare: compareText,
  list: {
    filterOps: () => ['eq', 'ne', 'empty', 'notEmpty'],
    choices: (field, ctx) => optionChoices(field.config, ctx),
  },
  designer: {
    group: 'choice',
    icon: 'select',
    defaultConfig: starterOptions,
  },
  form: {
    element: 'tessera-field-select',
    format: (value, field, locale) =>
      value === undefined || value === null
        ? ''
        : optionLabel(field.config as OptionSource, value, locale),
    isEmpty: isBlank,
  },
});
