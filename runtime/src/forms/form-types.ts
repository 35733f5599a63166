import type {
  AppDefinition,
  FieldRightName,
  FormDefinition,
  Issue,
  Locale,
  Platform,
} from '@tessera/core';

/** What `currentUser` is inside a form's expressions (the same shape the server passes). */
export interface FormUser {
  readonly id: string;
  readonly name: string;
  readonly department: string;
  readonly roles: readonly string[];
}

export type FormValues = Record<string, unknown>;

export interface FormRuntimeOptions {
  readonly platform: Platform;
  readonly app: AppDefinition;
  readonly form: FormDefinition;
  /** The flow node whose rights apply; without one every field gets `fallbackRight`. */
  readonly node?: string;
  /** The record's values; when absent the form starts a new record from the fields' defaults. */
  readonly values?: FormValues;
  readonly locale: Locale;
  /** The right of fields the node's rights do not name (default `edit`). */
  readonly fallbackRight?: FieldRightName;
  readonly user?: FormUser;
  /** The clock expressions see as `now` (tests pin it). */
  readonly now?: () => Date;
  /** Create formily fields only when their section is shown (default true). */
  readonly lazy?: boolean;
}

/** A field's state as linkage rules and node rights leave it. */
export interface FieldState {
  readonly visible: boolean;
  readonly required: boolean;
  readonly readOnly: boolean;
  readonly right: FieldRightName;
  /** Messages of the issues at or under this path, in the form's locale. */
  readonly errors: readonly string[];
}

/** A total under a sub-table column: the stored-form value and its display text. */
export interface RowTotal {
  readonly column: string;
  readonly fn: 'sum' | 'count' | 'avg' | 'min' | 'max';
  readonly value: unknown;
  readonly text: string;
}

export type { Issue };
