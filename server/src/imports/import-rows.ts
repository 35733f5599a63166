import type { Bilingual, FieldDefinition, Locale, Platform } from '@tessera/core';
import { findUserByUsername } from '../accounts/username-claim.ts';
import type { PublishedTable } from '../records/published-apps.ts';
import type { StoreContext } from '../storage/store-context.ts';
import { cellValue, splitList, type UserIds } from './cell-value.ts';
import type { ColumnMatch } from './match-columns.ts';
import type { SheetGrid } from './sheet-grid.ts';

export interface RowIssue {
  readonly field: string | null;
  readonly message: string;
}

/** One data row of the file, its cells converted to the values of their fields. */
export interface ImportRow {
  readonly row: number;
  readonly values: Record<string, unknown>;
  readonly issues: RowIssue[];
}

const say = (text: Bilingual, locale: Locale) => text[locale];

/** The usernames in the user columns, looked up once each (any case). */
async function lookUpUsers(
  context: StoreContext,
  platform: Platform,
  fields: readonly (FieldDefinition | undefined)[],
  grid: SheetGrid,
): Promise<UserIds> {
  const names = new Set<string>();
  fields.forEach((field, column) => {
    if (!field || platform.fieldTypes.get(field.type)?.holds !== 'user') return;
    for (const line of grid.cells.slice(1)) {
      for (const name of splitList(line[column] ?? '')) {
        if (!name.startsWith('user:')) names.add(name.toLowerCase());
      }
    }
  });
  const found = new Map<string, string | undefined>();
  for (const name of names) {
    found.set(name, (await findUserByUsername(context, name))?._id);
  }
  return found;
}

/**
 * The data rows (after the header; blank lines skipped), each cell converted by its column's
 * field. Conversion problems are the row's issues; validation comes after.
 */
export async function convertRows(
  context: StoreContext,
  platform: Platform,
  target: PublishedTable,
  grid: SheetGrid,
  match: ColumnMatch,
  locale: Locale,
): Promise<ImportRow[]> {
  const fields = match.columns.map((column) =>
    column.field === null ? undefined : target.table.fields.find((one) => one.id === column.field),
  );
  const users = await lookUpUsers(context, platform, fields, grid);
  const rows: ImportRow[] = [];
  grid.cells.slice(1).forEach((line, index) => {
    if (line.every((cell) => cell.trim() === '')) return;
    const values: Record<string, unknown> = {};
    const issues: RowIssue[] = [];
    fields.forEach((field, column) => {
      const text = line[column] ?? '';
      if (!field || text.trim() === '') return;
      const outcome = cellValue(platform, target.app, field, text, users);
      if ('issue' in outcome) issues.push({ field: field.id, message: say(outcome.issue, locale) });
      else if (outcome.value !== undefined) values[field.id] = outcome.value;
    });
    if (line.length > match.columns.length && line.slice(match.columns.length).some(Boolean)) {
      issues.push({
        field: null,
        message: say(
          {
            en: 'the row has more cells than the header has columns',
            'zh-CN': '该行的单元格比表头的列多',
          },
          locale,
        ),
      });
    }
    rows.push({ row: grid.rows[index + 1] ?? index + 2, values, issues });
  });
  return rows;
}

/** `/amount` or `/lines/0/qty` → the field it is about (`amount`, `lines`); `` → null. */
export function fieldOfPath(path: string): string | null {
  const head = path.split('/')[1];
  if (head === undefined || head === '') return null;
  return head.replaceAll('~1', '/').replaceAll('~0', '~');
}
