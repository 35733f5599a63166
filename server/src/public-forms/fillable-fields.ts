import {
  type FieldDefinition,
  type FieldRightName,
  nodeFieldRights,
  type Platform,
} from '@tessera/core';
import { preparedFlow } from '../flows/prepared-flows.ts';
import type { FoundPublicForm } from './find-public-form.ts';

/** A field a public form shows, and whether the submitter may fill it. */
export interface ShownField {
  readonly field: FieldDefinition;
  readonly right: Exclude<FieldRightName, 'hidden'>;
}

/** Whether a field takes uploads itself or through a column of its rows. */
export function holdsFiles(platform: Platform, field: FieldDefinition): boolean {
  if (platform.fieldTypes.get(field.type)?.files?.upload) return true;
  const columns = field.config?.fields;
  return (
    Array.isArray(columns) &&
    (columns as FieldDefinition[]).some((one) => holdsFiles(platform, one))
  );
}

/**
 * The fields the form places, in its order, minus those its flow's start node hides; derived
 * fields (computed, auto-numbers) are read-only. Attachment fields are left out: public forms
 * take no files.
 */
export function shownFields(platform: Platform, found: FoundPublicForm): ShownField[] {
  const { app, table, form, publicForm } = found;
  const start =
    publicForm.flow === undefined
      ? undefined
      : preparedFlow(platform, app, publicForm.flow).start.id;
  const rights = start === undefined ? undefined : nodeFieldRights(form, start, 'edit');
  const shown: ShownField[] = [];
  for (const section of form.sections) {
    for (const item of section.items) {
      if (!('field' in item)) continue;
      const field = table.fields.find((one) => one.id === item.field);
      if (!field || holdsFiles(platform, field)) continue;
      const right = rights?.rightOf(field.id) ?? 'edit';
      if (right === 'hidden') continue;
      const type = platform.fieldTypes.get(field.type);
      const derived = type?.derived === true || type?.sequence !== undefined;
      shown.push({ field, right: derived ? 'read' : right });
    }
  }
  return shown;
}
