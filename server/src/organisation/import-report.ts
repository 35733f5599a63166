import type { Bilingual, Locale } from '@tessera/core';
import { ApiError } from '../http/api-error.ts';

export interface RowError {
  readonly row: number;
  readonly field: string;
  readonly message: string;
}

export interface ImportReport {
  readonly dryRun: boolean;
  readonly created: number;
  readonly updated: number;
  readonly errors: readonly RowError[];
}

export interface ImportOptions {
  /** true: check every row and report, write nothing. */
  readonly dryRun: boolean;
  /** The language of the error messages. */
  readonly locale: Locale;
  /** Called before each row is written and once at the end: rows written so far, rows to write. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Collects a report's errors in one language, at most one per row and column. */
export class RowErrors {
  readonly list: RowError[] = [];
  readonly #rows = new Set<number>();

  constructor(readonly locale: Locale) {}

  add(row: number, field: string, message: Bilingual): void {
    if (this.list.some((error) => error.row === row && error.field === field)) return;
    this.#rows.add(row);
    this.list.push({ row, field, message: message[this.locale] });
  }

  /**
   * Adds a refusal thrown by a store (an ApiError naming a JSON pointer such as `/department`),
   * reported under the column that holds that field.
   */
  addRefusal(row: number, error: unknown, columnOf: (pointer: string | undefined) => string) {
    if (!(error instanceof ApiError)) throw error;
    this.add(row, columnOf(error.field), error.detail);
  }

  has(row: number): boolean {
    return this.#rows.has(row);
  }

  sorted(): RowError[] {
    return [...this.list].sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
  }
}
