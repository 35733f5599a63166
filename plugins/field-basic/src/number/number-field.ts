import { Decimal, defineFieldType, type Issue, issue, type Static, Type } from '@tessera/core';
import { compareNumbers } from '../shared/compare.ts';
import { groupDigits } from '../shared/group-digits.ts';
import { isBlank, scalarText } from '../shared/guards.ts';

const NumberConfig = Type.Object(
  {
    scale: Type.Optional(Type.Integer({ minimum: 0, maximum: 8 })),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
  },
  { additionalProperties: false },
);

type NumberSettings = Static<typeof NumberConfig>;

const scaleOf = (config: NumberSettings) => config.scale ?? 0;

function checkNumber(value: unknown, config: NumberSettings): Issue[] {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return [issue('', 'number.type', { en: 'must be a number', 'zh-CN': '必须是数字' })];
  }
  const scale = scaleOf(config);
  const found: Issue[] = [];
  const places = new Decimal(value).decimalPlaces();
  if (places > scale) {
    found.push(
      issue('', 'number.scale', {
        en: `has ${places} decimal places; at most ${scale} are allowed`,
        'zh-CN': `小数位数为 ${places}，最多允许 ${scale} 位`,
      }),
    );
  } else if (scale === 0 && !Number.isSafeInteger(value)) {
    found.push(
      issue('', 'number.safe-integer', {
        en: `is too large; whole numbers must lie between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`,
        'zh-CN': `数值过大；整数必须在 ${Number.MIN_SAFE_INTEGER} 到 ${Number.MAX_SAFE_INTEGER} 之间`,
      }),
    );
  }
  if (config.min !== undefined && value < config.min) {
    found.push(
      issue('', 'number.min', {
        en: `is ${value}; the minimum is ${config.min}`,
        'zh-CN': `值为 ${value}，最小允许 ${config.min}`,
      }),
    );
  }
  if (config.max !== undefined && value > config.max) {
    found.push(
      issue('', 'number.max', {
        en: `is ${value}; the maximum is ${config.max}`,
        'zh-CN': `值为 ${value}，最大允许 ${config.max}`,
      }),
    );
  }
  return found;
}

/** A CEL int, double or decimal → a JSON number rounded half up to `scale` places. */
function numberFromCel(value: unknown, scale: number): unknown {
  let amount: Decimal | undefined;
  if (typeof value === 'bigint') amount = new Decimal(value.toString());
  else if (typeof value === 'number' && Number.isFinite(value)) amount = new Decimal(value);
  else if (Decimal.isDecimal(value) && value.isFinite()) amount = value;
  return amount ? amount.toDecimalPlaces(scale, Decimal.ROUND_HALF_UP).toNumber() : value;
}

/** 数字: a JSON number; a CEL int when it has no decimals, else a double. */
export const numberField = defineFieldType({
  type: 'number',
  label: { 'zh-CN': '数字', en: 'Number' },
  config: NumberConfig,
  valueSchema: (field) => ({
    type: scaleOf(field.config) === 0 ? 'integer' : 'number',
    ...(field.config.min === undefined ? {} : { minimum: field.config.min }),
    ...(field.config.max === undefined ? {} : { maximum: field.config.max }),
    ...(field.config.unit ? { description: `in ${field.config.unit}` } : {}),
  }),
  celType: (field) => (scaleOf(field.config) === 0 ? 'int' : 'double'),
  toCel: (value, field) =>
    scaleOf(field.config) === 0 && Number.isSafeInteger(value) ? BigInt(value as number) : value,
  fromCel: (value, field) => numberFromCel(value, scaleOf(field.config)),
  validate: (value, field) => checkNumber(value, field.config),
  defaultValue: () => undefined,
  compare: compareNumbers,
  designer: { group: 'basic', icon: 'number', defaultConfig: () => ({ scale: 0 }) },
  list: {
    cellText: (value, _field, ctx) =>
      typeof value === 'number'
        ? new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 10 }).format(value)
        : scalarText(value),
  },
  form: {
    element: 'tessera-field-number',
    parseInput(input) {
      const text = input.replace(/[\s,，]/g, '');
      if (text === '') return { value: undefined };
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) {
        return { issue: { en: `"${input}" is not a number`, 'zh-CN': `"${input}" 不是数字` } };
      }
      return { value: Number(text) };
    },
    format(value, field) {
      if (typeof value !== 'number' || !Number.isFinite(value)) return scalarText(value);
      const config = field.config as NumberSettings;
      const text = groupDigits(new Decimal(value).toFixed(scaleOf(config)));
      return config.unit ? `${text} ${config.unit}` : text;
    },
    isEmpty: isBlank,
  },
});
