import {
  type DictionaryDefinition,
  type FormDefinition,
  type LocalizedText,
  type Platform,
  Type,
} from '@tessera/core';
import { shownFields } from './fillable-fields.ts';
import type { FoundPublicForm } from './find-public-form.ts';

/** What a browser needs to render a public form; nothing about the flow or other fields. */
export interface PublicFormView {
  readonly app: string;
  readonly id: string;
  readonly label: LocalizedText;
  readonly table: { readonly id: string; readonly label: LocalizedText };
  /** The form's layout, reduced to the shown fields, and its linkage rules over them. */
  readonly form: Pick<FormDefinition, 'id' | 'label' | 'sections' | 'rules'>;
  /** The shown fields, each with `right`: `edit`, or `read` for one the submitter cannot set. */
  readonly fields: readonly Record<string, unknown>[];
  /** The data dictionaries the shown select fields take their options from. */
  readonly dictionaries: readonly DictionaryDefinition[];
  /** Whether a submission starts a flow item (its status can then be followed). */
  readonly startsFlow: boolean;
}

export const PublicFormViewSchema = Type.Object(
  {
    app: Type.String(),
    id: Type.String(),
    label: Type.Unknown({ description: 'localized text' }),
    table: Type.Object({ id: Type.String(), label: Type.Unknown() }),
    form: Type.Unknown({ description: 'the form definition, reduced to the shown fields' }),
    fields: Type.Array(Type.Unknown(), { description: 'field definitions with right' }),
    dictionaries: Type.Array(Type.Unknown()),
    startsFlow: Type.Boolean(),
  },
  { title: 'PublicForm' },
);

export function publicFormView(platform: Platform, found: FoundPublicForm): PublicFormView {
  const { app, table, form, publicForm } = found;
  const shown = shownFields(platform, found);
  const ids = new Set(shown.map((one) => one.field.id));
  const sections = form.sections
    .map((section) => ({
      ...section,
      items: section.items.filter((item) => !('field' in item) || ids.has(item.field)),
    }))
    .filter((section) => section.items.some((item) => 'field' in item));
  const rules = (form.rules ?? []).filter((rule) => ids.has(rule.field.split('.')[0]!));
  const named = new Set(
    shown
      .map((one) => one.field.config?.dictionary)
      .filter((id): id is string => typeof id === 'string'),
  );
  return {
    app: app.id,
    id: publicForm.id,
    label: publicForm.label,
    table: { id: table.id, label: table.label },
    form: {
      id: form.id,
      label: form.label,
      sections,
      ...(rules.length > 0 ? { rules } : {}),
    },
    fields: shown.map(({ field, right }) => ({ ...field, right })),
    dictionaries: (app.dictionaries ?? []).filter((one) => named.has(one.id)),
    startsFlow: publicForm.flow !== undefined,
  };
}
