import type {
  AppDefinition,
  Bilingual,
  FieldDefinition,
  FieldOf,
  FieldTypeDefinition,
  LocalizedText,
  Platform,
} from '@tessera/core';

export type CellOutcome = { readonly value: unknown } | { readonly issue: Bilingual };

/** Cells listing several values (multi-select, several users): `a, b`, `a；b`, `a、b`, lines. */
export const splitList = (text: string): string[] =>
  text
    .split(/[,;，；、|\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');

const squash = (text: string) => text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');

const labelsOf = (label: LocalizedText): string[] =>
  typeof label === 'string' ? [label] : ([label['zh-CN'], label.en].filter(Boolean) as string[]);

/** The options of a select: its own, or its dictionary's. */
function optionsOf(app: AppDefinition, field: FieldDefinition) {
  const config = field.config ?? {};
  if (Array.isArray(config.options)) {
    return config.options as { value: string; label: LocalizedText }[];
  }
  const dictionary = app.dictionaries?.find((one) => one.id === config.dictionary);
  return dictionary?.items ?? [];
}

/** A field whose values come from options (select, multi-select): its config names them. */
const hasOptions = (field: FieldDefinition) =>
  Array.isArray(field.config?.options) || typeof field.config?.dictionary === 'string';

/** Whether the type holds a list (a multi-select): its CEL type says so. */
function listTyped(type: FieldTypeDefinition | undefined, field: FieldOf<never>): boolean {
  try {
    return type?.celType(field, {} as never).startsWith('list<') === true;
  } catch {
    return false;
  }
}

/** An option by its value, else by its label in either language (case and spaces ignored). */
function optionValue(app: AppDefinition, field: FieldDefinition, text: string): string {
  const options = optionsOf(app, field);
  if (options.some((one) => one.value === text)) return text;
  const wanted = squash(text);
  const byLabel = options.find(
    (one) => squash(one.value) === wanted || labelsOf(one.label).some((l) => squash(l) === wanted),
  );
  return byLabel?.value ?? text; // an unknown option is left for validation to name
}

/** Users by username (already looked up): the cell holds usernames, the record user ids. */
export type UserIds = ReadonlyMap<string, string | undefined>;

function userValue(field: FieldDefinition, text: string, users: UserIds): CellOutcome {
  const names = splitList(text);
  const ids: string[] = [];
  for (const name of names) {
    const id = name.startsWith('user:') ? name : users.get(name.toLowerCase());
    if (id === undefined) {
      return {
        issue: {
          en: `there is no user with the username "${name}"`,
          'zh-CN': `没有用户名为“${name}”的用户`,
        },
      };
    }
    ids.push(id);
  }
  return { value: field.config?.multiple === true || ids.length > 1 ? ids : ids[0] };
}

/**
 * A cell's text as the value a field stores: options by value or label, users by username,
 * everything else through its field type's own `parseInput` (what the form does with typed
 * text: numbers, money as decimal text, dates, 是/否), else the trimmed text.
 * Text stays text: `=1+2` is stored as written, never evaluated.
 */
export function cellValue(
  platform: Platform,
  app: AppDefinition,
  field: FieldDefinition,
  text: string,
  users: UserIds,
): CellOutcome {
  const type = platform.fieldTypes.get(field.type);
  const typed = { ...field, config: field.config ?? {} } as unknown as FieldOf<never>;
  if (type?.holds === 'user') return userValue(field, text, users);
  if (hasOptions(field)) {
    return listTyped(type, typed)
      ? { value: splitList(text).map((part) => optionValue(app, field, part)) }
      : { value: optionValue(app, field, text.trim()) };
  }
  const parse = type?.form?.parseInput;
  return parse ? parse(text, typed) : { value: text.trim() };
}
