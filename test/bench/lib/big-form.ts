/**
 * The big forms of B3 and B4, made in the page (bundled with it): `n` fields in sections of 50,
 * 2 columns, field types rotated text → number → money → date → select → long-text.
 * Field k (1-based) has the id `f<k>` with four digits (`f0001`) and the label `Field k`.
 */
import type { AppDefinition, FormDefinition, LinkageRule } from '@tessera/core';

export const FIELD_TYPES = ['text', 'number', 'money', 'date', 'select', 'long-text'] as const;
export type BenchFieldType = (typeof FIELD_TYPES)[number];
export const SECTION_SIZE = 50;

export const fieldId = (k: number) => `f${String(k).padStart(4, '0')}`;

export interface BigFormOptions {
  /** Fields that must be text whatever the rotation says (the ones B4 types into). */
  readonly textFields?: readonly number[];
  /** Linkage rules: for each k, field k+1 is required once field k (a text field) is non-empty. */
  readonly requiredAfter?: readonly number[];
}

export interface BenchField {
  readonly id: string;
  readonly label: string;
  readonly type: BenchFieldType;
}

export const OPTIONS = ['north', 'south', 'east', 'west'];

/** The fields, in order, with their types. */
export function benchFields(n: number, options: BigFormOptions = {}): BenchField[] {
  const text = new Set([...(options.textFields ?? []), ...(options.requiredAfter ?? [])]);
  const fields: BenchField[] = [];
  for (let k = 1; k <= n; k++) {
    const type = text.has(k) ? 'text' : FIELD_TYPES[(k - 1) % FIELD_TYPES.length]!;
    fields.push({ id: fieldId(k), label: `Field ${k}`, type });
  }
  return fields;
}

/** An app with one table of `n` fields and its form (one section per 50 fields, no tabs). */
export function bigForm(
  n: number,
  options: BigFormOptions = {},
): { app: AppDefinition; form: FormDefinition } {
  const fields = benchFields(n, options);
  const sections: FormDefinition['sections'] = [];
  for (let start = 0; start < n; start += SECTION_SIZE) {
    sections.push({
      id: `s${sections.length + 1}`,
      label: `Section ${sections.length + 1}`,
      columns: 2,
      items: fields.slice(start, start + SECTION_SIZE).map((field) => ({ field: field.id })),
    });
  }
  const rules: LinkageRule[] = (options.requiredAfter ?? [])
    .filter((k) => k < n)
    .map((k) => ({ id: `r${k}`, field: fieldId(k + 1), required: `${fieldId(k)} != ""` }));
  const form: FormDefinition = {
    id: 'big',
    label: 'Big form',
    table: 'big',
    sections,
    ...(rules.length > 0 ? { rules } : {}),
  };
  const app: AppDefinition = {
    schemaVersion: 1,
    id: 'bench',
    label: 'Bench',
    tables: [
      {
        id: 'big',
        label: 'Big',
        kind: 'master',
        fields: fields.map((field) => ({
          id: field.id,
          type: field.type,
          label: field.label,
          ...(field.type === 'select'
            ? { config: { options: OPTIONS.map((value) => ({ value, label: value })) } }
            : {}),
        })),
      },
    ],
    forms: [form],
  };
  return { app, form };
}
