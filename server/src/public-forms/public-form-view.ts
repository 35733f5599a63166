import type { Platform } from '@tessera/core';
import type { PublicFormView } from '@tessera/core/api';
import { shownFields } from './fillable-fields.ts';
import type { FoundPublicForm } from './find-public-form.ts';

/** What a browser needs to render a public form; nothing about the flow or other fields. */
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
