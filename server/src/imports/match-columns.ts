import type { Bilingual, FieldDefinition, Platform, TableDefinition } from '@tessera/core';

/** One column of the file: the field it fills, or null with the reason it is left out. */
export interface MatchedColumn {
  readonly header: string;
  readonly field: string | null;
  readonly issue?: Bilingual;
}

export interface ColumnMatch {
  readonly columns: readonly MatchedColumn[];
  /** Required fields no column fills. */
  readonly missing: readonly FieldDefinition[];
}

/** Headers compare ignoring case and every kind of space (full-width ones too). */
const normalize = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/** Fields a cell can fill: not computed or numbered by the platform, not files, not rows. */
export function importable(platform: Platform, field: FieldDefinition): boolean {
  const type = platform.fieldTypes.get(field.type);
  if (!type || type.derived || type.sequence || type.files) return false;
  return true;
}

/**
 * Maps header cells to fields by field id or by label (zh-CN or en), ignoring case and spaces.
 * Unknown, repeated and unimportable columns are reported and left out, never fatal.
 */
export function matchColumns(
  platform: Platform,
  table: TableDefinition,
  headers: readonly string[],
): ColumnMatch {
  const lookup = new Map<string, FieldDefinition>();
  for (const field of table.fields) {
    const label = field.label;
    const names =
      typeof label === 'string' ? [label] : [label?.['zh-CN'], label?.en].filter(Boolean);
    for (const name of names as string[]) {
      if (!lookup.has(normalize(name))) lookup.set(normalize(name), field);
    }
  }
  // an id wins over a label that happens to read the same
  for (const field of table.fields) lookup.set(normalize(field.id), field);
  const taken = new Set<string>();
  const columns = headers.map((raw): MatchedColumn => {
    const header = raw.trim();
    const field = header === '' ? undefined : lookup.get(normalize(header));
    if (!field) {
      return {
        header,
        field: null,
        issue: {
          en: `column "${header}" matches no field of table "${table.id}" and is ignored`,
          'zh-CN': `列“${header}”不对应表“${table.id}”的任何字段，已忽略`,
        },
      };
    }
    if (taken.has(field.id)) {
      return {
        header,
        field: null,
        issue: {
          en: `column "${header}" fills field "${field.id}" again and is ignored`,
          'zh-CN': `列“${header}”重复对应字段“${field.id}”，已忽略`,
        },
      };
    }
    if (!importable(platform, field)) {
      return {
        header,
        field: null,
        issue: {
          en: `field "${field.id}" is computed, numbered or holds files: it cannot be imported`,
          'zh-CN': `字段“${field.id}”由平台计算、编号或存放附件，不能导入`,
        },
      };
    }
    taken.add(field.id);
    return { header, field: field.id };
  });
  const missing = table.fields.filter(
    (field) => field.required === true && importable(platform, field) && !taken.has(field.id),
  );
  return { columns, missing };
}
