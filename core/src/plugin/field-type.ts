import type { Static, TSchema } from 'typebox';
import type { Bilingual, Locale, LocalizedText } from '../i18n/localized.ts';
import type { Issue } from '../issues/issue.ts';
import type { AppDefinition } from '../model/app.ts';
import type { DictionaryDefinition } from '../model/dictionary.ts';
import type { FieldDefinition } from '../model/field.ts';
import type { TableDefinition } from '../model/table.ts';
import type { JsonSchema } from '../schema/validate-schema.ts';
import type { ConfigMigration } from './config-migration.ts';
import type { FieldListHooks } from './field-list.ts';

/** A field as a field type sees it: the definition with `config` already validated and typed. */
export interface FieldOf<Config> extends Omit<FieldDefinition, 'config'> {
  readonly config: Config;
}

/** What a field type may look up while describing or checking a field. */
export interface FieldContext {
  readonly app: AppDefinition;
  readonly table: TableDefinition;
  /** Resolve a data dictionary by id (undefined when the app has none of that id). */
  dictionary(id: string): DictionaryDefinition | undefined;
  /** Resolve a table by id (for links). */
  tableById(id: string): TableDefinition | undefined;
  /** The CEL type of another field (for computed fields and links pulling fields in). */
  celTypeOf(table: TableDefinition, field: FieldDefinition): string;
  /** Type-checks a CEL expression over `table`'s fields; returns issues under `path`. */
  checkExpression(source: string, path: string, expect?: string, table?: TableDefinition): Issue[];
  /** Another installed field type by id (e.g. a sub-table's column types); undefined when none. */
  fieldType(type: string): FieldTypeDefinition | undefined;
}

/** What validating a value may consult beyond the field itself. */
export interface ValueContext {
  readonly locale?: Locale;
  dictionary(id: string): DictionaryDefinition | undefined;
  /** Another installed field type by id (e.g. a sub-table's column types); undefined when none. */
  fieldType(type: string): FieldTypeDefinition | undefined;
}

/** What the designer needs to put a field type in its palette and property panel. */
export interface FieldDesignerHooks {
  /** Palette group. */
  readonly group: 'basic' | 'choice' | 'datetime' | 'people' | 'relation' | 'advanced';
  /** Icon name from the designer's icon set. */
  readonly icon: string;
  /** Config the designer gives a newly dropped field of this type. */
  defaultConfig(): Record<string, unknown>;
}

/** What the form runtime needs to render and edit a value of this type. */
export interface FieldFormHooks {
  /** Custom element tag the form runtime renders for this field (supplied by the plugin). */
  readonly element: string;
  /** Turn what an input produced (text) into a stored value, or an issue naming the problem. */
  parseInput?(input: string, field: FieldOf<never>): { value: unknown } | { issue: Bilingual };
  /** Text shown in read-only mode, lists and exports. */
  format(value: unknown, field: FieldOf<never>, locale: Locale): string;
  /** Whether a value counts as empty for "required". */
  isEmpty(value: unknown): boolean;
}

/**
 * Numbers the platform draws from a shared counter when a record is created (流水号). The
 * server keeps one counter per field and `counterKey`, increments it with compare-and-swap and
 * stores `format(…, seq)`; a new key (a new year, month or day) starts again at 1.
 */
export interface FieldSequenceHooks<Config> {
  /** The counter a record created at `at` draws from: '' when it never resets, `2026`, `2026-03` … */
  counterKey(field: FieldOf<Config>, at: Date, timeZone: string): string;
  /** The stored value for sequence number `seq` (1, 2, …) drawn at `at`. */
  format(field: FieldOf<Config>, at: Date, seq: number, timeZone: string): unknown;
}

/** A stored file a value refers to. */
export interface FileReference {
  /** JSON pointer, relative to the value, of the file entry (`/0`, `/2/scan/1`). */
  readonly path: string;
  /** The file's id in file storage. */
  readonly id: string;
  /** The field the file was uploaded for: its id, or `<sub-table>.<column>` inside rows. */
  readonly field: string;
}

/** What an upload for one field may be. */
export interface FileUploadRules {
  /** Largest size in bytes. */
  readonly maxSize: number;
  /** Whether a file of this name and declared MIME type is an accepted kind. */
  accepts(name: string, type: string): boolean;
}

/** For field types whose values refer to uploaded files (attachments, and rows holding them). */
export interface FieldFileHooks<Config> {
  /** The files a stored value refers to; parts that are not file entries are skipped. */
  references(value: unknown, field: FieldOf<Config>, ctx: ValueContext): FileReference[];
  /** Present when files are uploaded for this field itself. */
  upload?(field: FieldOf<Config>): FileUploadRules;
}

/** A field of a linked record copied into a field of the linking record (带出字段). */
export interface LinkPull {
  readonly from: string;
  readonly to: string;
}

/**
 * For field types whose values point at records of another table (links): what the server
 * needs to check a link (the record exists, in that table, within the caller's row scope) and
 * to copy the linked record's fields in itself rather than take them from the client.
 */
export interface FieldLinkHooks<Config> {
  /** The table of the app whose records a value points at. */
  table(field: FieldOf<Config>): string;
  /** The record ids a stored value points at; none for a value that holds no id. */
  ids(value: unknown, field: FieldOf<Config>): string[];
  /**
   * The linked record's fields copied into fields of the linking table (of the row, for a
   * column), when the value points at exactly one record; none otherwise.
   */
  pulls(field: FieldOf<Config>): readonly LinkPull[];
  /** Whether a stored value is a list of ids rather than one. */
  multiple(field: FieldOf<Config>): boolean;
}

/**
 * A field type contributed by a plugin: its config schema, the JSON Schema fragment of its
 * stored values, its CEL mapping, validation, default, and the hooks of designer and runtime.
 */
export interface FieldTypeDefinition<Config extends TSchema = TSchema> {
  readonly type: string;
  readonly label: Bilingual;
  readonly description?: LocalizedText;
  /** Schema of `field.config` for this type. */
  readonly config: Config;
  /** Current version of the config shape; older configs are migrated by `migrations`. */
  readonly configVersion?: number;
  readonly migrations?: readonly ConfigMigration[];
  /** How references to users/departments are resolved by flows (assignee rules). */
  readonly holds?: 'user' | 'department' | 'record';
  /** True for fields whose value the platform computes (computed, auto-number): never user input. */
  readonly derived?: boolean;
  /** True for text that can name its record: a table naming no title field is titled by its first such field. */
  readonly titles?: boolean;
  /** For derived fields numbered from a shared counter when a record is created (auto-number). */
  readonly sequence?: FieldSequenceHooks<Static<Config>>;
  /** JSON Schema fragment describing a stored value (for record schemas and `.d.ts` types). */
  valueSchema(field: FieldOf<Static<Config>>, ctx: FieldContext): JsonSchema;
  /** CEL type of the value inside expressions: `string`, `int`, `double`, `decimal`, `bool`, `timestamp`, `list<string>`, `list`, `map` … */
  celType(field: FieldOf<Static<Config>>, ctx: FieldContext): string;
  /** Stored JSON value → CEL value (e.g. money "12.30" → decimal, date → timestamp). */
  toCel(value: unknown, field: FieldOf<Static<Config>>): unknown;
  /** CEL result → stored JSON value (for defaults and computed values). */
  fromCel(value: unknown, field: FieldOf<Static<Config>>): unknown;
  /**
   * The stored form of a value a client gave, before it is checked: rich text sanitised, rows
   * normalised column by column. Values of types without it are stored as given.
   */
  normalize?(value: unknown, field: FieldOf<Static<Config>>, ctx: ValueContext): unknown;
  /** For fields whose value is a list of rows (sub-tables): the fields of each row. */
  columns?(field: FieldOf<Static<Config>>): readonly FieldDefinition[];
  /** Checks one stored value (never undefined/null: "required" is the platform's job). Paths are relative to the value. */
  validate(value: unknown, field: FieldOf<Static<Config>>, ctx: ValueContext): Issue[];
  /** The value a new record starts with when the field has no `default` expression. */
  defaultValue(field: FieldOf<Static<Config>>): unknown;
  /** Checks the field definition against the app (dictionary exists, link target exists …). Paths relative to the field. */
  checkDefinition?(field: FieldOf<Static<Config>>, ctx: FieldContext): Issue[];
  /** Ascending order of two non-empty values, for sorting lists. */
  compare(a: unknown, b: unknown, field: FieldOf<Static<Config>>): number;
  /** Only for values that refer to uploaded files: lets the server check and resolve them. */
  readonly files?: FieldFileHooks<Static<Config>>;
  /** Only for values that point at records (`holds: 'record'`): what links to and pulls in. */
  readonly links?: FieldLinkHooks<Static<Config>>;
  readonly designer: FieldDesignerHooks;
  readonly form: FieldFormHooks;
  /** How lists show and filter values; defaults from `form.format` and the CEL type. */
  readonly list?: FieldListHooks<Static<Config>>;
}

/** Defines a field type; the identity function that gives plugin authors inference. */
export function defineFieldType<Config extends TSchema>(
  definition: FieldTypeDefinition<Config>,
): FieldTypeDefinition<Config> {
  return definition;
}
