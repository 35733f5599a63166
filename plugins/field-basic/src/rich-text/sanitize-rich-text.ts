import { FilterXSS, type IWhiteList } from 'xss';

/** Ordinary formatting only: no scripts, styles, frames, forms or event handlers. */
const ALLOWED: IWhiteList = {
  p: [],
  br: [],
  b: [],
  strong: [],
  i: [],
  em: [],
  u: [],
  s: [],
  ul: [],
  ol: [],
  li: [],
  a: ['href', 'title', 'target'],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  blockquote: [],
  code: [],
  pre: [],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ['colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
  img: ['src', 'alt'],
  span: [],
};

// Allow-lists, checked on the raw attribute value: an entity-encoded or whitespace-split
// `javascript:` never starts with one of these, so it is dropped, not decoded and re-checked.
const LINK_HREF = /^(?:https?:\/\/|mailto:|tel:|#|\/(?![/\\]))/i;
const IMAGE_SRC = /^(?:https?:\/\/|data:image\/(?:png|jpeg|gif|webp);base64,)/i;
const RULES: Record<string, RegExp> = {
  'a href': LINK_HREF,
  'a target': /^_(?:blank|self)$/,
  'img src': IMAGE_SRC,
  'th colspan': /^\d{1,3}$/,
  'th rowspan': /^\d{1,3}$/,
  'td colspan': /^\d{1,3}$/,
  'td rowspan': /^\d{1,3}$/,
};

const escapeAttr = (value: string) =>
  value.replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

const filter = new FilterXSS({
  whiteList: ALLOWED,
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style', 'template', 'noscript'],
  allowCommentTag: false,
  css: false,
  onTagAttr(tag, name, value) {
    if (!(ALLOWED[tag] ?? []).includes(name)) return undefined;
    const text = value.trim();
    const rule = RULES[`${tag} ${name}`];
    // an attribute whose value is refused is dropped whole, not left empty
    if (text === '' || (rule && !rule.test(text))) return '';
    return `${name}="${escapeAttr(text)}"`;
  },
});

/**
 * Cleans HTML from a rich-text editor before it is saved: keeps ordinary formatting, strips
 * `<script>`/`<style>` with their content, event handlers (`onerror=` …) and unsafe URLs.
 * Idempotent: sanitising a sanitised text changes nothing, which `validate` relies on.
 */
export function sanitizeRichText(html: string): string {
  return filter.process(html);
}
