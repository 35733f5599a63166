import type { Form } from '@formily/core';
import type {
  AppDefinition,
  Bilingual,
  FieldDefinition,
  FieldTypeDefinition,
  FormDefinition,
  FormSection,
  Issue,
  Locale,
  Platform,
  TableDefinition,
} from '@tessera/core';
import type { FieldState, FormValues, RowTotal } from './form-types.ts';

/** A running form: formily state, CEL linkage, node rights and the platform's validation. */
export interface FormRuntime {
  readonly form: Form;
  readonly platform: Platform;
  readonly app: AppDefinition;
  readonly definition: FormDefinition;
  readonly table: TableDefinition;
  readonly locale: Locale;
  /** Plain JSON copy of the current values. */
  values(): FormValues;
  /** The value at a dotted path (`amount`, `lines.0.price`); reactive inside a formily tracker. */
  valueAt(path: string): unknown;
  setValue(path: string, value: unknown): void;
  fieldState(path: string): FieldState;
  /** The definition of a field (`amount`) or a sub-table column (`lines.price`, `lines.0.price`). */
  fieldAt(path: string): FieldDefinition | undefined;
  fieldType(field: FieldDefinition): FieldTypeDefinition | undefined;
  /** Sections to show: those with at least one field the node may see (or text). */
  sections(): readonly FormSection[];
  /** Creates the formily fields of a section (once); called when the section is shown. */
  ensureSection(sectionId: string): void;
  /** How many formily fields exist (lazy creation keeps it to the shown sections). */
  createdFields(): number;
  /** Records text its field type could not read (undefined clears it). */
  setInputIssue(path: string, message: Bilingual | undefined): void;
  /** Validates and shows the issues; empty when the values can be sent. */
  validate(): Issue[];
  /** The issues of the last validation. */
  issues(): readonly Issue[];
  submitValues(): FormValues;
  addRow(field: string, row?: FormValues): boolean;
  removeRow(field: string, index: number): boolean;
  moveRow(field: string, from: number, to: number): boolean;
  totals(field: string): RowTotal[];
  /** Sets a link field to a picked record and copies the fields its `pull` config names. */
  pickRecord(field: string, id: string | undefined, values?: FormValues): void;
  readonly disposed: boolean;
  dispose(): void;
}
