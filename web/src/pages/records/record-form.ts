import {
  type AppDefinition,
  defaultForm,
  type FieldRightName,
  type Locale,
  localize,
} from '@tessera/core';
import type { RecordView } from '@tessera/core/api';
import { createFormRuntime, type FormRuntime, type FormUser } from '@tessera/runtime/forms';
import { ApiProblem } from '../../api/api-error.ts';
import { browserPlatform } from '../../forms/form-kit.ts';

/** A record as `GET …/records/{id}` returns it. */
export type StoredRecord = RecordView;

/**
 * The table's default form (its first in the app, the one the server applies to record writes),
 * as a runtime over `values` with every field at `right`.
 */
export function tableFormRuntime(
  app: AppDefinition,
  table: string,
  locale: Locale,
  right: FieldRightName,
  values?: Record<string, unknown>,
  user?: FormUser,
): FormRuntime | undefined {
  const form = defaultForm(app, table);
  if (!form) return undefined;
  return createFormRuntime({
    platform: browserPlatform(),
    app,
    form,
    locale,
    fallbackRight: right,
    ...(values ? { values } : {}),
    ...(user ? { user } : {}),
  });
}

/** The server's message, led by the label of the field it names when it does not say it. */
export function problemText(
  error: unknown,
  app: AppDefinition | undefined,
  table: string,
  locale: Locale,
) {
  if (!(error instanceof ApiProblem)) return String(error);
  const id = error.field?.split('/').filter(Boolean).at(-1);
  const field = app?.tables.find((one) => one.id === table)?.fields.find((one) => one.id === id);
  const label = field ? localize(field.label, locale, field.id) : undefined;
  return label && !error.message.includes(label) ? `${label}: ${error.message}` : error.message;
}
