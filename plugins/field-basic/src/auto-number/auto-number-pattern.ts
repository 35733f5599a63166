import { formatIssues, type Issue, issue } from '@tessera/core';

/** How often the counter behind a pattern starts again at 1. */
export type ResetPeriod = 'never' | 'year' | 'month' | 'day';

interface DateParts {
  readonly year: string;
  readonly month: string;
  readonly day: string;
}

/** Date tokens: what each prints and the counter period it implies. */
const DATE_TOKENS = {
  yyyy: { print: (d: DateParts) => d.year, digits: 4, period: 'year' },
  yy: { print: (d: DateParts) => d.year.slice(-2), digits: 2, period: 'year' },
  MM: { print: (d: DateParts) => d.month, digits: 2, period: 'month' },
  dd: { print: (d: DateParts) => d.day, digits: 2, period: 'day' },
} as const satisfies Record<
  string,
  { print: (d: DateParts) => string; digits: number; period: ResetPeriod }
>;

type DateToken = keyof typeof DATE_TOKENS;

export type PatternPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'date'; readonly token: DateToken }
  | { readonly kind: 'seq'; readonly width: number };

export interface AutoNumberPattern {
  readonly parts: readonly PatternPart[];
  readonly resetPeriod: ResetPeriod;
  /** Issues with paths relative to the pattern text (''); empty when the pattern is usable. */
  readonly issues: readonly Issue[];
}

const PERIOD_ORDER: readonly ResetPeriod[] = ['never', 'year', 'month', 'day'];
const bad = (code: string, en: string, zh: string) =>
  issue('', `auto-number.${code}`, { en, 'zh-CN': zh });

function readToken(name: string, parts: PatternPart[], found: Issue[]): void {
  const seq = /^seq:(\d+)$/.exec(name);
  if (seq) {
    const width = Number(seq[1]);
    if (width < 1 || width > 12) {
      found.push(
        bad(
          'seq-width',
          `{${name}} must pad to 1 to 12 digits`,
          `{${name}} 的位数必须在 1 到 12 之间`,
        ),
      );
    }
    parts.push({ kind: 'seq', width });
  } else if (Object.hasOwn(DATE_TOKENS, name)) {
    parts.push({ kind: 'date', token: name as DateToken });
  } else {
    found.push(
      bad(
        'token',
        `{${name}} is not a token; use {yyyy} {yy} {MM} {dd} or {seq:N}`,
        `{${name}} 不是可用的占位符；可用 {yyyy} {yy} {MM} {dd} 或 {seq:N}`,
      ),
    );
  }
}

/** Splits `HT-{yyyy}-{seq:4}` into literal text, date tokens and exactly one sequence token. */
export function parseAutoNumberPattern(pattern: string): AutoNumberPattern {
  const parts: PatternPart[] = [];
  const found: Issue[] = [];
  let at = 0;
  while (at < pattern.length) {
    const open = pattern.indexOf('{', at);
    const close = pattern.indexOf('}', at);
    if (close !== -1 && (open === -1 || close < open)) {
      found.push(
        bad(
          'brace',
          `"}" at position ${close + 1} closes nothing`,
          `第 ${close + 1} 个字符 "}" 没有对应的 "{"`,
        ),
      );
      break;
    }
    if (open === -1) {
      parts.push({ kind: 'text', text: pattern.slice(at) });
      break;
    }
    if (open > at) parts.push({ kind: 'text', text: pattern.slice(at, open) });
    if (close === -1) {
      found.push(
        bad(
          'brace',
          `"{" at position ${open + 1} is never closed`,
          `第 ${open + 1} 个字符 "{" 没有闭合`,
        ),
      );
      break;
    }
    readToken(pattern.slice(open + 1, close), parts, found);
    at = close + 1;
  }
  const seqCount = parts.filter((part) => part.kind === 'seq').length;
  if (seqCount === 0)
    found.push(
      bad(
        'seq-missing',
        'needs a sequence token such as {seq:4}',
        '必须包含流水号占位符，例如 {seq:4}',
      ),
    );
  if (seqCount > 1)
    found.push(
      bad(
        'seq-duplicate',
        `has ${seqCount} sequence tokens; exactly one is allowed`,
        `包含 ${seqCount} 个流水号占位符，只允许 1 个`,
      ),
    );
  let resetPeriod: ResetPeriod = 'never';
  for (const part of parts) {
    const period = part.kind === 'date' ? DATE_TOKENS[part.token].period : 'never';
    if (PERIOD_ORDER.indexOf(period) > PERIOD_ORDER.indexOf(resetPeriod)) resetPeriod = period;
  }
  return { parts, resetPeriod, issues: found };
}

/** Year, month and day of `date` in `timeZone` (an IANA name; UTC unless given). */
function dateParts(date: Date, timeZone: string): DateParts {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const pick = (type: string) =>
    format.formatToParts(date).find((part) => part.type === type)?.value ?? '';
  return { year: pick('year').padStart(4, '0'), month: pick('month'), day: pick('day') };
}

function usable(pattern: string): AutoNumberPattern {
  const parsed = parseAutoNumberPattern(pattern);
  if (parsed.issues.length > 0)
    throw new Error(`Invalid auto-number pattern "${pattern}":\n${formatIssues(parsed.issues)}`);
  return parsed;
}

/** `formatAutoNumber('HT-{yyyy}-{seq:4}', date, 1)` → `HT-2026-0001`. Throws on a bad pattern or seq. */
export function formatAutoNumber(
  pattern: string,
  date: Date,
  seq: number,
  timeZone = 'UTC',
): string {
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw new RangeError(`sequence number must be a whole number ≥ 1, got ${seq}`);
  const parts = dateParts(date, timeZone);
  return usable(pattern)
    .parts.map((part) =>
      part.kind === 'text'
        ? part.text
        : part.kind === 'date'
          ? DATE_TOKENS[part.token].print(parts)
          : String(seq).padStart(part.width, '0'),
    )
    .join('');
}

/**
 * The key of the counter a number is drawn from: '' for a pattern that never resets,
 * `2026` for one with {yyyy}/{yy}, `2026-03` with {MM}, `2026-03-15` with {dd}.
 */
export function autoNumberCounterKey(pattern: string, date: Date, timeZone = 'UTC'): string {
  const { year, month, day } = dateParts(date, timeZone);
  const keys: Record<ResetPeriod, string> = {
    never: '',
    year,
    month: `${year}-${month}`,
    day: `${year}-${month}-${day}`,
  };
  return keys[usable(pattern).resetPeriod];
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regex matching the numbers a pattern produces (digits where tokens are). */
export function autoNumberMatcher(parsed: AutoNumberPattern): RegExp {
  const source = parsed.parts
    .map((part) =>
      part.kind === 'text'
        ? escapeRegex(part.text)
        : part.kind === 'date'
          ? `\\d{${DATE_TOKENS[part.token].digits}}`
          : `\\d{${part.width},}`,
    )
    .join('');
  return new RegExp(`^${source}$`);
}
