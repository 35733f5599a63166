import { defineFieldType, issue, type Static, Type } from '@tessera/core';
import { compareText } from '../shared/compare.ts';
import { scalarText } from '../shared/guards.ts';
import { checkTextLength } from '../shared/text-length.ts';
import { sanitizeRichText } from './sanitize-rich-text.ts';

const RichTextConfig = Type.Object(
  { maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000000 })) },
  { additionalProperties: false },
);

const maxLengthOf = (config: Static<typeof RichTextConfig>) => config.maxLength ?? 100000;

const ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  '#39': "'",
  nbsp: ' ',
};

/** The words of an HTML text without its tags, for lists, exports and emptiness. */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(lt|gt|amp|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** 富文本: sanitised HTML. A value is sanitised before it is stored; validate refuses the rest. */
export const richTextField = defineFieldType({
  type: 'rich-text',
  label: { 'zh-CN': '富文本', en: 'Rich text' },
  config: RichTextConfig,
  valueSchema: (field) => ({
    type: 'string',
    maxLength: maxLengthOf(field.config),
    description: 'Sanitised HTML',
  }),
  celType: () => 'string',
  toCel: (value) => value,
  fromCel: (value) => (typeof value === 'string' ? sanitizeRichText(value) : value),
  normalize: (value) => (typeof value === 'string' ? sanitizeRichText(value) : value),
  validate(value, field) {
    const found = checkTextLength(value, { maxLength: maxLengthOf(field.config) }, 'rich-text');
    if (found.length > 0 || typeof value !== 'string') return found;
    if (sanitizeRichText(value) !== value) {
      found.push(
        issue('', 'rich-text.unsafe', {
          en: 'contains HTML that is not allowed (scripts, styles, event handlers, unsafe links or unknown tags)',
          'zh-CN': '包含不允许的 HTML（脚本、样式、事件处理、不安全的链接或未知标签）',
        }),
      );
    }
    return found;
  },
  defaultValue: () => undefined,
  compare: (a, b) => compareText(plainText(scalarText(a)), plainText(scalarText(b))),
  designer: { group: 'basic', icon: 'text-format', defaultConfig: () => ({}) },
  form: {
    element: 'tessera-field-rich-text',
    format: (value) => (typeof value === 'string' ? plainText(value) : ''),
    isEmpty: (value) =>
      value === undefined ||
      value === null ||
      (typeof value === 'string' && plainText(value) === '' && !/<img\s/i.test(value)),
  },
});
