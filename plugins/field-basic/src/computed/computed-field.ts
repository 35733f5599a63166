import { cellText, defineFieldType, type FieldOf, type Issue, issue } from '@tessera/core';
import { isBlank } from '../shared/guards.ts';
import { ComputedConfig, type ComputedSettings } from './computed-config.ts';
import { RESULT_TYPES, type ResultKind, resultOf } from './result-types.ts';

/** Scale and currency only where the result type has them, within that type's limits. */
function checkSettings(config: ComputedSettings): Issue[] {
  const result: ResultKind = RESULT_TYPES[config.resultType];
  const found: Issue[] = [];
  if (config.scale !== undefined && config.scale > (result.maxScale ?? -1)) {
    found.push(
      issue('/config/scale', 'computed.scale', {
        en:
          result.maxScale === undefined
            ? 'decimal places apply only to number and money results'
            : `a ${config.resultType} result has at most ${result.maxScale} decimal places`,
        'zh-CN':
          result.maxScale === undefined
            ? '小数位数只适用于数字和金额结果'
            : `${config.resultType} 类型的结果最多 ${result.maxScale} 位小数`,
      }),
    );
  }
  if (config.currency !== undefined && !result.currency) {
    found.push(
      issue('/config/currency', 'computed.currency', {
        en: 'a currency applies only to money results',
        'zh-CN': '币种只适用于金额结果',
      }),
    );
  }
  return found;
}

/** 计算字段: a value the platform derives from a CEL expression; it behaves as its result type. */
export const computedField = defineFieldType({
  type: 'computed',
  label: { 'zh-CN': '计算字段', en: 'Computed' },
  config: ComputedConfig,
  derived: true,
  valueSchema(field, ctx) {
    const result = resultOf(field);
    return { ...result.type.valueSchema(result.field, ctx), readOnly: true };
  },
  celType(field, ctx) {
    const result = resultOf(field);
    return result.type.celType(result.field, ctx);
  },
  toCel(value, field) {
    const result = resultOf(field);
    return result.type.toCel(value, result.field);
  },
  fromCel(value, field) {
    const result = resultOf(field);
    return result.type.fromCel(value, result.field);
  },
  validate(value, field, ctx) {
    const result = resultOf(field);
    return result.type.validate(value, result.field, ctx);
  },
  defaultValue: () => undefined,
  checkDefinition(field, ctx) {
    const found = checkSettings(field.config);
    const accepted = RESULT_TYPES[field.config.resultType].accepts(field.config);
    let first: Issue[] = [];
    for (const [index, celType] of accepted.entries()) {
      const issues = ctx.checkExpression(field.config.expression, '/config/expression', celType);
      if (issues.length === 0) return found;
      if (index === 0) first = issues;
    }
    return [...found, ...first];
  },
  compare(a, b, field) {
    const result = resultOf(field);
    return result.type.compare(a, b, result.field);
  },
  list: {
    cellText(value, field, ctx) {
      const result = resultOf(field);
      return cellText(result.type, value, result.field as FieldOf<never>, ctx);
    },
  },
  designer: {
    group: 'advanced',
    icon: 'function',
    defaultConfig: () => ({ expression: '0', resultType: 'number' }),
  },
  form: {
    element: 'tessera-field-computed',
    format(value, field, locale) {
      const result = resultOf(field as FieldOf<ComputedSettings>);
      return result.type.form.format(value, result.field as FieldOf<never>, locale);
    },
    isEmpty: isBlank,
  },
});
