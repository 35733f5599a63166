import type { Bilingual } from '../i18n/localized.ts';
import { type Issue, issue } from '../issues/issue.ts';

/** Where in an expression's source a problem is: offsets plus 1-based line and column. */
export interface SourceRange {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
}

export type ExpressionErrorCode =
  | 'too_long'
  | 'syntax'
  | 'type'
  | 'result_type'
  | 'unsafe_regex'
  | 'limit'
  | 'too_costly'
  | 'evaluation'
  | 'budget'
  | 'empty_value';

/** Any problem with an expression: compile-time (syntax, types, caps) or at evaluation. */
export class ExpressionError extends Error {
  readonly code: ExpressionErrorCode;
  readonly detail: Bilingual;
  readonly source: string;
  readonly range: SourceRange | undefined;

  constructor(
    code: ExpressionErrorCode,
    detail: Bilingual,
    source: string,
    at?: { start: number; end: number },
  ) {
    const range = at ? rangeOf(source, at.start, at.end) : undefined;
    super(range ? `${detail.en} (line ${range.line}, column ${range.column})` : detail.en);
    this.name = 'ExpressionError';
    this.code = code;
    this.detail = detail;
    this.source = source;
    this.range = range;
  }

  /** The error as an issue at `path`, with the position in both languages. */
  toIssue(path: string): Issue {
    const where = this.range;
    const message: Bilingual = where
      ? {
          en: `${this.detail.en} (at line ${where.line}, column ${where.column})`,
          'zh-CN': `${this.detail['zh-CN']}（第 ${where.line} 行第 ${where.column} 列）`,
        }
      : this.detail;
    return issue(path, `expression.${this.code}`, message);
  }
}

function rangeOf(source: string, start: number, end: number): SourceRange {
  const before = source.slice(0, Math.max(0, start));
  const lines = before.split('\n');
  return { start, end, line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** The first line of a cel-js message (the rest is its own ASCII-art caret). */
export function summaryOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim();
}
