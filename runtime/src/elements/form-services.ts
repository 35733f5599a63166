import type { FormValues } from '../forms/form-types.ts';

/** A record offered by a search: its id, the text shown for it, and its values (for `pull`). */
export interface RecordChoice {
  readonly id: string;
  readonly title: string;
  readonly values?: FormValues;
}

/** A person or department offered by a picker. */
export interface DirectoryChoice {
  readonly id: string;
  readonly name: string;
}

/**
 * What field elements may ask of the page hosting the form, injected as properties of
 * `<tessera-form>`: the form itself never fetches, so it runs in the designer's preview, in
 * tests and in the app alike.
 */
export interface FormServices {
  searchRecords?(table: string, text: string): Promise<readonly RecordChoice[]>;
  /** The title of a record already linked (shown before anything is searched). */
  recordTitle?(table: string, id: string): Promise<string | undefined>;
  /** The address of a record's page, for the "open" link. */
  recordHref?(table: string, id: string): string | undefined;
  searchUsers?(text: string): Promise<readonly DirectoryChoice[]>;
  /** The name of a person already chosen (a default such as `currentUser.id`, a stored value). */
  userName?(id: string): Promise<string | undefined>;
  searchDepartments?(text: string): Promise<readonly DirectoryChoice[]>;
  /** Uploads a file and gives the attachment entry to store. */
  uploadFile?(field: string, file: File): Promise<Record<string, unknown>>;
}
